import { describe, expect, it } from 'vitest';
import { call, callError, body as json, seededState } from './handler-harness.js';
import { pullHandlers } from './handlers/pulls.js';

interface Pull {
  number: number;
  state: string;
  merged: boolean;
  merge_commit_sha: string | null;
  head: { sha: string };
  mergeable: boolean | null;
}

/** A repo with branch `topic` one commit ahead of main, and an open PR #1 from it by octocat. */
async function withPull() {
  const seeded = seededState();
  const { state, repo, sha } = seeded;
  repo.git.refs.set('refs/heads/topic', sha);
  const head = repo.git.commitFiles('topic', { 'app.yaml': 'v: 2\n' }, 'bump');
  const res = await call(pullHandlers, state, 'pulls/create', {
    body: { title: 'Bump', head: 'topic', base: 'main' },
  });
  return { ...seeded, head, pr: json<Pull>(res) };
}

describe('pull requests', () => {
  it('creates, gets, lists and updates a PR', async () => {
    const { state, pr, head } = await withPull();
    expect([pr.number, pr.state, pr.head.sha, pr.mergeable]).toEqual([1, 'open', head, true]);
    const listed = json<Pull[]>(
      await call(pullHandlers, state, 'pulls/list', { query: { head: 'acme:topic' } }),
    );
    expect(listed.map((p) => p.number)).toEqual([1]);
    expect(json<Pull[]>(await call(pullHandlers, state, 'pulls/list', { query: { base: 'other' } }))).toEqual(
      [],
    );
    await call(pullHandlers, state, 'pulls/update', {
      params: { pull_number: '1' },
      body: { state: 'closed', title: 'T' },
    });
    const got = json<Pull & { title: string }>(
      await call(pullHandlers, state, 'pulls/get', { params: { pull_number: '1' } }),
    );
    expect([got.state, got.title]).toEqual(['closed', 'T']);
    expect((await callError(pullHandlers, state, 'pulls/get', { params: { pull_number: '9' } })).status).toBe(
      404,
    );
  });

  it('answers 422 for a duplicate PR and for a missing branch', async () => {
    const { state } = await withPull();
    const dup = await callError(pullHandlers, state, 'pulls/create', {
      body: { title: 'x', head: 'topic', base: 'main' },
    });
    expect([dup.status, dup.errors]).toEqual([
      422,
      [{ resource: 'PullRequest', code: 'custom', message: 'A pull request already exists for acme:topic.' }],
    ]);
    const missing = await callError(pullHandlers, state, 'pulls/create', {
      body: { title: 'x', head: 'nope', base: 'main' },
    });
    expect(missing.status).toBe(422);
  });

  it('merges with a two-parent commit that moves the base branch', async () => {
    const { state, repo, pr, sha: oldMain } = await withPull();
    const res = await call(pullHandlers, state, 'pulls/merge', {
      params: { pull_number: '1' },
      body: { sha: pr.head.sha },
    });
    const merge = json<{ sha: string; merged: boolean }>(res);
    expect(merge.merged).toBe(true);
    expect(repo.git.branch('main')).toBe(merge.sha);
    expect(repo.git.commit(merge.sha)?.parents).toEqual([oldMain, pr.head.sha]);
    expect(repo.git.readFile('main', 'app.yaml')).toBe('v: 2\n');
    const after = json<Pull>(await call(pullHandlers, state, 'pulls/get', { params: { pull_number: '1' } }));
    expect([after.state, after.merged, after.merge_commit_sha]).toEqual(['closed', true, merge.sha]);
    expect(
      (await call(pullHandlers, state, 'pulls/check-if-merged', { params: { pull_number: '1' } })).status,
    ).toBe(204);
  });

  it('squash-merges into one single-parent commit', async () => {
    const { state, repo, sha: oldMain } = await withPull();
    const res = await call(pullHandlers, state, 'pulls/merge', {
      params: { pull_number: '1' },
      body: { merge_method: 'squash' },
    });
    const commit = repo.git.commit(json<{ sha: string }>(res).sha);
    expect([commit?.parents, commit?.message]).toEqual([[oldMain], 'Bump (#1)']);
  });

  it('answers 405 on a conflict and 409 when the head moved', async () => {
    const { state, repo, pr } = await withPull();
    const stale = await callError(pullHandlers, state, 'pulls/merge', {
      params: { pull_number: '1' },
      body: { sha: 'a'.repeat(40) },
    });
    expect([stale.status, stale.message]).toEqual([
      409,
      'Head branch was modified. Review and try the merge again.',
    ]);
    repo.git.commitFiles('main', { 'app.yaml': 'v: 3\n' }, 'conflicting');
    const got = json<Pull>(await call(pullHandlers, state, 'pulls/get', { params: { pull_number: '1' } }));
    expect(got.mergeable).toBe(false);
    const conflict = await callError(pullHandlers, state, 'pulls/merge', {
      params: { pull_number: '1' },
      body: { sha: pr.head.sha },
    });
    expect([conflict.status, conflict.message]).toEqual([405, 'Pull Request is not mergeable']);
  });

  it('lists the files and commits of a PR', async () => {
    const { state, head } = await withPull();
    const files = json<{ filename: string; status: string }[]>(
      await call(pullHandlers, state, 'pulls/list-files', { params: { pull_number: '1' } }),
    );
    expect(files.map((f) => [f.filename, f.status])).toEqual([['app.yaml', 'added']]);
    const commits = json<{ sha: string }[]>(
      await call(pullHandlers, state, 'pulls/list-commits', { params: { pull_number: '1' } }),
    );
    expect(commits.map((c) => c.sha)).toEqual([head]);
  });
});

