import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitFiles } from '../demo/repo-ops.js';
import {
  type DeployWorld,
  deploy,
  deployState,
  earlierDeploy,
  REPO,
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

/** A command driver that fails for every manifest but `okDigest` (node, no shell). */
async function commandDriverFailingExcept(okDigest: string): Promise<void> {
  const script = `console.log('rolling out ' + process.env.LOCKSTEP_DIGEST); process.exit(process.env.LOCKSTEP_DIGEST === '${okDigest}' ? 0 : 3)`;
  await setDeployBlock(
    world,
    'dev',
    `deploy:\n  driver: command\n  command: [${JSON.stringify(process.execPath)}, "-e", ${JSON.stringify(script)}]`,
  );
}

describe('deploy: driver failures', () => {
  it('a failing command driver fails the Deployment and the step, without a tag', async () => {
    const { current } = await withEarlierDeploy(world, 'dev');
    await commandDriverFailingExcept('none');
    const { io, result } = await deploy(world, 'dev', current);
    expect(result?.failure).toMatch(/^dev not deployed: .*exit(ed)? .*3/);
    expect(io.infos.some((l) => l.includes('rolling out sha256:'))).toBe(true);
    const state = await deployState(world, 'dev');
    expect(state.deployments.map((d) => d.states)).toEqual([['in_progress', 'failure']]);
    expect(state.tags.map((t) => t.tag)).toEqual(['deploy/dev/1']);
    expect(io.outputs).toMatchObject({ tag: '', 'rolled-back-to': '' });
    expect(io.outputs['deployment-id']).toBe(String(state.deployments[0]!.id));
  });

  it('with rollback-on-failure, the last tag is redeployed as its own Deployment, and the step still fails', async () => {
    const { old, current } = await withEarlierDeploy(world, 'dev');
    const earlier = await earlierDeploy('dev');
    await commandDriverFailingExcept(earlier.digest);
    const { io, result } = await deploy(world, 'dev', current, { rollbackOnFailure: true });
    expect(result?.failure).toMatch(/^dev not deployed: .*; rolled back to deploy\/dev\/1: succeeded$/);
    expect(io.outputs['rolled-back-to']).toBe('deploy/dev/1');
    expect(io.summaries[0]).toMatch(/Rollback to `deploy\/dev\/1` \(deployment \d+\): succeeded/);
    const state = await deployState(world, 'dev');
    expect(state.deployments).toEqual([
      expect.objectContaining({ sha: current, states: ['in_progress', 'failure'] }),
      {
        id: expect.any(Number),
        sha: old,
        payload: { digest: earlier.digest, rollback: true, from: 'deploy/dev/2', to: 'deploy/dev/1' },
        states: ['in_progress', 'success'],
      },
    ]);
    // No tag for the redeploy: deploy/dev/1 already records what runs.
    expect(state.tags.map((t) => t.tag)).toEqual(['deploy/dev/1']);
  });

  it('a failed deploy without rollback-on-failure, then main back at the last tag (a rollback PR): redeployed, no new tag', async () => {
    const { current } = await withEarlierDeploy(world, 'dev');
    const earlier = await earlierDeploy('dev');
    await commandDriverFailingExcept(earlier.digest);
    const failed = await deploy(world, 'dev', current);
    expect(failed.result?.failure).toMatch(/^dev not deployed/);
    // The bot's rollback PR brings the last tag's files back to main; the workflow deploys its merge.
    for (const [path, text] of Object.entries(earlier.files))
      await writeFile(join(world.workspace, path), text);
    await commandDriverFailingExcept(earlier.digest);
    const back = await commitFiles(world.octokitFor('dana'), REPO, 'main', earlier.files, 'Roll back dev');
    const { io, result } = await deploy(world, 'dev', back);
    expect(result?.failure).toBeUndefined();
    expect(io.infos.join('\n')).toMatch(
      /dev runs deploy\/dev\/1 again after the failed deploy deploy\/dev\/2/,
    );
    expect(io.outputs.tag).toBe('deploy/dev/1');
    const state = await deployState(world, 'dev');
    expect(state.deployments.at(-1)).toMatchObject({
      payload: { digest: earlier.digest, rollback: true, from: 'deploy/dev/2', to: 'deploy/dev/1' },
      states: ['in_progress', 'success'],
    });
    expect(state.tags.map((t) => t.tag)).toEqual(['deploy/dev/1']);
    // Run again: the last Deployment ran this manifest, so the run converges without deploying.
    const again = await deploy(world, 'dev', back);
    expect(again.io.infos.join('\n')).toMatch(/already deployed as deploy\/dev\/1; nothing to deploy/);
    expect((await deployState(world, 'dev')).deployments).toHaveLength(2);
  });

  it('rollback-on-failure with no earlier deploy says there is nothing to roll back to', async () => {
    await commandDriverFailingExcept('none');
    const { result } = await deploy(world, 'dev', world.seed, { rollbackOnFailure: true });
    expect(result?.failure).toMatch(/\(no earlier deploy to roll back to\)$/);
  });
});

describe('deploy: the webhook driver', () => {
  let server: Server;
  const seen: { status: number; headers: IncomingHttpHeaders }[] = [];
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('retries a 5xx and deploys on the success that follows, signed', async () => {
    let calls = 0;
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        calls += 1;
        const status = calls === 1 ? 503 : 200;
        seen.push({ status, headers: req.headers });
        res.writeHead(status).end(status === 200 ? 'ok' : 'busy');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await setDeployBlock(
      world,
      'dev',
      `deploy:\n  driver: webhook\n  url: http://127.0.0.1:${port}/deploy\n  secretEnv: DEV_HOOK_SECRET\n  retries: 2`,
    );
    const { io } = await deploy(world, 'dev', world.seed, {}, { env: { DEV_HOOK_SECRET: 's3cret' } });
    expect(io.failures).toEqual([]);
    expect(seen.map((s) => s.status)).toEqual([503, 200]);
    expect(seen[1]?.headers['x-lockstep-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(io.outputs.tag).toBe('deploy/dev/1');
    const state = await deployState(world, 'dev');
    expect(state.deployments.map((d) => d.states)).toEqual([['in_progress', 'success']]);
  });
});
