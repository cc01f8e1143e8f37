import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finishPort, type PortContext, startPort } from './port-context.js';

const MANIFEST = {
  name: 'staging-manifest.json',
  contentType: 'application/json',
  content: '{"digest":"x"}\n',
};

describe('deployments, statuses and releases over Octokit', () => {
  let ctx: PortContext;
  beforeEach(async () => {
    ctx = await startPort();
  });
  afterEach(() => finishPort(ctx));

  it('creates a deployment with its payload and no required contexts, then sets its statuses', async () => {
    const id = await ctx.port.createDeployment({
      environment: 'staging',
      sha: ctx.mainSha,
      payload: { digest: 'sha256:abc' },
      description: 'Lockstep deploy',
    });
    await ctx.port.setDeploymentStatus(id, {
      state: 'in_progress',
      description: 'deploying',
      logUrl: 'https://ci/run/1',
    });
    await ctx.port.setDeploymentStatus(id, { state: 'success', description: 'x'.repeat(200) });
    expect(ctx.calls()).toEqual([
      'repos/create-deployment',
      'repos/create-deployment-status',
      'repos/create-deployment-status',
    ]);
    const created = ctx.fake.requests[0]?.body;
    expect(created).toMatchObject({
      ref: ctx.mainSha,
      environment: 'staging',
      auto_merge: false,
      required_contexts: [],
    });
    const [deployment] = await ctx.port.deployments('staging');
    expect(deployment).toEqual({
      id,
      environment: 'staging',
      sha: ctx.mainSha,
      createdAt: expect.any(String),
      state: 'success',
      payload: { digest: 'sha256:abc' },
    });
  });

  it('lists the latest deployments of one environment, newest first, with one status call each', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(
        await ctx.port.createDeployment({
          environment: 'dev',
          sha: ctx.mainSha,
          payload: { i },
          description: `#${i}`,
        }),
      );
    }
    await ctx.port.createDeployment({
      environment: 'prod-eu',
      sha: ctx.mainSha,
      payload: 'plain text',
      description: 'p',
    });
    ctx.calls();
    const latest = await ctx.port.deployments('dev');
    expect(latest.map((d) => d.id)).toEqual(ids.slice(2).reverse());
    expect(latest.every((d) => d.state === undefined)).toBe(true);
    expect(ctx.calls()).toEqual([
      'repos/list-deployments',
      ...latest.map(() => 'repos/list-deployment-statuses'),
    ]);
    expect((await ctx.port.deployments('dev', { limit: 2 })).map((d) => d.id)).toEqual([ids[6], ids[5]]);
    expect(await ctx.port.deployments('nowhere')).toEqual([]);
  });

  it('sets a commit status with its target url', async () => {
    await ctx.port.setCommitStatus(ctx.mainSha, {
      context: 'lockstep/policy',
      state: 'success',
      description: 'allowed',
      targetUrl: 'https://ci/run/2',
    });
    const { data } = await ctx.octokit.rest.repos.getCombinedStatusForRef({
      owner: 'acme',
      repo: 'deploy',
      ref: ctx.mainSha,
    });
    expect(data.statuses).toMatchObject([
      { context: 'lockstep/policy', state: 'success', target_url: 'https://ci/run/2' },
    ]);
  });

  it('creates a release on the deploy tag with its asset, and a rerun changes nothing', async () => {
    ctx.repo.git.refs.set('refs/tags/deploy/staging/1', ctx.mainSha);
    const input = { tag: 'deploy/staging/1', name: 'staging #1', body: '| a | b |', assets: [MANIFEST] };
    const first = await ctx.port.upsertRelease(input);
    expect(first).toMatchObject({ created: true, url: expect.stringContaining('/releases/tag/deploy') });
    expect(ctx.calls()).toEqual([
      'repos/get-release-by-tag 404',
      'repos/create-release',
      'repos/upload-release-asset',
    ]);
    const again = await ctx.port.upsertRelease(input);
    expect(again).toEqual({ ...first, created: false });
    // The fake gives no asset digest, so the same-sized asset is downloaded once to compare.
    expect(ctx.calls()).toEqual(['repos/get-release-by-tag', 'repos/get-release-asset']);
    const releases = ctx.repo.releases.releases;
    expect(releases).toHaveLength(1);
    expect(releases[0]?.assets.map((a) => [a.name, a.contentType, a.data.toString()])).toEqual([
      [MANIFEST.name, 'application/json', MANIFEST.content],
    ]);
    expect([...ctx.repo.git.refs.keys()].filter((r) => r.startsWith('refs/tags/'))).toEqual([
      'refs/tags/deploy/staging/1',
    ]);
  });

  it('updates a changed body and replaces an asset whose content changed, keeping the others', async () => {
    ctx.repo.git.refs.set('refs/tags/deploy/staging/1', ctx.mainSha);
    const notes = { name: 'notes.txt', contentType: 'text/plain', content: 'notes\n' };
    const first = await ctx.port.upsertRelease({
      tag: 'deploy/staging/1',
      name: 'n',
      body: 'old',
      assets: [MANIFEST, notes],
    });
    ctx.calls();
    const changed = { ...MANIFEST, content: '{"digest":"y"}\n' };
    const second = await ctx.port.upsertRelease({
      tag: 'deploy/staging/1',
      name: 'n',
      body: 'new',
      assets: [changed, notes],
    });
    expect(second).toEqual({ ...first, created: false });
    expect(ctx.calls()).toEqual([
      'repos/get-release-by-tag',
      'repos/update-release',
      'repos/get-release-asset',
      'repos/delete-release-asset',
      'repos/upload-release-asset',
      'repos/get-release-asset',
    ]);
    const release = ctx.repo.releases.releases[0];
    expect(release?.body).toBe('new');
    expect(release?.assets.map((a) => [a.name, a.data.toString()]).sort()).toEqual([
      ['notes.txt', 'notes\n'],
      [MANIFEST.name, changed.content],
    ]);
  });

  it('converges after a 502 on the upload: the rerun uploads only the missing asset', async () => {
    ctx.repo.git.refs.set('refs/tags/deploy/staging/1', ctx.mainSha);
    ctx.fake.faults.inject({
      operationId: 'repos/upload-release-asset',
      kind: 'status',
      status: 502,
      times: 4,
    });
    const input = { tag: 'deploy/staging/1', name: 'staging #1', body: 'b', assets: [MANIFEST] };
    await expect(ctx.port.upsertRelease(input)).rejects.toMatchObject({ status: 502 });
    ctx.calls();
    expect(await ctx.port.upsertRelease(input)).toMatchObject({ created: false });
    expect(ctx.calls()).toEqual(['repos/get-release-by-tag', 'repos/upload-release-asset']);
    expect(ctx.repo.releases.releases[0]?.assets).toHaveLength(1);
  });
});
