import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullRecord } from '../fake-github/state/pulls-store.js';
import { finishPort, type PortContext, startPort } from './port-context.js';

describe('pull requests, reviews and teams over Octokit', () => {
  let ctx: PortContext;
  beforeEach(async () => {
    ctx = await startPort();
  });
  afterEach(() => finishPort(ctx));

  /** A PR from `branch` by `author` changing one file. */
  const openPull = (branch: string, author = 'alice'): PullRecord => {
    ctx.repo.git.refs.set(`refs/heads/${branch}`, ctx.repo.git.branch('main') ?? '');
    ctx.repo.git.commitFiles(branch, { [`${branch}.txt`]: `${branch}\n` }, `change on ${branch}`);
    return ctx.repo.pulls.create({
      title: branch,
      head: branch,
      base: 'main',
      user: ctx.fake.state.account(author),
    });
  };
  const merge = (pr: PullRecord, method: 'merge' | 'squash' | 'rebase' = 'merge') =>
    ctx.repo.pulls.merge(pr, ctx.fake.state.account('maintainer'), { method });

  it('finds the PR whose merge brought a commit, in one call', async () => {
    const pr = openPull('update-staging');
    const head = ctx.repo.pulls.headSha(pr);
    const sha = merge(pr);
    expect(await ctx.port.pullForCommit(sha)).toEqual({
      number: pr.number,
      author: 'alice',
      headSha: head,
      merged: true,
      mergeCommitSha: sha,
    });
    expect(ctx.calls()).toEqual(['repos/list-pull-requests-associated-with-commit']);
  });

  it('picks the merging PR among several, finds squash merges, and an open PR by its head', async () => {
    const first = openPull('first');
    const open = openPull('second', 'bob');
    const sha = merge(first, 'squash');
    expect((await ctx.port.pullForCommit(sha))?.number).toBe(first.number);
    const head = ctx.repo.pulls.headSha(open);
    expect(await ctx.port.pullForCommit(head)).toMatchObject({
      number: open.number,
      merged: false,
      mergeCommitSha: null,
    });
    expect(await ctx.port.pullForCommit(ctx.mainSha)).toBeUndefined();
  });

  it('lists submitted reviews with their commits, across pages, oldest first', async () => {
    const pr = openPull('reviewed');
    const head = ctx.repo.pulls.headSha(pr);
    const reviewers = Array.from({ length: 105 }, (_, i) => `reviewer-${i}`);
    for (const login of reviewers)
      ctx.repo.pulls.addReview(pr, ctx.fake.state.account(login), { event: 'COMMENT' });
    ctx.repo.pulls.addReview(pr, ctx.fake.state.account('carol'), {
      event: 'APPROVE',
      commitId: ctx.mainSha,
    });
    ctx.repo.pulls.addReview(pr, ctx.fake.state.account('pending-pam'), {});
    const reviews = await ctx.port.reviews(pr.number);
    expect(reviews).toHaveLength(106);
    expect(reviews[0]).toEqual({
      user: 'reviewer-0',
      state: 'COMMENTED',
      commitId: head,
      submittedAt: expect.any(String),
    });
    expect(reviews.at(-1)).toMatchObject({ user: 'carol', state: 'APPROVED', commitId: ctx.mainSha });
    expect(ctx.calls()).toEqual(['pulls/list-reviews', 'pulls/list-reviews']);
  });

  it('lists team members in lower case, and an unknown team as empty', async () => {
    ctx.fake.state.addTeamMember('acme', 'release-managers', 'Dana');
    ctx.fake.state.addTeamMember('acme', 'release-managers', 'erin');
    expect(await ctx.port.teamMembers('acme', 'release-managers')).toEqual(new Set(['dana', 'erin']));
    expect(await ctx.port.teamMembers('acme', 'nobody')).toEqual(new Set());
    expect(ctx.calls()).toEqual(['teams/list-members-in-org', 'teams/list-members-in-org 404']);
  });
});
