import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordCommandFreeze } from '../../bot/freeze/freeze-records.js';
import {
  type DeployWorld,
  deploy,
  deployState,
  REPO,
  startWorld,
  withEarlierDeploy,
} from './deploy-fixture.js';

describe("deploy honours the bot's /lockstep freeze", () => {
  let world: DeployWorld;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(async () => {
    try {
      world.fake.assertClean();
    } finally {
      await world.close();
    }
  });

  it('refuses an upgrade of an environment frozen by command, and deploys it once unfrozen', async () => {
    const { current } = await withEarlierDeploy(world, 'dev');
    // carol-ops froze dev from an issue comment: the bot kept the freeze under refs/lockstep/freeze/dev.
    await recordCommandFreeze(world.octokitFor('carol-ops'), REPO, {
      environment: 'dev',
      by: 'carol-ops',
      reason: 'incident 42',
      since: '2026-11-24T10:00:00Z',
      url: 'https://github.com/acme/deploy/issues/9#issuecomment-1',
    });
    const frozen = await deploy(world, 'dev', current);
    expect(frozen.result?.failure).toMatch(/^dev not deployed: 1 policy violation/);
    const said = frozen.io.annotations.map((a) => a.message).join('\n');
    expect(said).toContain('dev: blocked: frozen (frozen by @carol-ops with /lockstep freeze');
    expect(said).toContain('incident 42');
    const before = await deployState(world, 'dev');
    expect(before.deployments).toEqual([]);
    expect(before.tags.map((t) => t.tag)).toEqual(['deploy/dev/1']);

    await world.octokitFor('carol-ops').rest.git.deleteRef({ ...REPO, ref: 'lockstep/freeze/dev' });
    const thawed = await deploy(world, 'dev', current);
    expect(thawed.io.failures).toEqual([]);
    expect(thawed.io.outputs.tag).toBe('deploy/dev/2');
  });
});
