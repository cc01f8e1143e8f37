import { Octokit } from '@octokit/rest';
import { type FakeGitHub, FakeState, startFakeGitHub, steppingClock } from '../fake-github/index.js';
import { seedRepository } from '../fake-github/seed.js';
import type { RepoRef } from './github-reader.js';
import type { OctokitFor } from './repo-ops.js';

/** The deployment repository the story plays in. */
export const DEMO_REPO: RepoRef = { owner: 'acme', repo: 'platform-deploy' };

/** Who does what. Approvers come from examples/environments/staging.yaml. */
export const PEOPLE = {
  /** Release engineer: opens the update PR, merges it. */
  engineer: 'dana',
  /** Listed by name in staging's approvers. */
  approver: 'alice',
  /** Member of @acme/release-managers, listed as a team in staging's approvers. */
  manager: 'bob',
  /** Operations: re-runs a deploy. */
  sre: 'carol-ops',
  /** Security team: publishes advisories into the catalog. */
  secops: 'secops',
  /** The Probot app (issue 5). */
  bot: 'lockstep[bot]',
  /** The Action's workflow token (issue 4). */
  action: 'github-actions[bot]',
} as const;

/** A running fake GitHub with acme/platform-deploy seeded from `examplesDir`, and people with access. */
export interface DemoFake {
  fake: FakeGitHub;
  octokitFor: OctokitFor;
  seedSha: string;
}

/** Starts the fake, seeds the repository from examples/ and gives the people their access. */
export async function startDemoFake(examplesDir: string): Promise<DemoFake> {
  const state = new FakeState(steppingClock(new Date('2026-12-02T09:00:00Z')));
  const repo = seedRepository(state, {
    owner: DEMO_REPO.owner,
    name: DEMO_REPO.repo,
    dir: examplesDir,
    message: 'Import the acme deployment repository',
  });
  for (const login of [PEOPLE.engineer, PEOPLE.approver, PEOPLE.manager, PEOPLE.sre, PEOPLE.secops])
    repo.collaborators.set(login, 'write');
  for (const login of [PEOPLE.bot, PEOPLE.action]) repo.collaborators.set(login, 'write');
  state.addTeamMember('acme', 'release-managers', PEOPLE.manager);
  state.addTeamMember('acme', 'sre', PEOPLE.sre);
  const fake = await startFakeGitHub({ state });
  const clients = new Map<string, Octokit>();
  const octokitFor: OctokitFor = (login) => {
    let client = clients.get(login);
    if (!client) {
      client = new Octokit({ baseUrl: fake.url, auth: fake.tokenFor(login), log: quiet });
      clients.set(login, client);
    }
    return client;
  };
  const seedSha = repo.git.branch(repo.defaultBranch) ?? '';
  return { fake, octokitFor, seedSha };
}

/** Octokit logs 4xx answers it expects (404 on a missing file); the timeline is the demo's output. */
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
