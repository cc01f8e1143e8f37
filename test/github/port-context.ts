import { fileURLToPath } from 'node:url';
import type { GitHubPort } from '../../src/github/github-port.js';
import { createOctokit, type LockstepOctokit } from '../../src/github/octokit.js';
import { createGitHubPort } from '../../src/github/octokit-port.js';
import {
  type FakeGitHub,
  type HandlerTable,
  type LoggedRequest,
  seedRepository,
  startFakeGitHub,
} from '../fake-github/index.js';
import type { RepoState } from '../fake-github/state/repo-state.js';

/** The examples folder, seeded as `acme/deploy`'s main branch. */
export const EXAMPLES = fileURLToPath(new URL('../../examples', import.meta.url));

/** A fake GitHub seeded from examples/, and the port under test over a real createOctokit client. */
export interface PortContext {
  fake: FakeGitHub;
  repo: RepoState;
  /** The sha of main's only commit. */
  mainSha: string;
  octokit: LockstepOctokit;
  port: GitHubPort;
  /** What the client logged (retries, rate limits). */
  logs: string[];
  /** The operationIds of the requests made since the last call (then forgets them). */
  calls(): string[];
}

/** Starts the fake; close it with finishPort in afterEach. */
export async function startPort(
  options: { retryBaseMs?: number; handlers?: HandlerTable } = {},
): Promise<PortContext> {
  const fake = await startFakeGitHub(options.handlers ? { handlers: options.handlers } : {});
  const repo = seedRepository(fake.state, { owner: 'acme', name: 'deploy', dir: EXAMPLES });
  const logs: string[] = [];
  const octokit = createOctokit({
    token: fake.tokenFor('lockstep-bot'),
    baseUrl: fake.url,
    log: (level, message) => logs.push(`${level}: ${message}`),
    retryBaseMs: options.retryBaseMs ?? 10,
    writeIntervalMs: 0,
  });
  let seen = 0;
  return {
    fake,
    repo,
    mainSha: repo.git.branch('main') ?? '',
    octokit,
    port: createGitHubPort(octokit, { owner: 'acme', repo: 'deploy' }),
    logs,
    calls() {
      const fresh = fake.requests.slice(seen);
      seen = fake.requests.length;
      return fresh.map(describe);
    },
  };
}

function describe(r: LoggedRequest): string {
  return r.status < 300 ? (r.operationId ?? r.path) : `${r.operationId ?? r.path} ${r.status}`;
}

/** Fails on any request GitHub would have refused, then closes the fake. */
export async function finishPort(ctx: PortContext | undefined): Promise<void> {
  if (!ctx) return;
  try {
    ctx.fake.assertClean();
  } finally {
    await ctx.fake.close();
  }
}
