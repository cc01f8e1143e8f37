import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubPort } from '../../src/github/github-port.js';
import { commitFiles } from '../demo/repo-ops.js';
import { type DeployWorld, deploy, deployState, REPO, startWorld } from './deploy-fixture.js';

/** A digest in Lockstep's form, for Deployments other runs made. */
const DIGEST = `sha256:${'0'.repeat(64)}`;

let world: DeployWorld;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  world.fake.assertClean();
  await world.close();
});

/** The world's port with `before` run ahead of every call of one of its methods. */
function hooked<K extends keyof GitHubPort>(
  name: K,
  before: (...args: unknown[]) => Promise<void>,
): GitHubPort {
  const port = world.port;
  const original = port[name] as (...args: unknown[]) => Promise<unknown>;
  return {
    ...port,
    [name]: async (...args: unknown[]) => {
      await before(...args);
      return original.apply(port, args);
    },
  };
}

/** No Deployment left unfinished, one tag and one release with its asset. */
async function expectConverged(): Promise<void> {
  const state = await deployState(world, 'dev');
  for (const d of state.deployments) expect(['success', 'error', 'inactive']).toContain(d.states.at(-1));
  expect(state.deployments.filter((d) => d.states.at(-1) === 'success')).toHaveLength(1);
  expect(state.tags.map((t) => t.tag)).toEqual(['deploy/dev/1']);
  expect(state.releases.map((r) => [r.tag_name, r.assets.length])).toEqual([['deploy/dev/1', 1]]);
}

describe('deploy: GitHub failing mid-deploy, and the rerun', () => {
  it('rides out a secondary rate limit on the tag ref and a 502 on a status', async () => {
    world.fake.faults.inject({
      operationId: 'git/create-ref',
      kind: 'secondary-rate-limit',
      retryAfter: 1,
      times: 1,
    });
    world.fake.faults.inject({
      operationId: 'repos/create-deployment-status',
      kind: 'status',
      status: 502,
      times: 1,
    });
    const { io } = await deploy(world, 'dev', world.seed);
    expect(io.failures).toEqual([]);
    expect(world.fake.faults.fired).toHaveLength(2);
    await expectConverged();
  });

  it('tag ref refused past the retries: the step fails, the Deployment says error, a rerun converges', async () => {
    world.fake.faults.inject({ operationId: 'git/create-ref', kind: 'status', status: 502, times: 4 });
    await expect(deploy(world, 'dev', world.seed)).rejects.toThrow();
    const broken = await deployState(world, 'dev');
    expect(broken.deployments.map((d) => d.states)).toEqual([['in_progress', 'error']]);
    expect(broken.tags).toEqual([]);
    const { io } = await deploy(world, 'dev', world.seed);
    expect(io.failures).toEqual([]);
    await expectConverged();
  });

  it('success status lost after the tag: the rerun closes the Deployment as success, no second tag', async () => {
    // The tag is made; then GitHub fails the release and every status write past the retries.
    const port = hooked('createDeployTag', async () => {
      world.fake.faults.inject({
        operationId: 'repos/create-release',
        kind: 'status',
        status: 503,
        times: 4,
      });
      world.fake.faults.inject({
        operationId: 'repos/create-deployment-status',
        kind: 'status',
        status: 503,
        times: 4,
      });
    });
    await expect(deploy(world, 'dev', world.seed, {}, { port })).rejects.toThrow();
    const broken = await deployState(world, 'dev');
    expect(broken.deployments.map((d) => d.states)).toEqual([['in_progress']]);
    expect(broken.releases).toEqual([]);
    const { io } = await deploy(world, 'dev', world.seed);
    expect(io.failures).toEqual([]);
    expect(io.infos.join('\n')).toMatch(/1 unfinished Deployment\(s\) closed/);
    await expectConverged();
  });

  it('a crashed attempt left in_progress is closed as superseded by the rerun', async () => {
    // What a runner killed mid-deploy leaves: Lockstep's Deployment of the commit, in_progress.
    const actions = world.octokitFor('carol-ops');
    const { data } = await actions.rest.repos.createDeployment({
      ...REPO,
      ref: world.seed,
      environment: 'dev',
      payload: { digest: DIGEST, tag: 'deploy/dev/1', rollback: false },
      required_contexts: [],
      auto_merge: false,
    });
    const crashed = 'id' in data ? data.id : 0;
    await actions.rest.repos.createDeploymentStatus({
      ...REPO,
      deployment_id: crashed,
      state: 'in_progress',
    });
    const { io } = await deploy(world, 'dev', world.seed);
    expect(io.failures).toEqual([]);
    const { data: statuses } = await actions.rest.repos.listDeploymentStatuses({
      ...REPO,
      deployment_id: crashed,
    });
    expect(statuses[0]).toMatchObject({ state: 'error', description: 'superseded by a rerun' });
    await expectConverged();
  });
});