describe('reviews', () => {
  it('refuses self-approval with 422', async () => {
    const { state } = await withPull();
    const err = await callError(pullHandlers, state, 'pulls/create-review', {
      params: { pull_number: '1' },
      body: { event: 'APPROVE' },
    });
    expect([err.status, err.errors]).toEqual([422, ['Can not approve your own pull request']]);
  });

  it('keeps a review on its commit while the PR head moves with its branch', async () => {
    const { state, repo, head } = await withPull();
    const review = json<{ id: number; state: string; commit_id: string }>(
      await call(pullHandlers, state, 'pulls/create-review', {
        params: { pull_number: '1' },
        body: { event: 'APPROVE' },
        actor: 'reviewer',
      }),
    );
    expect([review.state, review.commit_id]).toEqual(['APPROVED', head]);
    const pushed = repo.git.commitFiles('topic', { 'app.yaml': 'v: 4\n' }, 'push');
    const pr = json<Pull>(await call(pullHandlers, state, 'pulls/get', { params: { pull_number: '1' } }));
    expect(pr.head.sha).toBe(pushed);
    const reviews = json<{ commit_id: string }[]>(
      await call(pullHandlers, state, 'pulls/list-reviews', { params: { pull_number: '1' } }),
    );
    expect(reviews.map((r) => r.commit_id)).toEqual([head]);
    const params = { pull_number: '1', review_id: String(review.id) };
    const dismissed = await call(pullHandlers, state, 'pulls/dismiss-review', {
      params,
      body: { message: 'stale' },
    });
    expect(json<{ state: string }>(dismissed).state).toBe('DISMISSED');
    expect(
      json<{ state: string }>(await call(pullHandlers, state, 'pulls/get-review', { params })).state,
    ).toBe('DISMISSED');
  });

  it('submits a pending review', async () => {
    const { state } = await withPull();
    const pending = json<{ id: number; state: string }>(
      await call(pullHandlers, state, 'pulls/create-review', {
        params: { pull_number: '1' },
        body: { body: 'hm' },
        actor: 'reviewer',
      }),
    );
    expect(pending.state).toBe('PENDING');
    const params = { pull_number: '1', review_id: String(pending.id) };
    const submitted = await call(pullHandlers, state, 'pulls/submit-review', {
      params,
      body: { event: 'COMMENT' },
      actor: 'reviewer',
    });
    expect(json<{ state: string }>(submitted).state).toBe('COMMENTED');
  });
});
