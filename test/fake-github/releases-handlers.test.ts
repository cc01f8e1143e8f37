import { describe, expect, it } from 'vitest';
import { body, call, callError, seededState } from './handler-harness.js';
import { releaseHandlers as h } from './handlers/releases.js';

describe('release handlers', () => {
  it('creates a release and its tag on the target; a second release for the tag is 422', async () => {
    const { state, repo, sha } = seededState();
    const res = await call(h, state, 'repos/create-release', {
      body: { tag_name: 'v1.0.0', name: 'v1', body: 'notes' },
    });
    expect(res.status).toBe(201);
    expect(body(res)).toMatchObject({
      tag_name: 'v1.0.0',
      target_commitish: 'main',
      draft: false,
      assets: [],
    });
    expect(repo.git.refs.get('refs/tags/v1.0.0')).toBe(sha);
    const dup = await callError(h, state, 'repos/create-release', { body: { tag_name: 'v1.0.0' } });
    expect([dup.status, dup.message, dup.errors]).toEqual([
      422,
      'Validation Failed',
      [{ resource: 'Release', field: 'tag_name', code: 'already_exists' }],
    ]);
  });

  it('gets by id and tag, lists newest first, updates and deletes', async () => {
    const { state } = seededState();
    const a = body<{ id: number }>(
      await call(h, state, 'repos/create-release', { body: { tag_name: 'v1' } }),
    );
    await call(h, state, 'repos/create-release', { body: { tag_name: 'v2', prerelease: true } });
    expect(body(await call(h, state, 'repos/get-release-by-tag', { params: { tag: 'v2' } }))).toMatchObject({
      prerelease: true,
    });
    const list = body<Array<{ tag_name: string }>>(await call(h, state, 'repos/list-releases'));
    expect(list.map((r) => r.tag_name)).toEqual(['v2', 'v1']);
    const params = { release_id: String(a.id) };
    expect(
      body(await call(h, state, 'repos/update-release', { params, body: { name: 'First' } })),
    ).toMatchObject({ name: 'First' });
    expect(body(await call(h, state, 'repos/get-release', { params }))).toMatchObject({
      name: 'First',
      tag_name: 'v1',
    });
    expect((await call(h, state, 'repos/delete-release', { params })).status).toBe(204);
    expect((await callError(h, state, 'repos/get-release', { params })).status).toBe(404);
    expect((await callError(h, state, 'repos/get-release-by-tag', { params: { tag: 'v1' } })).status).toBe(
      404,
    );
  });

  it('uploads, lists and downloads an asset; the same name twice is 422', async () => {
    const { state } = seededState();
    const r = body<{ id: number; upload_url: string }>(
      await call(h, state, 'repos/create-release', { body: { tag_name: 'v1' } }),
    );
    expect(r.upload_url).toContain(`/releases/${r.id}/assets{?name,label}`);
    const params = { release_id: String(r.id) };
    const upload = {
      params,
      query: { name: 'plan.json' },
      body: Buffer.from('{"a":1}'),
      headers: { 'content-type': 'application/json' },
    };
    const asset = body<{ id: number; size: number; name: string }>(
      await call(h, state, 'repos/upload-release-asset', upload),
    );
    expect(asset).toMatchObject({
      name: 'plan.json',
      size: 7,
      content_type: 'application/json',
      state: 'uploaded',
    });
    expect((await callError(h, state, 'repos/upload-release-asset', upload)).status).toBe(422);
    expect(body<unknown[]>(await call(h, state, 'repos/list-release-assets', { params }))).toHaveLength(1);
    const raw = await call(h, state, 'repos/get-release-asset', {
      params: { asset_id: String(asset.id) },
      headers: { accept: 'application/octet-stream' },
    });
    expect(String(raw.body)).toBe('{"a":1}');
    expect(
      body(await call(h, state, 'repos/get-release-asset', { params: { asset_id: String(asset.id) } })),
    ).toMatchObject({ download_count: 1 });
  });
});
