import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitFiles, mergePull, openPull, resetBranch } from '../demo/repo-ops.js';
import {
  type DeployWorld,
  deploy,
  deployState,
  REPO,
  startWorld,
  withEarlierDeploy,
} from './deploy-fixture.js';

let world: DeployWorld;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  world.fake.assertClean();
  await world.close();
});

/**
 * dana changes a comment of staging.yaml in a pull request (staging's first deploy: every item is
 * added, so the manifest-approval channel needs 2 approvals), `approvers` review its head, dana
 * merges; the checkout becomes the merge commit. Returns the merge commit.
 */
async function mergedChange(branch: string, note: string, approvers: readonly string[]): Promise<string> {
  const path = 'environments/staging.yaml';
  const text = `${await readFile(join(world.workspace, path), 'utf8')}# ${note}\n`;
  const dana = world.octokitFor('dana');
  const { data: main } = await dana.rest.git.getRef({ ...REPO, ref: 'heads/main' });
  await resetBranch(dana, REPO, branch, main.object.sha);
  await commitFiles(dana, REPO, branch, { [path]: text }, note);
  const pull = await openPull(dana, REPO, { head: branch, title: note, body: '', author: 'dana' });
  for (const login of approvers)
    await world.octokitFor(login).rest.pulls.createReview({
      ...REPO,
      pull_number: pull.number,
      commit_id: pull.headSha,
      event: 'APPROVE',
    });
  const merged = await mergePull(dana, REPO, pull);
  await writeFile(join(world.workspace, path), text);
  return merged;
}

describe('deploy checks approvals itself, from the pull request that brought the commit', () => {
  it('refuses a needs-approval change pushed without a pull request', async () => {
    const { io, result } = await deploy(world, 'staging', world.seed);
    expect(result?.failure).toBe(
      `staging not deployed: needs approval but ${world.seed} did not come through a pull request (${result?.environments[0]?.reason}); merge the change through a reviewed pull request`,
    );
    expect(io.failures).toHaveLength(1);
    expect((await deployState(world, 'staging')).deployments).toEqual([]);
  });

  it('refuses it with 1 of 2 approvals, naming who approved and who may', async () => {
    const merged = await mergedChange('change-1', 'first change', ['alice']);
    const { result, io } = await deploy(world, 'staging', merged);
    expect(result?.failure).toMatch(
      /^staging not deployed: .*, and the pull request has 1 of 2 approvals \(alice\) from alice, carol-ops, @acme\/release-managers$/,
    );
    expect(io.summaries[0]).toContain('**Approvals:** 1 of 2 approvals (alice)');
    expect((await deployState(world, 'staging')).deployments).toEqual([]);
  });

  it('deploys it with two approvals on the head: a listed user and a team member', async () => {
    const merged = await mergedChange('change-2', 'second change', ['alice', 'bob']);
    const { io } = await deploy(world, 'staging', merged);
    expect(io.failures).toEqual([]);
    expect(io.outputs.tag).toBe('deploy/staging/1');
    const state = await deployState(world, 'staging');
    expect(state.deployments.map((d) => d.states)).toEqual([['in_progress', 'success']]);
    const release = state.releases.find((r) => r.tag_name === 'deploy/staging/1');
    expect(release?.body).toContain('Approvals: 2 of 2 approvals (alice, bob)');
  });

  it('refuses an upgrade in a freeze window outright (blocked), before any Deployment', async () => {
    // dev ran the examples' earlier manifest; the checkout upgrades it inside a freeze window.
    const { current } = await withEarlierDeploy(world, 'dev');
    const path = join(world.workspace, 'environments/dev.yaml');
    const freeze =
      'freeze:\n  - from: 2026-11-01T00:00:00Z\n    until: 2026-12-01T00:00:00Z\n    reason: test\n';
    await writeFile(path, `${await readFile(path, 'utf8')}\n${freeze}`);
    const { result, io } = await deploy(world, 'dev', current);
    expect(result?.failure).toMatch(/^dev not deployed: 1 policy violation\(s\)/);
    expect(io.annotations).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(/^dev: blocked: /),
        properties: expect.objectContaining({ title: 'Lockstep: blocked by policy' }),
      }),
    );
    expect(io.outputs.verdict).toBe('blocked');
    expect((await deployState(world, 'dev')).deployments).toEqual([]);
  });
});
