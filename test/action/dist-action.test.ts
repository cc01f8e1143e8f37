import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubPort } from '../../src/github/octokit-port.js';
import {
  type FakeGitHub,
  FakeState,
  seedRepository,
  startFakeGitHub,
  steppingClock,
} from '../fake-github/index.js';
import { copyExamples } from './fakes.js';

/** The bundled Action: `npm run build` makes it; the test script checks it is fresh before vitest runs. */
const ACTION = fileURLToPath(new URL('../../dist/action.js', import.meta.url));

let fake: FakeGitHub;
let workspace: string;
let runner: string;
let token: string;
let sha: string;

beforeAll(async () => {
  workspace = await copyExamples();
  runner = await mkdtemp(join(tmpdir(), 'lockstep-runner-'));
  const state = new FakeState(steppingClock());
  const repo = seedRepository(state, { owner: 'acme', name: 'deploy', dir: workspace });
  sha = repo.git.branch(repo.defaultBranch)!;
  fake = await startFakeGitHub({ state });
  token = fake.tokenFor('release-bot');
  // dev was deployed as committed: its deploy tag, written through the real port.
  const manifest = JSON.parse(await readFile(join(workspace, 'environments/dev.manifest.json'), 'utf8'));
  const port = createGitHubPort(new Octokit({ baseUrl: fake.url, auth: token }), {
    owner: 'acme',
    repo: 'deploy',
  });
  await port.createDeployTag({
    tag: 'deploy/dev/1',
    commit: sha,
    message: `Deploy dev\n\nLockstep-Digest: ${manifest.digest}\n`,
  });
  await writeFile(join(runner, 'event.json'), JSON.stringify({ ref: 'refs/heads/main', after: sha }));
});

afterAll(async () => {
  await fake?.close();
  await rm(workspace, { recursive: true, force: true });
  await rm(runner, { recursive: true, force: true });
});

interface StepRun {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Runs dist/action.js as a runner does: inputs as INPUT_* variables, GITHUB_* variables and files. */
async function runStep(inputs: Record<string, string>): Promise<StepRun> {
  const id = Math.random().toString(36).slice(2);
  const outputFile = join(runner, `output-${id}`);
  const summaryFile = join(runner, `summary-${id}`);
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'acme/deploy',
    GITHUB_SHA: sha,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: fake.url,
    GITHUB_RUN_ID: '7',
    GITHUB_EVENT_PATH: join(runner, 'event.json'),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
  };
  // GitHub upper-cases input names and keeps hyphens; every declared input is set, defaults included.
  const all = {
    command: 'validate',
    environments: '',
    root: '.',
    token,
    'github-api-url': fake.url,
    'tag-prefix': '',
    ...inputs,
  };
  for (const [name, value] of Object.entries(all))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve, reject) => {
    execFile(
      process.execPath,
      [ACTION],
      { cwd: workspace, env, encoding: 'utf8', timeout: 20_000 },
      (error, out) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout: out });
      },
    );
  });
  return {
    code,
    stdout,
    outputs: parseOutputs(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8'),
  };
}

/** GITHUB_OUTPUT's `name<<delimiter ... delimiter` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const block = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(block)) out[m[1]!] = m[3]!;
  return out;
}

describe('dist/action.js as a runner runs it, against the fake GitHub', () => {
  it('validate passes on the examples: outputs and job summary written, only reads made', async () => {
    const step = await runStep({});
    expect(step.stdout).not.toMatch(/::error/);
    expect(step.code).toBe(0);
    expect(Object.keys(step.outputs).sort()).toEqual(['changed', 'digest', 'result', 'verdict']);
    expect(step.outputs.changed).toBe('true');
    expect(step.outputs.verdict).toBe('needs-approval');
    const result = JSON.parse(step.outputs.result ?? '');
    expect(result.environments.dev).toMatchObject({
      baseline: 'deploy/dev/1',
      changed: false,
      verdict: 'allowed',
    });
    expect(result.environments.staging).toMatchObject({ baseline: 'none', verdict: 'needs-approval' });
    expect(step.summary).toMatch(/## Lockstep validate: passed/);
    expect(step.summary).toContain('### prod-eu');
    expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([
      expect.objectContaining({ method: 'POST' }),
      expect.objectContaining({ method: 'POST' }),
    ]); // the two of beforeAll's deploy tag; the Action wrote nothing
    fake.assertClean();
  });

  it('validate of one environment sets its digest', async () => {
    const step = await runStep({ environments: 'dev' });
    const manifest = JSON.parse(await readFile(join(workspace, 'environments/dev.manifest.json'), 'utf8'));
    expect(step.code).toBe(0);
    expect(step.outputs).toMatchObject({ changed: 'false', verdict: 'allowed', digest: manifest.digest });
  });

  it('plan writes the change table to the job summary', async () => {
    const step = await runStep({ command: 'plan', environments: 'prod-eu' });
    expect(step.code).toBe(0);
    expect(step.summary).toContain('| item | from | to | class | why |');
    expect(step.summary).toContain('| capability:payments | - | 1.2.7 | added |');
  });

  it('an empty token fails the step with a message naming the input, and no stack trace', async () => {
    const step = await runStep({ token: '' });
    expect(step.code).toBe(1);
    expect(step.stdout).toMatch(
      /::error::invalid action input:%0A- input 'token' is empty: pass token: \$\{\{ github\.token \}\} or a PAT/,
    );
    expect(step.stdout).not.toMatch(/\n\s+at /);
    expect(step.outputs).toEqual({});
  });

  it('an unknown command is refused before anything runs', async () => {
    const step = await runStep({ command: 'ship' });
    expect(step.code).toBe(1);
    expect(step.stdout).toMatch(/input 'command' is 'ship': expected one of compile, validate, plan/);
  });

  it('a schema error becomes an annotation on its line and fails the step', async () => {
    const path = join(workspace, 'environments/dev.yaml');
    const original = await readFile(path, 'utf8');
    await writeFile(path, original.replace('channel: auto-update', 'channel: sometimes'));
    try {
      const step = await runStep({});
      expect(step.code).toBe(1);
      expect(step.stdout).toMatch(
        /^::error title=Lockstep%3A invalid input,file=environments\/dev\.yaml,line=6,col=10::.*channel/m,
      );
      expect(step.summary).toMatch(/invalid input/);
    } finally {
      await writeFile(path, original);
    }
  });
});