/** A Deployment of dev at the seed by another client: Lockstep's when the payload has a digest. */
async function createDeployment(payload?: Record<string, unknown>): Promise<number> {
  const { data } = await world.octokitFor('carol-ops').rest.repos.createDeployment({
    ...REPO,
    ref: world.seed,
    environment: 'dev',
    ...(payload ? { payload } : {}),
    required_contexts: [],
    auto_merge: false,
  });
  return 'id' in data ? data.id : 0;
}

describe('deploy: two runs for one environment', () => {
  it('a Deployment of the environment created meanwhile stops ours before the tag', async () => {
    let other = 0;
    // The concurrency check lists Deployments without their states: another run starts just before.
    const port = hooked('deployments', async (_env, options) => {
      if ((options as { states?: boolean } | undefined)?.states !== false) return;
      other = await createDeployment({ digest: DIGEST, tag: 'deploy/dev/1', rollback: false });
    });
    const { io, result } = await deploy(world, 'dev', world.seed, {}, { port });
    expect(result?.failure).toBe(
      `dev not tagged: another deploy of dev started meanwhile (deployment ${other}); its run decides what dev runs`,
    );
    const state = await deployState(world, 'dev');
    const ours = state.deployments.find((d) => d.id === Number(io.outputs['deployment-id']));
    expect(ours?.states).toEqual(['in_progress', 'error']);
    expect(state.tags).toEqual([]);
  });

  it('a tag number taken meanwhile by another commit fails clearly, without a release', async () => {
    const port = hooked('createDeployTag', async () => {
      const other = await commitFiles(world.octokitFor('dana'), REPO, 'main', { 'NOTES.md': 'x\n' }, 'other');
      await world.port.createDeployTag({
        tag: 'deploy/dev/1',
        commit: other,
        message: `Deploy dev #1\n\nLockstep-Digest: sha256:${'0'.repeat(64)}`,
      });
    });
    const { result } = await deploy(world, 'dev', world.seed, {}, { port });
    expect(result?.failure).toMatch(
      /^dev not tagged: The deploy tag deploy\/dev\/1 already points at [0-9a-f]{12}, not at [0-9a-f]{12}: another deploy of dev took that number meanwhile; rerun the workflow/,
    );
    const state = await deployState(world, 'dev');
    expect(state.deployments.map((d) => d.states)).toEqual([['in_progress', 'error']]);
    expect(state.releases).toEqual([]);
  });

  it("leaves GitHub's own Deployments alone (a job with environment:), unfinished or newer", async () => {
    // GitHub's Deployment for the job (actions/runner#2120): same environment and commit, no digest.
    const job = await createDeployment();
    await world.octokitFor('carol-ops').rest.repos.createDeploymentStatus({
      ...REPO,
      deployment_id: job,
      state: 'in_progress',
    });
    // Another job's, created while ours runs: no other Lockstep deploy, so the check must pass.
    let meanwhile = 0;
    const port = hooked('deployments', async (_env, options) => {
      if ((options as { states?: boolean } | undefined)?.states === false)
        meanwhile = await createDeployment();
    });
    const { io } = await deploy(world, 'dev', world.seed, {}, { port });
    expect(io.failures).toEqual([]);
    expect(io.outputs.tag).toBe('deploy/dev/1');
    const state = await deployState(world, 'dev');
    const ours = Number(io.outputs['deployment-id']);
    expect(state.deployments.map((d) => [d.id, d.states])).toEqual([
      [job, ['in_progress']],
      [ours, ['in_progress', 'success']],
      [meanwhile, []],
    ]);
    expect(state.tags.map((t) => t.tag)).toEqual(['deploy/dev/1']);
  });
});
