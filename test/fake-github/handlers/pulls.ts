import { protectionRefusal } from '../state/protection-rules.js';
import type { MergeMethod, PullRecord } from '../state/pulls-store.js';
import type { FakeState } from '../state/store.js';
import { type FakeRequest, GitHubError, type HandlerTable, notFound } from '../types.js';
import { bodyOf, diffEntry, restCommit } from './git-json.js';
import { intParam, paginate, type RepoContext, repoContext } from './handler-context.js';
import { pullFull, pullSimple, reviewObject } from './pull-json.js';

/** Pull requests: create, list, update, merge, files, commits and reviews. */

function pullOf(req: FakeRequest, state: FakeState): { ctx: RepoContext; pr: PullRecord } {
  const ctx = repoContext(req, state);
  const pr = ctx.repo.pulls.get(intParam(req, 'pull_number'));
  if (!pr) throw notFound();
  return { ctx, pr };
}

function reviewOf(req: FakeRequest, pr: PullRecord) {
  const id = intParam(req, 'review_id');
  const review = pr.reviews.find((r) => r.id === id);
  if (!review) throw notFound();
  return review;
}

/** `owner:branch` or `branch`, as the `head` filter accepts it. */
function headFilter(value: string | undefined): string | undefined {
  return value?.includes(':') ? value.slice(value.indexOf(':') + 1) : value;
}

