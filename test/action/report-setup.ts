import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import type { CommandContext } from '../../src/action/commands/context.js';
import type { Settings } from '../../src/action/settings.js';
import { fsReader } from '../../src/cli/fs-reader.js';
import { loadRepository } from '../../src/core/load/load-repository.js';
import { createValidators } from '../../src/core/load/schema-check.js';
import type { GitHubPort } from '../../src/github/github-port.js';
import { createOctokit } from '../../src/github/octokit.js';
import { createGitHubPort } from '../../src/github/octokit-port.js';
import { type FakeGitHub, seedRepository, startFakeGitHub } from '../fake-github/index.js';
import { EXAMPLES, NOW, type RecordingIo, recordingIo, settingsFor } from './fakes.js';

const quietLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const repoParams = { owner: 'acme', repo: 'deploy' } as const;

/** A fake GitHub holding acme/deploy with a deploy history, and the workspace checked out from it. */
export interface ReportWorld {
  fake: FakeGitHub;
  port: GitHubPort;
  /** The checkout: examples/ (its catalog edited by the test). */
  root: string;
  temps: string[];
  /** The sha of the commit every first deploy tag points at, and of the merge deployed to staging. */
  firstSha: string;
  mergeSha: string;
  pullNumber: number;
  failedDeploymentId: number;
}

/** The deploy records of examples/.lockstep: each environment's first deploy, with its files. */
async function firstDeploys() {
  const out: { env: string; tag: string; digest: string; files: Record<string, string> }[] = [];
  for (const env of await readdir(join(EXAMPLES, '.lockstep'))) {
    const r = JSON.parse(await readFile(join(EXAMPLES, '.lockstep', env, 'deploys', '1.json'), 'utf8'));
    out.push({ env, tag: r.tag, digest: r.digest, files: r.files });
  }
  return out;
}

const tagMessage = (env: string, digest: string) => `Deploy ${env}\n\nLockstep-Digest: ${digest}\n`;

/**
 * The story, through the fake's REST API: every environment deployed once (the examples' deploy
 * records) from the first commit; a failed Deployment of dev; alice's pull request bringing today's
 * staging files, approved by dana and erin (of @acme/release-managers) and bob (not an approver),
 * merged and deployed to staging with a release.
 */
export async function startReportWorld(edit?: (root: string) => Promise<void>): Promise<ReportWorld> {
  const temps: string[] = [];
  const deployed = await mkdtemp(join(tmpdir(), 'lockstep-report-gh-'));
  const root = await mkdtemp(join(tmpdir(), 'lockstep-report-ws-'));
  temps.push(deployed, root);
  await cp(EXAMPLES, deployed, { recursive: true });
  await cp(EXAMPLES, root, { recursive: true });
  if (edit) await edit(root);
  const records = await firstDeploys();
  for (const r of records)
    for (const [path, text] of Object.entries(r.files)) await writeFile(join(deployed, path), text);

  const fake = await startFakeGitHub();
  const repo = seedRepository(fake.state, { owner: 'acme', name: 'deploy', dir: deployed });
  for (const login of ['alice', 'bob', 'dana', 'erin', 'maintainer']) repo.addCollaborator(login, 'write');
  fake.state.addTeamMember('acme', 'release-managers', 'dana');
  fake.state.addTeamMember('acme', 'release-managers', 'erin');
  const firstSha = repo.git.branch('main') ?? '';
  const octokit = createOctokit({
    token: fake.tokenFor('lockstep-bot'),
    baseUrl: fake.url,
    log: () => {},
    retryBaseMs: 1,
    writeIntervalMs: 0,
  });
  const port = createGitHubPort(octokit, repoParams);
  const as = (login: string) => new Octokit({ baseUrl: fake.url, auth: fake.tokenFor(login), log: quietLog });

  const deploy = async (env: string, sha: string, tag: string, digest: string) => {
    const id = await port.createDeployment({
      environment: env,
      sha,
      payload: { digest, tag },
      description: tag,
    });
    await port.setDeploymentStatus(id, { state: 'in_progress', description: 'deploying' });
    await port.createDeployTag({ tag, commit: sha, message: tagMessage(env, digest) });
    await port.setDeploymentStatus(id, { state: 'success', description: `deployed as ${tag}` });
  };
  for (const r of records) await deploy(r.env, firstSha, r.tag, r.digest);
  const failedDeploymentId = await port.createDeployment({
    environment: 'dev',
    sha: firstSha,
    payload: { digest: records[0]!.digest },
    description: 'a deploy whose driver failed',
  });
  await port.setDeploymentStatus(failedDeploymentId, { state: 'failure', description: 'driver failed' });

  // alice's pull request: today's staging files.
  const alice = as('alice');
  await alice.rest.git.createRef({ ...repoParams, ref: 'refs/heads/update-staging', sha: firstSha });
  const staging = ['environments/staging.yaml', 'environments/staging.manifest.json'];
  repo.git.commitFiles(
    'update-staging',
    Object.fromEntries(
      await Promise.all(staging.map(async (p) => [p, await readFile(join(EXAMPLES, p), 'utf8')] as const)),
    ),
    'Update staging',
  );
  const pr = (
    await alice.rest.pulls.create({
      ...repoParams,
      title: 'Update staging',
      head: 'update-staging',
      base: 'main',
    })
  ).data;
  for (const login of ['dana', 'erin', 'bob'])
    await as(login).rest.pulls.createReview({ ...repoParams, pull_number: pr.number, event: 'APPROVE' });
  const merged = await as('maintainer').rest.pulls.merge({ ...repoParams, pull_number: pr.number });
  const mergeSha = merged.data.sha;
  const stagingDigest = JSON.parse(await readFile(join(EXAMPLES, staging[1]!), 'utf8')).digest as string;
  await deploy('staging', mergeSha, 'deploy/staging/2', stagingDigest);
  await port.upsertRelease({
    tag: 'deploy/staging/2',
    name: 'staging #2',
    body: 'Deployed.',
    assets: [{ name: 'staging.manifest.json', contentType: 'application/json', content: '{}\n' }],
  });
  return { fake, port, root, temps, firstSha, mergeSha, pullNumber: pr.number, failedDeploymentId };
}

/** A CommandContext for `report` on the world's workspace. */
export async function reportContext(
  world: ReportWorld,
  more: Partial<Settings> = {},
  now = NOW,
): Promise<CommandContext & { io: RecordingIo }> {
  const validators = createValidators();
  const repo = await loadRepository(fsReader(world.root), validators, { environments: [] });
  return {
    settings: settingsFor(world.root, more),
    repo,
    validators,
    port: world.port,
    io: recordingIo(),
    now,
  };
}
