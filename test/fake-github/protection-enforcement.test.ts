import { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from './index.js';
import type { RepoState } from './state/repo-state.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const REPO = { owner: 'acme', repo: 'app' };

describe('branch protection is enforced on merges and ref updates', () => {
  let fake: FakeGitHub;
  let repo: RepoState;
  const as = (login: string) => new Octokit({ baseUrl: fake.url, auth: fake.tokenFor(login), log: quiet });
  beforeEach(async () => {
    fake = await startFakeGitHub();
    repo = fake.state.createRepo('acme', 'app');
    repo.git.commitFiles('main', { 'a.txt': 'a\n' }, 'initial');
    repo.addCollaborator('dana', 'write');
    repo.addCollaborator('alice', 'write');
  });
  afterEach(async () => {
    try {
      fake.assertClean();
    } finally {
      await fake.close();
    }
  });

  async function pullWithChange(): Promise<{ number: number; head: string }> {
    repo.git.refs.set('refs/heads/feature', repo.git.branch('main') ?? '');
    const head = repo.git.commitFiles('feature', { 'b.txt': 'b\n' }, 'change');
    const { data } = await as('dana').rest.pulls.create({
      ...REPO,
      head: 'feature',
      base: 'main',
      title: 'Change',
    });
    return { number: data.number, head };
  }

  it('refuses a merge until the required check passes on the head, then merges', async () => {
    repo.protection.set('main', {
      required_status_checks: { strict: false, contexts: ['ci'] },
      enforce_admins: true,
      required_pull_request_reviews: null,
      restrictions: null,
    });
    const { number, head } = await pullWithChange();
    await expect(as('dana').rest.pulls.merge({ ...REPO, pull_number: number })).rejects.toMatchObject({
      status: 405,
      message: expect.stringContaining('Required status check "ci" is expected.'),
    });
    const run = repo.checks.createCheckRun(head, 'ci', 'ci-bot', {
      status: 'completed',
      conclusion: 'failure',
    });
    await expect(as('dana').rest.pulls.merge({ ...REPO, pull_number: number })).rejects.toMatchObject({
      status: 405,
      message: expect.stringContaining('Required status check "ci" is failing.'),
    });
    repo.checks.updateCheckRun(run.id, { status: 'completed', conclusion: 'success' });
    const { data } = await as('dana').rest.pulls.merge({ ...REPO, pull_number: number });
    expect(data.merged).toBe(true);
  });

  it('counts a pinned check only from its app, and refuses direct pushes', async () => {
    const app = fake.registerApp({ slug: 'lockstep' });
    repo.protection.set('main', {
      required_status_checks: { strict: false, checks: [{ context: 'lockstep/policy', app_id: app.appId }] },
      enforce_admins: true,
      required_pull_request_reviews: null,
      restrictions: null,
    });
    const { number, head } = await pullWithChange();
    // The same name from someone else, as a status or a check run, does not count.
    repo.checks.addStatus({
      sha: head,
      state: 'success',
      context: 'lockstep/policy',
      description: null,
      targetUrl: null,
      creator: 'dana',
    });
    repo.checks.createCheckRun(head, 'lockstep/policy', 'ci-bot', {
      status: 'completed',
      conclusion: 'success',
    });
    await expect(as('dana').rest.pulls.merge({ ...REPO, pull_number: number })).rejects.toMatchObject({
      status: 405,
    });
    repo.checks.createCheckRun(head, 'lockstep/policy', app.botLogin, {
      status: 'completed',
      conclusion: 'success',
    });
    expect((await as('dana').rest.pulls.merge({ ...REPO, pull_number: number })).data.merged).toBe(true);

    const pushed = repo.git.commitFiles('other', { 'c.txt': 'c\n' }, 'direct');
    repo.git.refs.set('refs/heads/other', pushed);
    await expect(
      as('dana').rest.git.updateRef({ ...REPO, ref: 'heads/main', sha: pushed, force: true }),
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('Required status check "lockstep/policy" is expected.'),
    });
  });

  it('counts approving reviews by others, and lets admins through without enforce_admins', async () => {
    repo.protection.set('main', {
      required_status_checks: null,
      enforce_admins: false,
      required_pull_request_reviews: { required_approving_review_count: 1 },
      restrictions: null,
    });
    const { number } = await pullWithChange();
    await expect(as('dana').rest.pulls.merge({ ...REPO, pull_number: number })).rejects.toMatchObject({
      status: 405,
      message: expect.stringContaining('At least 1 approving review is required'),
    });
    // The owner is an admin: not held by the rule when admins are not enforced.
    expect((await as('acme').rest.pulls.merge({ ...REPO, pull_number: number })).data.merged).toBe(true);
  });
});
