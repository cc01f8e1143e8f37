import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type E2eContext, finishE2e, startE2e } from './e2e-context.js';

describe('pull request state consistency through @octokit/rest', () => {
  let ctx: E2eContext;
  beforeEach(async () => {
    ctx = await startE2e();
    ctx.repoState.addCollaborator('reviewer', 'write');
  });
  afterEach(() => finishE2e(ctx));

  /** Commits `content` to `path` on `branch` through the contents API, as a push would. */
  async function push(branch: string, path: string, content: string) {
    const octokit = ctx.as('author');
    const existing = await octokit.rest.repos
      .getContent({ ...ctx.repo, path, ref: branch })
      .then((r) => (Array.isArray(r.data) ? undefined : r.data.sha))
      .catch((error: unknown) => {
        if ((error as { status?: number }).status === 404) return undefined;
        throw error;
      });
    const result = await octokit.rest.repos.createOrUpdateFileContents({
      ...ctx.repo,
      path,
      branch,
      message: `Update ${path}`,
      content: Buffer.from(content).toString('base64'),
      ...(existing ? { sha: existing } : {}),
    });
    return result.data.commit.sha ?? '';
  }

  async function openPull(head: string) {
    const octokit = ctx.as('author');
    await octokit.rest.git.createRef({ ...ctx.repo, ref: `refs/heads/${head}`, sha: ctx.initialSha });
    await push(head, 'deploy/app.yaml', 'image: app:1.1.0\n');
    return (await octokit.rest.pulls.create({ ...ctx.repo, title: 'Update app', head, base: 'main' })).data;
  }

  it('moves the base branch to the merge commit when a PR merges', async () => {
    const pr = await openPull('update-app');
    const octokit = ctx.as('author');
    const merged = await octokit.rest.pulls.merge({ ...ctx.repo, pull_number: pr.number, sha: pr.head.sha });
    expect(merged.data.merged).toBe(true);

    const main = await octokit.rest.repos.getBranch({ ...ctx.repo, branch: 'main' });
    expect(main.data.commit.sha).toBe(merged.data.sha);
    expect(main.data.commit.parents.map((p) => p.sha)).toEqual([ctx.initialSha, pr.head.sha]);
    const file = await octokit.rest.repos.getContent({ ...ctx.repo, path: 'deploy/app.yaml', ref: 'main' });
    if (Array.isArray(file.data) || file.data.type !== 'file') throw new Error('not a file');
    expect(Buffer.from(file.data.content, 'base64').toString()).toBe('image: app:1.1.0\n');

    const after = await octokit.rest.pulls.get({ ...ctx.repo, pull_number: pr.number });
    expect(after.data).toMatchObject({ state: 'closed', merged: true, merge_commit_sha: merged.data.sha });
    await expect(octokit.rest.pulls.merge({ ...ctx.repo, pull_number: pr.number })).rejects.toMatchObject({
      status: 405,
    });
  });

  it('keeps a review on its commit while a push moves the PR head', async () => {
    const pr = await openPull('update-app');
    const reviewer = ctx.as('reviewer');
    const approval = await reviewer.rest.pulls.createReview({
      ...ctx.repo,
      pull_number: pr.number,
      event: 'APPROVE',
    });
    expect(approval.data.commit_id).toBe(pr.head.sha);

    const pushed = await push('update-app', 'deploy/app.yaml', 'image: app:1.2.0\n');
    const moved = await reviewer.rest.pulls.get({ ...ctx.repo, pull_number: pr.number });
    expect(moved.data.head.sha).toBe(pushed);
    expect(moved.data.head.sha).not.toBe(pr.head.sha);

    const reviews = await reviewer.rest.pulls.listReviews({ ...ctx.repo, pull_number: pr.number });
    expect(reviews.data.map((r) => [r.state, r.commit_id])).toEqual([['APPROVED', pr.head.sha]]);
    // A merge that names the old head is refused: the branch moved under the approval.
    await expect(
      ctx.as('author').rest.pulls.merge({ ...ctx.repo, pull_number: pr.number, sha: pr.head.sha }),
    ).rejects.toMatchObject({ status: 409 });
    const commits = await reviewer.rest.pulls.listCommits({ ...ctx.repo, pull_number: pr.number });
    expect(commits.data.map((c) => c.sha)).toEqual([pr.head.sha, pushed]);
  });

  it('reports a conflicting PR as not mergeable and refuses the merge with 405', async () => {
    const pr = await openPull('update-app');
    await push('main', 'deploy/app.yaml', 'image: app:2.0.0\n');
    const octokit = ctx.as('author');
    const got = await octokit.rest.pulls.get({ ...ctx.repo, pull_number: pr.number });
    expect(got.data).toMatchObject({ mergeable: false, mergeable_state: 'dirty' });
    await expect(octokit.rest.pulls.merge({ ...ctx.repo, pull_number: pr.number })).rejects.toMatchObject({
      status: 405,
    });
  });
});
