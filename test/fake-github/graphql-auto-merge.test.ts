import { fileURLToPath } from 'node:url';
import { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowAutoMerge } from './graphql/auto-merge-store.js';
import { type FakeGitHub, seedRepository, startFakeGitHub } from './index.js';
import type { RepoState } from './state/repo-state.js';

const examples = fileURLToPath(new URL('../../examples', import.meta.url));
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const REPO = { owner: 'acme', repo: 'platform' };

const ENABLE = `mutation($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod) {
  enablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId, mergeMethod: $mergeMethod }) {
    pullRequest { number autoMergeRequest { mergeMethod enabledBy { login } } }
  }
}`;

describe('the fake GitHub: enablePullRequestAutoMerge and disablePullRequestAutoMerge', () => {
  let fake: FakeGitHub;
  let repo: RepoState;
  const as = (login: string) => new Octokit({ baseUrl: fake.url, auth: fake.tokenFor(login), log: quiet });
  let pull: { number: number; node_id: string };

  beforeEach(async () => {
    fake = await startFakeGitHub();
    repo = seedRepository(fake.state, { owner: 'acme', name: 'platform', dir: examples });
    repo.addCollaborator('dana', 'write');
    repo.addCollaborator('mallory', 'read');
    repo.git.refs.set('refs/heads/change', repo.git.branch('main') ?? '');
    repo.git.commitFiles('change', { 'README.md': 'changed\n' }, 'Change');
    ({ data: pull } = await as('dana').rest.pulls.create({
      ...REPO,
      head: 'change',
      base: 'main',
      title: 'Change',
    }));
  });
  afterEach(async () => {
    await fake.close();
  });

  it('records auto-merge where the repository allows it (REST then shows auto_merge), and removes it', async () => {
    allowAutoMerge(repo);
    const { data: before } = await as('dana').rest.pulls.get({ ...REPO, pull_number: pull.number });
    expect(before.auto_merge).toBeNull();
    const data = await as('dana').graphql<{ enablePullRequestAutoMerge: unknown }>(ENABLE, {
      pullRequestId: pull.node_id,
      mergeMethod: 'SQUASH',
    });
    expect(data.enablePullRequestAutoMerge).toEqual({
      pullRequest: {
        number: pull.number,
        autoMergeRequest: { mergeMethod: 'SQUASH', enabledBy: { login: 'dana' } },
      },
    });
    const { data: after } = await as('dana').rest.pulls.get({ ...REPO, pull_number: pull.number });
    expect(after.auto_merge).toMatchObject({
      merge_method: 'squash',
      enabled_by: { login: 'dana' },
      commit_title: `Change (#${pull.number})`,
    });
    await as('dana').graphql(
      'mutation($id: ID!) { disablePullRequestAutoMerge(input: { pullRequestId: $id }) { pullRequest { number } } }',
      { id: pull.node_id },
    );
    const { data: disabled } = await as('dana').rest.pulls.get({ ...REPO, pull_number: pull.number });
    expect(disabled.auto_merge).toBeNull();
    fake.assertClean();
  });

  it("answers GitHub's typed errors: not allowed, unknown node, no write access, not open", async () => {
    const refusal = async (login: string, id: string) => {
      try {
        await as(login).graphql(ENABLE, { pullRequestId: id });
      } catch (error) {
        return error as { errors: { type: string; message: string; path: string[] }[]; data: unknown };
      }
      throw new Error('expected an error');
    };
    const notAllowed = await refusal('dana', pull.node_id);
    expect(notAllowed.errors[0]).toMatchObject({
      type: 'UNPROCESSABLE',
      message: 'Auto merge is not allowed for this repository',
      path: ['enablePullRequestAutoMerge'],
    });
    expect(notAllowed.data).toEqual({ enablePullRequestAutoMerge: null });
    allowAutoMerge(repo);
    expect((await refusal('dana', 'MDExOlB1bGxSZXF1ZXN0OTk5OTk=')).errors[0]?.type).toBe('NOT_FOUND');
    expect((await refusal('mallory', pull.node_id)).errors[0]?.type).toBe('FORBIDDEN');
    await as('dana').rest.pulls.update({ ...REPO, pull_number: pull.number, state: 'closed' });
    expect((await refusal('dana', pull.node_id)).errors[0]?.type).toBe('UNPROCESSABLE');
    // These are GitHub's answers, not mistakes of the caller: the run stays clean.
    fake.assertClean();
  });

  it('rejects variables and fields the schema does not allow, and records them', async () => {
    allowAutoMerge(repo);
    await expect(
      as('dana').graphql(ENABLE, { pullRequestId: pull.node_id, mergeMethod: 'FAST_FORWARD' }),
    ).rejects.toThrow(/Variable "\$mergeMethod" got invalid value "FAST_FORWARD"/);
    await expect(
      as('dana').graphql(
        'mutation($id: ID!) { enablePullRequestAutoMerge(input: { pullRequestId: $id }) { noSuchField } }',
        { id: pull.node_id },
      ),
    ).rejects.toThrow(/noSuchField/);
    // A document the schema rejects is the caller's mistake: the test that sent it is unclean.
    expect(fake.clearProblems().map((p) => p.kind)).toContain('rejected');
  });
});
