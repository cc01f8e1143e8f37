import type { IssueRecord } from '../state/issues-store.js';
import { type FakeRequest, type HandlerTable, notFound } from '../types.js';
import { intParam, paginate, type RepoContext, repoContext } from './handler-context.js';
import { commentObject, issueObject, labelObject, labelsOn, pullIssueObject } from './issue-json.js';

type LabelInput = string | { name?: string };
const labelNames = (labels: readonly LabelInput[] | undefined): string[] =>
  (labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter((n) => n !== '');

/** The body's `labels`, which GitHub accepts as a list or as `{ labels: [...] }`. */
function bodyLabels(body: unknown): string[] {
  if (Array.isArray(body)) return labelNames(body as LabelInput[]);
  return labelNames((body as { labels?: LabelInput[] } | undefined)?.labels);
}

/** An issue or PR number that exists; labels and comments work on both. */
function conversation(req: FakeRequest, ctx: RepoContext): number {
  const number = intParam(req, 'issue_number');
  if (!ctx.repo.issues.issues.has(number) && !ctx.repo.pulls.get(number)) throw notFound();
  return number;
}

/** Issue `number` in the issues API's shape, pull requests included; GitHub's 404 otherwise. */
function issueOrPull(ctx: RepoContext, number: number) {
  const pr = ctx.repo.pulls.get(number);
  return pr ? pullIssueObject(ctx, pr) : issueObject(ctx, ctx.repo.issues.get(number));
}

const labelsResponse = (ctx: RepoContext, number: number) => ({
  status: 200,
  body: labelsOn(ctx, number),
});

interface IssueBody {
  title?: string | number;
  body?: string | null;
  state?: 'open' | 'closed';
  state_reason?: IssueRecord['stateReason'];
  labels?: LabelInput[];
  assignees?: string[];
  assignee?: string | null;
}

/** Issues, issue comments (also on PRs) and labels. */
export const issueHandlers: HandlerTable = {
  'issues/create': (req, state) => {
    const ctx = repoContext(req, state);
    const body = req.body as IssueBody;
    const assignees = body.assignees ?? (body.assignee ? [body.assignee] : []);
    const issue = ctx.repo.issues.create({
      title: String(body.title ?? ''),
      body: body.body ?? null,
      user: req.actor,
      labels: labelNames(body.labels),
      assignees,
    });
    return {
      status: 201,
      body: issueObject(ctx, issue),
      headers: { location: `${ctx.repoUrl}/issues/${issue.number}` },
    };
  },
  'issues/get': (req, state) => {
    const ctx = repoContext(req, state);
    return { status: 200, body: issueOrPull(ctx, intParam(req, 'issue_number')) };
  },
  'issues/update': (req, state) => {
    const ctx = repoContext(req, state);
    const number = intParam(req, 'issue_number');
    const body = req.body as IssueBody;
    if (body.labels !== undefined) ctx.repo.issues.setLabels(number, labelNames(body.labels));
    const pr = ctx.repo.pulls.get(number);
    if (pr) {
      // Title, body and state of a PR belong to the PR; the issues API edits them too.
      ctx.repo.pulls.update(pr, {
        ...(body.title !== undefined ? { title: String(body.title) } : {}),
        ...(typeof body.body === 'string' ? { body: body.body } : {}),
        ...(body.state !== undefined ? { state: body.state } : {}),
      });
      return { status: 200, body: pullIssueObject(ctx, pr) };
    }
    const issue = ctx.repo.issues.get(number);
    if (body.title !== undefined) issue.title = String(body.title);
    if (body.body !== undefined) issue.body = body.body;
    if (body.assignees !== undefined) issue.assignees = [...body.assignees];
    if (body.state !== undefined)
      ctx.repo.issues.setState(issue, body.state, req.actor, body.state_reason ?? undefined);
    issue.updatedAt = state.clock.now();
    return { status: 200, body: issueObject(ctx, issue) };
  },
  'issues/list-for-repo': (req, state) => {
    const ctx = repoContext(req, state);
    const wanted = req.query.state ?? 'open';
    const labels = (req.query.labels ?? '')
      .split(',')
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean);
    const creator = req.query.creator?.toLowerCase();
    const direction = req.query.direction === 'asc' ? 1 : -1;
    // Pull requests are issues too: GitHub lists them here, each with a `pull_request` field.
    const all = [
      ...[...ctx.repo.issues.issues.values()].map((i) => ({ ...i, object: () => issueObject(ctx, i) })),
      ...ctx.repo.pulls
        .list()
        .map((p) => ({ ...p, user: p.user.login, object: () => pullIssueObject(ctx, p) })),
    ];
    const listed = all
      .filter((i) => wanted === 'all' || i.state === wanted)
      .filter((i) => {
        const names = ctx.repo.issues.labelsOf(i.number).map((l) => l.name.toLowerCase());
        return labels.every((l) => names.includes(l));
      })
      .filter((i) => !creator || i.user.toLowerCase() === creator)
      .sort((a, b) => direction * (a.number - b.number));
    return paginate(
      req,
      listed.map((i) => i.object()),
    );
  },
  'issues/create-comment': (req, state) => {
    const ctx = repoContext(req, state);
    const number = conversation(req, ctx);
    const comment = ctx.repo.issues.addComment(number, req.actor, (req.body as { body: string }).body);
    const issue = ctx.repo.issues.issues.get(number);
    if (issue) issue.updatedAt = comment.createdAt;
    return {
      status: 201,
      body: commentObject(ctx, comment),
      headers: { location: `${ctx.repoUrl}/issues/comments/${comment.id}` },
    };
  },
  'issues/list-comments': (req, state) => {
    const ctx = repoContext(req, state);
    const number = conversation(req, ctx);
    const since = req.query.since ? new Date(req.query.since).getTime() : 0;
    const comments = ctx.repo.issues.commentsOn(number).filter((c) => c.updatedAt.getTime() >= since);
    return paginate(
      req,
      comments.map((c) => commentObject(ctx, c)),
    );
  },
  'issues/update-comment': (req, state) => {
    const ctx = repoContext(req, state);
    const comment = ctx.repo.issues.comment(intParam(req, 'comment_id'));
    comment.body = (req.body as { body: string }).body;
    comment.updatedAt = state.clock.now();
    return { status: 200, body: commentObject(ctx, comment) };
  },
  'issues/delete-comment': (req, state) => {
    const ctx = repoContext(req, state);
    const comment = ctx.repo.issues.comment(intParam(req, 'comment_id'));
    ctx.repo.issues.comments.delete(comment.id);
    return { status: 204 };
  },
  'issues/add-labels': (req, state) => {
    const ctx = repoContext(req, state);
    const number = conversation(req, ctx);
    ctx.repo.issues.addLabels(number, bodyLabels(req.body));
    return labelsResponse(ctx, number);
  },
  'issues/set-labels': (req, state) => {
    const ctx = repoContext(req, state);
    const number = conversation(req, ctx);
    ctx.repo.issues.setLabels(number, bodyLabels(req.body));
    return labelsResponse(ctx, number);
  },
  'issues/remove-label': (req, state) => {
    const ctx = repoContext(req, state);
    const number = conversation(req, ctx);
    ctx.repo.issues.removeLabel(number, req.params.name ?? '');
    return labelsResponse(ctx, number);
  },
  'issues/create-label': (req, state) => {
    const ctx = repoContext(req, state);
    const body = req.body as { name: string; color?: string; description?: string };
    const label = ctx.repo.issues.createLabel(body);
    return { status: 201, body: labelObject(ctx, label) };
  },
  'issues/get-label': (req, state) => {
    const ctx = repoContext(req, state);
    const label = ctx.repo.issues.labels.get((req.params.name ?? '').toLowerCase());
    if (!label) throw notFound();
    return { status: 200, body: labelObject(ctx, label) };
  },
};
