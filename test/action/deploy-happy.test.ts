import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type DeployWorld,
  deploy,
  deployState,
  RUN_URL,
  startWorld,
  withEarlierDeploy,
} from './deploy-fixture.js';

let world: DeployWorld;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  world.fake.assertClean();
  await world.close();
});

const devDigest = async () =>
  JSON.parse(await readFile(join(world.workspace, 'environments/dev.manifest.json'), 'utf8'))
    .digest as string;

describe('deploy through the Action against the fake GitHub', () => {
  it('deploys dev: Deployment in_progress -> success, tag deploy/dev/1, release with the manifest, outputs', async () => {
    const before = world.fake.requests.length;
    const { io, result } = await deploy(world, 'dev', world.seed);
    const calls = world.fake.requests.slice(before);
    expect(io.failures).toEqual([]);
    const digest = await devDigest();
    const state = await deployState(world, 'dev');
    expect(state.deployments).toEqual([
      {
        id: expect.any(Number),
        sha: world.seed,
        payload: { digest, tag: 'deploy/dev/1', rollback: false },
        states: ['in_progress', 'success'],
      },
    ]);
    expect(state.tags).toEqual([
      { tag: 'deploy/dev/1', environment: 'dev', n: 1, commit: world.seed, digest },
    ]);
    const release = state.releases[0]!;
    expect(release).toMatchObject({ tag_name: 'deploy/dev/1', name: 'dev #1' });
    expect(release.body).toContain('| item | from | to | class | why |');
    expect(release.body).toContain(`Lockstep-Digest: \`${digest}\``);
    expect(release.assets.map((a) => [a.name, a.content_type])).toEqual([
      ['dev.manifest.json', 'application/json'],
    ]);
    expect(io.outputs).toMatchObject({
      tag: 'deploy/dev/1',
      'deployment-id': String(state.deployments[0]!.id),
      digest,
      'rolled-back-to': '',
    });
    expect(io.summaries[0]).toMatch(/## Lockstep deploy of dev: deployed/);
    expect(result?.failure).toBeUndefined();
    // The directory driver wrote the deployed manifest into the checkout.
    expect(await readFile(join(world.workspace, '.lockstep/dev/deployed.manifest.json'), 'utf8')).toBe(
      await readFile(join(world.workspace, 'environments/dev.manifest.json'), 'utf8'),
    );
    // The log link of the Deployment statuses is the run.
    const statuses = calls.filter((r) => r.operationId === 'repos/create-deployment-status');
    expect(statuses.map((r) => (r.body as { log_url?: string }).log_url)).toEqual([RUN_URL, RUN_URL]);
    // Every call of one first deploy, in order; none repeated except the two Deployment listings and
    // the two ref listings (deploy tags, freeze records) sent together.
    expect(calls.map((r) => `${r.method} ${r.operationId}`)).toEqual([
      'GET git/list-matching-refs', // deploy tags of dev (none yet)
      'GET git/list-matching-refs', // the bot's /lockstep freeze records (none), at the same time
      'GET repos/list-deployments', // unfinished Deployments of this commit (a crashed attempt)
      'POST repos/create-deployment',
      'POST repos/create-deployment-status', // in_progress
      'GET repos/list-deployments', // a newer Deployment started meanwhile?
      'POST git/create-tag',
      'POST git/create-ref',
      'GET repos/get-release-by-tag', // 404: upsert creates it
      'POST repos/create-release',
      'POST repos/upload-release-asset',
      'POST repos/create-deployment-status', // success
    ]);
  });

  it('a rerun converges: no second tag, release or Deployment, nothing left in_progress', async () => {
    const first = await deploy(world, 'dev', world.seed);
    expect(first.io.failures).toEqual([]);
    const again = await deploy(world, 'dev', world.seed);
    expect(again.io.failures).toEqual([]);
    expect(again.io.outputs).toMatchObject({ tag: 'deploy/dev/1', 'deployment-id': '' });
    expect(again.io.infos.join('\n')).toMatch(/already deployed as deploy\/dev\/1; nothing to deploy/);
    const state = await deployState(world, 'dev');
    expect(state.deployments).toHaveLength(1);
    expect(state.deployments[0]!.states.at(-1)).toBe('success');
    expect(state.tags.map((t) => t.tag)).toEqual(['deploy/dev/1']);
    expect(state.releases).toHaveLength(1);
    expect(state.releases[0]!.assets).toHaveLength(1);
    // The release still describes the first deploy (every item added), not the rerun's "no change".
    expect(state.releases[0]!.body).toContain('| added |');
  });

  it('refuses drift: annotated, no Deployment', async () => {
    const path = join(world.workspace, 'environments/dev.manifest.json');
    const manifest = JSON.parse(await readFile(path, 'utf8'));
    manifest.platform = '3.3.0';
    await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
    const { io, result } = await deploy(world, 'dev', world.seed);
    expect(result?.failure).toMatch(/^dev not deployed: \d policy violation\(s\)/);
    expect(io.failures).toHaveLength(1);
    expect(io.annotations.some((a) => a.properties?.title === 'Lockstep: manifest drift')).toBe(true);
    expect((await deployState(world, 'dev')).deployments).toEqual([]);
  });

  it('deploys an upgrade over an earlier deploy as deploy/dev/2', async () => {
    const { current } = await withEarlierDeploy(world, 'dev');
    const { io } = await deploy(world, 'dev', current);
    expect(io.failures).toEqual([]);
    expect(io.outputs.tag).toBe('deploy/dev/2');
    const state = await deployState(world, 'dev');
    expect(state.tags.map((t) => [t.tag, t.commit])).toEqual([
      ['deploy/dev/1', expect.any(String)],
      ['deploy/dev/2', current],
    ]);
    expect(state.releases.find((r) => r.tag_name === 'deploy/dev/2')?.body).toMatch(/\| upgrade \|/);
  });

  it('refuses a commit older than the last deploy whose manifest was never deployed', async () => {
    await withEarlierDeploy(world, 'dev');
    // The seed precedes deploy/dev/1's commit, and its manifest is not deploy/dev/1's.
    const { result } = await deploy(world, 'dev', world.seed);
    expect(result?.failure).toMatch(
      /^dev not deployed: [0-9a-f]{12} is older than deploy\/dev\/1 \([0-9a-f]{12}\) and its manifest is not an earlier deploy's/,
    );
    expect((await deployState(world, 'dev')).deployments).toEqual([]);
  });
});
