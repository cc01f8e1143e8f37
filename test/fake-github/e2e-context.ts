import { Octokit } from '@octokit/rest';
import { type FakeGitHub, startFakeGitHub } from './server.js';
import { steppingClock } from './state/clock.js';
import type { RepoState } from './state/repo-state.js';
import { FakeState } from './state/store.js';

/** Octokit logs retries and throttling as warnings; the end-to-end tests only assert on behaviour. */
const quietLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A running fake with `acme/platform` (one commit on main) and an Octokit per login. */
export interface E2eContext {
  fake: FakeGitHub;
  repoState: RepoState;
  /** The owner/repo parameters of every call. */
  repo: { owner: 'acme'; repo: 'platform' };
  /** The sha of main's first commit. */
  initialSha: string;
  /** An @octokit/rest client authenticated as `login`. */
  as(login: string): Octokit;
}

/** Starts a fake GitHub for an end-to-end test file; close it with `fake.close()` in afterEach. */
export async function startE2e(): Promise<E2eContext> {
  const state = new FakeState(steppingClock());
  const repoState = state.createRepo('acme', 'platform');
  const initialSha = repoState.git.commitFiles(
    'main',
    { 'README.md': 'hello\n', 'deploy/app.yaml': 'image: app:1.0.0\n' },
    'Initial commit',
  );
  const fake = await startFakeGitHub({ state });
  return {
    fake,
    repoState,
    repo: { owner: 'acme', repo: 'platform' },
    initialSha,
    as: (login) => new Octokit({ baseUrl: fake.url, auth: fake.tokenFor(login), log: quietLog }),
  };
}

/** Runs `fake.assertClean()` and closes the fake, even when the check fails. */
export async function finishE2e(ctx: E2eContext | undefined): Promise<void> {
  if (!ctx) return;
  try {
    ctx.fake.assertClean();
  } finally {
    await ctx.fake.close();
  }
}