/** Handlers by operationId. */
export const pullHandlers: HandlerTable = {
  'pulls/create': (req, state) => {
    const ctx = repoContext(req, state);
    const b = bodyOf<{
      title?: string;
      body?: string;
      head: string;
      base: string;
      draft?: boolean;
      issue?: number;
    }>(req);
    const pr = ctx.repo.pulls.create({
      title: b.title ?? headFilter(b.head) ?? '',
      body: b.body ?? null,
      head: headFilter(b.head) ?? '',
      base: b.base,
      draft: b.draft ?? false,
      user: state.account(req.actor || 'fake-user'),
    });
    return {
      status: 201,
      body: pullFull(ctx, pr),
      headers: { location: `${ctx.repoUrl}/pulls/${pr.number}` },
    };
  },
  'pulls/get': (req, state) => {
    const { ctx, pr } = pullOf(req, state);
    return { status: 200, body: pullFull(ctx, pr) };
  },
  'pulls/list': (req, state) => {
    const ctx = repoContext(req, state);
    const wanted = req.query.state ?? 'open';
    const head = headFilter(req.query.head);
    const pulls = ctx.repo.pulls
      .list()
      .filter((p) => wanted === 'all' || p.state === wanted)
      .filter((p) => head === undefined || p.head === head)
      .filter((p) => req.query.base === undefined || p.base === req.query.base);
    const ascending = req.query.direction === 'asc';
    pulls.sort((a, b) => (ascending ? a.number - b.number : b.number - a.number));
    return paginate(
      req,
      pulls.map((p) => pullSimple(ctx, p)),
    );
  },
  'pulls/update': (req, state) => {
    const { ctx, pr } = pullOf(req, state);
    const b = bodyOf<{ title?: string; body?: string; state?: 'open' | 'closed'; base?: string }>(req);
    const changes = {
      ...(b.title !== undefined ? { title: b.title } : {}),
      ...(b.body !== undefined ? { body: b.body } : {}),
      ...(b.state !== undefined ? { state: b.state } : {}),
      ...(b.base !== undefined ? { base: b.base } : {}),
    };
    ctx.repo.pulls.update(pr, changes);
    return { status: 200, body: pullFull(ctx, pr) };
  },
  'pulls/check-if-merged': (req, state) => {
    const { pr } = pullOf(req, state);
    if (!pr.mergedAt) throw notFound();
    return { status: 204 };
  },
  'pulls/merge': (req, state) => {
    const { ctx, pr } = pullOf(req, state);
    const b = bodyOf<{
      commit_title?: string;
      commit_message?: string;
      sha?: string;
      merge_method?: MergeMethod;
    } | null>(req);
    // Branch protection: required checks on the head, required approving reviews.
    const refusal = protectionRefusal(ctx.repo, pr.base, ctx.repo.pulls.headSha(pr), req.actor, {
      author: pr.user.login,
      reviews: pr.reviews.map((r) => ({ user: r.user.login, state: r.state, commitId: r.commitId })),
    });
    if (refusal) throw new GitHubError(405, refusal);
    const sha = ctx.repo.pulls.merge(pr, state.account(req.actor || 'fake-user'), {
      ...(b?.merge_method ? { method: b.merge_method } : {}),
      ...(b?.sha !== undefined ? { sha: b.sha } : {}),
      ...(b?.commit_title !== undefined ? { title: b.commit_title } : {}),
      ...(b?.commit_message !== undefined ? { message: b.commit_message } : {}),
    });
    return { status: 200, body: { sha, merged: true, message: 'Pull Request successfully merged' } };
  },
  'pulls/list-files': (req, state) => {
    const { ctx, pr } = pullOf(req, state);
    const git = ctx.repo.git;
    const head = ctx.repo.pulls.headSha(pr);
    const base = git.mergeBase(ctx.repo.pulls.baseSha(pr), head);
    return paginate(
      req,
      git.diff(base, head).map((f) => diffEntry(req, ctx.repo, f, head)),
    );
  },
  'pulls/list-commits': (req, state) => {
    const { ctx, pr } = pullOf(req, state);
    const head = ctx.repo.pulls.headSha(pr);
    // A merged PR's commits are already in the base; list them from the merge commit's first parent.
    const merge = pr.mergeCommitSha ? ctx.repo.git.commit(pr.mergeCommitSha) : undefined;
    const base = merge?.parents.length === 2 ? merge.parents[0] : ctx.repo.pulls.baseSha(pr);
    const commits = ctx.repo.git.commitsBetween(base, head);
    return paginate(
      req,
      commits.map((sha) => restCommit(req, ctx.repo, sha)),
    );
  },
  'pulls/create-review': (req, state) => {
    const { ctx, pr } = pullOf(req, state);
    const b = bodyOf<{ commit_id?: string; body?: string; event?: string }>(req);
    if (b.commit_id !== undefined && !ctx.repo.git.commit(b.commit_id)) {
      throw new GitHubError(422, 'Unprocessable Entity', ['Commit ID is not part of the pull request']);
    }
    const review = ctx.repo.pulls.addReview(pr, state.account(req.actor || 'fake-user'), {
      ...(b.event !== undefined ? { event: b.event } : {}),
      ...(b.body !== undefined ? { body: b.body } : {}),
      ...(b.commit_id !== undefined ? { commitId: b.commit_id } : {}),
    });
    return { status: 200, body: reviewObject(ctx, pr, review) };
  },
  'pulls/list-reviews': (req, state) => {
    const { ctx, pr } = pullOf(req, state);
    const visible = pr.reviews.filter((r) => r.state !== 'PENDING' || r.user.login === req.actor);
    return paginate(
      req,
      visible.map((r) => reviewObject(ctx, pr, r)),
    );
  },
  'pulls/get-review': (req, state) => {
    const { ctx, pr } = pullOf(req, state);
    return { status: 200, body: reviewObject(ctx, pr, reviewOf(req, pr)) };
  },
  'pulls/submit-review': (req, state) => {
    const { ctx, pr } = pullOf(req, state);
    const review = reviewOf(req, pr);
    const b = bodyOf<{ event: string; body?: string }>(req);
    ctx.repo.pulls.submitReview(pr, review, b.event, b.body);
    return { status: 200, body: reviewObject(ctx, pr, review) };
  },
  'pulls/dismiss-review': (req, state) => {
    const { ctx, pr } = pullOf(req, state);
    const review = reviewOf(req, pr);
    if (review.state === 'PENDING') {
      throw new GitHubError(422, 'Unprocessable Entity', ['Can not dismiss a pending pull request review']);
    }
    review.state = 'DISMISSED';
    return { status: 200, body: reviewObject(ctx, pr, review) };
  },
};
