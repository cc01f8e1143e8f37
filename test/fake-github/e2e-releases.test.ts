import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type E2eContext, finishE2e, startE2e } from './e2e-context.js';

describe('releases and release assets through @octokit/rest', () => {
  let ctx: E2eContext;
  beforeEach(async () => {
    ctx = await startE2e();
  });
  afterEach(() => finishE2e(ctx));

  it('creates a release with its tag, uploads an asset and downloads its bytes', async () => {
    const octokit = ctx.as('lockstep-bot');
    const release = await octokit.rest.repos.createRelease({
      ...ctx.repo,
      tag_name: 'v1.0.0',
      target_commitish: 'main',
      name: 'v1.0.0',
      body: 'First release',
    });
    expect(release.status).toBe(201);
    const tag = await octokit.rest.git.getRef({ ...ctx.repo, ref: 'tags/v1.0.0' });
    expect(tag.data.object.sha).toBe(ctx.initialSha);
    // The upload URL points back at the fake, so octokit posts the bytes there.
    expect(release.data.upload_url.startsWith(`${ctx.fake.url}/`)).toBe(true);

    const bytes = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0x00, 0x7f, 0x80]);
    const uploaded = await octokit.rest.repos.uploadReleaseAsset({
      ...ctx.repo,
      release_id: release.data.id,
      url: release.data.upload_url,
      name: 'plan.tar.gz',
      label: 'Deployment plan',
      // octokit types `data` as a string; it sends a Buffer as it is.
      data: bytes as unknown as string,
      headers: { 'content-type': 'application/octet-stream', 'content-length': bytes.length },
    });
    expect(uploaded.status).toBe(201);
    expect(uploaded.data).toMatchObject({
      name: 'plan.tar.gz',
      label: 'Deployment plan',
      size: bytes.length,
    });
    const logged = ctx.fake.requests.find((r) => r.operationId === 'repos/upload-release-asset');
    expect(Buffer.isBuffer(logged?.body)).toBe(true);

    const assets = await octokit.rest.repos.listReleaseAssets({ ...ctx.repo, release_id: release.data.id });
    expect(assets.data.map((a) => a.name)).toEqual(['plan.tar.gz']);

    const download = await octokit.rest.repos.getReleaseAsset({
      ...ctx.repo,
      asset_id: uploaded.data.id,
      headers: { accept: 'application/octet-stream' },
    });
    expect(download.headers['content-type']).toBe('application/octet-stream');
    expect(Buffer.from(download.data as unknown as ArrayBuffer)).toEqual(bytes);

    const metadata = await octokit.rest.repos.getReleaseAsset({ ...ctx.repo, asset_id: uploaded.data.id });
    expect(metadata.data).toMatchObject({ download_count: 1, content_type: 'application/octet-stream' });
    const byTag = await octokit.rest.repos.getReleaseByTag({ ...ctx.repo, tag: 'v1.0.0' });
    expect(byTag.data.assets.map((a) => a.id)).toEqual([uploaded.data.id]);
  });

  it('refuses a second release for a tag and a second asset of the same name with 422', async () => {
    const octokit = ctx.as('lockstep-bot');
    const release = await octokit.rest.repos.createRelease({ ...ctx.repo, tag_name: 'v1.0.0' });
    await expect(octokit.rest.repos.createRelease({ ...ctx.repo, tag_name: 'v1.0.0' })).rejects.toMatchObject(
      {
        status: 422,
        response: { data: { errors: [{ resource: 'Release', field: 'tag_name', code: 'already_exists' }] } },
      },
    );
    const upload = () =>
      octokit.rest.repos.uploadReleaseAsset({
        ...ctx.repo,
        release_id: release.data.id,
        url: release.data.upload_url,
        name: 'notes.txt',
        data: 'notes\n',
        headers: { 'content-type': 'text/plain' },
      });
    await upload();
    await expect(upload()).rejects.toMatchObject({ status: 422 });
  });

  it('lists releases newest first and keeps the tag when a release is deleted', async () => {
    const octokit = ctx.as('acme');
    const first = await octokit.rest.repos.createRelease({ ...ctx.repo, tag_name: 'v1.0.0' });
    const second = await octokit.rest.repos.createRelease({ ...ctx.repo, tag_name: 'v1.1.0' });
    const listed = await octokit.rest.repos.listReleases(ctx.repo);
    expect(listed.data.map((r) => r.id)).toEqual([second.data.id, first.data.id]);
    await octokit.rest.repos.deleteRelease({ ...ctx.repo, release_id: first.data.id });
    await expect(octokit.rest.repos.getReleaseByTag({ ...ctx.repo, tag: 'v1.0.0' })).rejects.toMatchObject({
      status: 404,
    });
    expect((await octokit.rest.git.getRef({ ...ctx.repo, ref: 'tags/v1.0.0' })).status).toBe(200);
  });
});
