import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import type { CommandResult } from '../../src/action/result.js';
import { run } from '../../src/action/run.js';
import type { Settings } from '../../src/action/settings.js';
import { fsReader } from '../../src/cli/fs-reader.js';
import { defaultDriverDeps } from '../../src/deploy/default-deps.js';
import type { GitHubPort } from '../../src/github/github-port.js';
import { createOctokit } from '../../src/github/octokit.js';
import { createGitHubPort } from '../../src/github/octokit-port.js';
import { commitFiles } from '../demo/repo-ops.js';
import {
  type FakeGitHub,
  FakeState,
  seedRepository,
  startFakeGitHub,
  steppingClock,
} from '../fake-github/index.js';
import { copyExamples, EXAMPLES, NOW, type RecordingIo, recordingIo, settingsFor } from './fakes.js';

export const REPO = { owner: 'acme', repo: 'deploy' } as const;
export const RUN_URL = 'https://github.com/acme/deploy/actions/runs/7';

/** A fake GitHub with acme/deploy seeded from a temporary copy of examples/ (the checkout). */
export interface DeployWorld {
  fake: FakeGitHub;
  workspace: string;
  /** The seed commit: the checkout's files. */
  seed: string;
  port: GitHubPort;
  octokitFor(login: string): Octokit;
  close(): Promise<void>;
}

export async function startWorld(): Promise<DeployWorld> {
  const workspace = await copyExamples();
  const state = new FakeState(steppingClock());
  const repo = seedRepository(state, { owner: REPO.owner, name: REPO.repo, dir: workspace });
  for (const login of ['dana', 'alice', 'bob', 'carol-ops', 'github-actions[bot]'])
    repo.collaborators.set(login, 'write');
  state.addTeamMember('acme', 'release-managers', 'bob');
  const fake = await startFakeGitHub({ state });
  const octokit = createOctokit({
    token: fake.tokenFor('github-actions[bot]'),
    baseUrl: fake.url,
    writeIntervalMs: 0,
    retryBaseMs: 10,
  });
  const clients = new Map<string, Octokit>();
  return {
    fake,
    workspace,
    seed: repo.git.branch(repo.defaultBranch)!,
    port: createGitHubPort(octokit, REPO),
    octokitFor(login) {
      let client = clients.get(login);
      if (!client) {
        client = new Octokit({ baseUrl: fake.url, auth: fake.tokenFor(login), log: quiet });
        clients.set(login, client);
      }
      return client;
    },
    async close() {
      await fake.close();
      await rm(workspace, { recursive: true, force: true });
    },
  };
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** One run of the Action's deploy, as main.ts runs it but with a recording io and no waits. */
export async function deploy(
  world: DeployWorld,
  environment: string,
  sha: string,
  more: Partial<Settings> = {},
  options: { port?: GitHubPort; env?: Record<string, string> } = {},
): Promise<{ io: RecordingIo; result: CommandResult | undefined }> {
  const io = recordingIo();
  const result = await run({
    settings: settingsFor(world.workspace, {
      command: 'deploy',
      environments: [environment],
      sha,
      runUrl: RUN_URL,
      logUrl: RUN_URL,
      ...more,
    }),
    port: options.port ?? world.port,
    readerForWorkspace: fsReader,
    io,
    now: () => NOW,
    env: options.env ?? {},
    driverDeps: (root, env) => ({ ...defaultDriverDeps(root, env), sleep: async () => {} }),
  });
  return { io, result };
}

/** The examples' earlier deploy of `env` (.lockstep/<env>/deploys/1.json): its files and digest. */
export async function earlierDeploy(env: string): Promise<{ digest: string; files: Record<string, string> }> {
  const text = await readFile(join(EXAMPLES, '.lockstep', env, 'deploys', '1.json'), 'utf8');
  return JSON.parse(text) as { digest: string; files: Record<string, string> };
}

/**
 * History on main: the seed S (the checkout's files), then O with the earlier deploy's files of `env`,
 * deployed as `deploy/<env>/1`, then C restoring the checkout's files. Returns O and C.
 */
export async function withEarlierDeploy(
  world: DeployWorld,
  env: string,
): Promise<{ old: string; current: string }> {
  const earlier = await earlierDeploy(env);
  const bot = world.octokitFor('dana');
  const old = await commitFiles(bot, REPO, 'main', earlier.files, `Earlier ${env}`);
  await world.port.createDeployTag({
    tag: `deploy/${env}/1`,
    commit: old,
    message: `Deploy ${env} #1\n\nLockstep-Digest: ${earlier.digest}`,
  });
  const current: Record<string, string> = {};
  for (const path of Object.keys(earlier.files))
    current[path] = await readFile(join(world.workspace, path), 'utf8');
  return { old, current: await commitFiles(bot, REPO, 'main', current, `Current ${env}`) };
}

/** Replaces the `deploy:` block of an environment in the checkout (not part of the manifest). */
export async function setDeployBlock(world: DeployWorld, env: string, block: string): Promise<void> {
  const path = join(world.workspace, 'environments', `${env}.yaml`);
  const text = await readFile(path, 'utf8');
  const head = text.replace(/\ndeploy:[\s\S]*$/, '\n');
  await writeFile(path, `${head}\n${block}\n`);
}

/** The GitHub state of an environment's deploys, for assertions. */
export async function deployState(world: DeployWorld, env: string) {
  const octokit = world.octokitFor('dana');
  const { data: deployments } = await octokit.rest.repos.listDeployments({ ...REPO, environment: env });
  const states = await Promise.all(
    deployments.map(async (d) => {
      const { data } = await octokit.rest.repos.listDeploymentStatuses({ ...REPO, deployment_id: d.id });
      return { id: d.id, sha: d.sha, payload: d.payload, states: data.map((s) => s.state).reverse() };
    }),
  );
  const tags = await world.port.deployTags('deploy', env);
  const { data: releases } = await octokit.rest.repos.listReleases(REPO);
  return { deployments: states.reverse(), tags, releases };
}
