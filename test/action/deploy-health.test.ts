import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type DeployWorld,
  deploy,
  deployState,
  earlierDeploy,
  setDeployBlock,
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

/**
 * dev with the directory driver and a health check (node, no shell, no retries) that exits 1 for
 * every manifest but `okDigest`.
 */
async function healthFailingExcept(okDigest: string): Promise<void> {
  const script = `process.exit(process.env.LOCKSTEP_DIGEST === '${okDigest}' ? 0 : 1)`;
  await setDeployBlock(
    world,
    'dev',
    [
      'deploy:',
      '  driver: directory',
      '  healthCheck:',
      `    command: [${JSON.stringify(process.execPath)}, "-e", ${JSON.stringify(script)}]`,
      '    retries: 0',
    ].join('\n'),
  );
}

describe('deploy: the health check fails', () => {
  it('without rollback-on-failure: Deployment failure, no tag, the step fails', async () => {
    const { current } = await withEarlierDeploy(world, 'dev');
    await healthFailingExcept('none');
    const { io, result } = await deploy(world, 'dev', current);
    expect(result?.failure).toMatch(/^dev not deployed: health check failed after 1 attempt\(s\)/);
    expect(io.failures).toHaveLength(1);
    const state = await deployState(world, 'dev');
    expect(state.deployments.map((d) => [d.sha, d.states])).toEqual([[current, ['in_progress', 'failure']]]);
    expect(state.tags.map((t) => t.tag)).toEqual(['deploy/dev/1']);
    expect(state.releases).toEqual([]);
    expect(io.outputs).toMatchObject({
      tag: '',
      'rolled-back-to': '',
      'deployment-id': String(state.deployments[0]!.id),
    });
  });

  it('with rollback-on-failure: the last tag is redeployed and checked, rolled-back-to is set', async () => {
    const { old, current } = await withEarlierDeploy(world, 'dev');
    const earlier = await earlierDeploy('dev');
    await healthFailingExcept(earlier.digest);
    const { io, result } = await deploy(world, 'dev', current, { rollbackOnFailure: true });
    expect(result?.failure).toMatch(
      /^dev not deployed: health check failed after 1 attempt\(s\).*; rolled back to deploy\/dev\/1: succeeded$/,
    );
    expect(io.failures).toHaveLength(1);
    expect(io.outputs['rolled-back-to']).toBe('deploy/dev/1');
    const state = await deployState(world, 'dev');
    expect(state.deployments.map((d) => [d.sha, d.payload, d.states])).toEqual([
      [current, expect.objectContaining({ tag: 'deploy/dev/2' }), ['in_progress', 'failure']],
      [
        old,
        { digest: earlier.digest, rollback: true, from: 'deploy/dev/2', to: 'deploy/dev/1' },
        ['in_progress', 'success'],
      ],
    ]);
    expect(state.tags.map((t) => t.tag)).toEqual(['deploy/dev/1']);
  });

  it('rollback-on-failure whose redeploy fails too: both outcomes reported, rolled-back-to empty', async () => {
    const { old, current } = await withEarlierDeploy(world, 'dev');
    await healthFailingExcept('none');
    const { io, result } = await deploy(world, 'dev', current, { rollbackOnFailure: true });
    expect(result?.failure).toMatch(
      /^dev not deployed: health check failed after 1 attempt\(s\).*; rolled back to deploy\/dev\/1: failed too \(health check failed after 1 attempt\(s\).*\)$/,
    );
    expect(io.outputs).toMatchObject({ tag: '', 'rolled-back-to': '' });
    expect(io.summaries[0]).toMatch(/- Rollout: health check failed/);
    expect(io.summaries[0]).toMatch(
      /Rollback to `deploy\/dev\/1` \(deployment \d+\): failed: health check failed/,
    );
    expect(io.infos.join('\n')).toMatch(/dev: rollback to deploy\/dev\/1 failed: /);
    const state = await deployState(world, 'dev');
    expect(state.deployments.map((d) => [d.sha, d.states])).toEqual([
      [current, ['in_progress', 'failure']],
      [old, ['in_progress', 'failure']],
    ]);
    expect(state.tags.map((t) => t.tag)).toEqual(['deploy/dev/1']);
    expect(state.releases).toEqual([]);
  });
});
