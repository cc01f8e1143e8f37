import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployWorld, deployState, startWorld } from './deploy-fixture.js';

/** The bundled Action: `npm run build` makes it; the test script checks it is fresh before vitest runs. */
const ACTION = fileURLToPath(new URL('../../dist/action.js', import.meta.url));

let world: DeployWorld;
let runner: string;
beforeAll(async () => {
  world = await startWorld();
  runner = await mkdtemp(join(tmpdir(), 'lockstep-runner-'));
});
afterAll(async () => {
  world.fake.assertClean();
  await world.close();
  await rm(runner, { recursive: true, force: true });
});

/** Runs dist/action.js as a runner does: INPUT_* and GITHUB_* variables, output and summary files. */
async function runStep(inputs: Record<string, string>, unset: readonly string[] = []) {
  const id = Math.random().toString(36).slice(2);
  const outputFile = join(runner, `output-${id}`);
  const summaryFile = join(runner, `summary-${id}`);
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: world.workspace,
    GITHUB_REPOSITORY: 'acme/deploy',
    GITHUB_SHA: world.seed,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: world.fake.url,
    GITHUB_RUN_ID: '7',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runner,
  };
  const all = {
    command: 'deploy',
    environments: 'dev',
    root: '.',
    token: world.fake.tokenFor('github-actions[bot]'),
    'github-api-url': world.fake.url,
    'tag-prefix': '',
    'rollback-on-failure': 'false',
    'log-url': '',
    'report-format': 'md',
    'report-path': '',
    'overdue-days': '7',
    ...inputs,
  };
  for (const [name, value] of Object.entries(all)) env[`INPUT_${name.toUpperCase()}`] = value;
  for (const name of unset) delete env[name];
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve, reject) => {
    execFile(
      process.execPath,
      [ACTION],
      { cwd: world.workspace, env, encoding: 'utf8', timeout: 20_000 },
      (error, out) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout: out });
      },
    );
  });
  const outputs: Record<string, string> = {};
  for (const m of (await readFile(outputFile, 'utf8')).matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm))
    outputs[m[1]!] = m[3]!;
  return { code, stdout, outputs, summary: await readFile(summaryFile, 'utf8') };
}

describe('dist/action.js deploy, as a runner runs it', () => {
  it('deploy needs exactly one environment: a settings error naming the input, nothing written', async () => {
    const step = await runStep({ environments: 'dev, staging' });
    expect(step.code).toBe(1);
    expect(step.stdout).toMatch(
      /input 'environments' names 2 environments: deploy takes exactly one environment/,
    );
    expect(step.stdout).not.toMatch(/\n\s+at /);
    expect(world.fake.requests).toEqual([]);
  });

  it('deploy without GITHUB_SHA: a settings error naming the variable, no request made', async () => {
    const before = world.fake.requests.length;
    const step = await runStep({}, ['GITHUB_SHA']);
    expect(step.code).toBe(1);
    expect(step.stdout).toMatch(/variable GITHUB_SHA is not set: deploy needs the commit to deploy/);
    expect(step.stdout).not.toMatch(/\n\s+at /);
    expect(world.fake.requests.length).toBe(before);
    expect(step.outputs).toEqual({});
  });

  it('a missing token names the input', async () => {
    const step = await runStep({ token: '' });
    expect(step.code).toBe(1);
    expect(step.stdout).toMatch(/input 'token' is empty/);
  });

  it('deploys dev: tag, Deployment and outputs; run again, it converges', async () => {
    const step = await runStep({});
    expect(step.stdout).not.toMatch(/::error/);
    expect(step.code).toBe(0);
    const state = await deployState(world, 'dev');
    expect(step.outputs).toMatchObject({
      tag: 'deploy/dev/1',
      'deployment-id': String(state.deployments[0]?.id),
      'rolled-back-to': '',
    });
    expect(step.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(step.summary).toMatch(/## Lockstep deploy of dev: deployed/);
    expect(state.releases.map((r) => r.tag_name)).toEqual(['deploy/dev/1']);

    const again = await runStep({});
    expect(again.code).toBe(0);
    expect(again.outputs.tag).toBe('deploy/dev/1');
    expect((await deployState(world, 'dev')).tags).toHaveLength(1);
  });
});
