import { HTML_BASE, nodeId } from '../github-objects.js';
import { githubTime } from '../state/clock.js';
import type { CommentRecord, IssueRecord, LabelRecord } from '../state/issues-store.js';
import type { PullRecord } from '../state/pulls-store.js';
import type { RepoContext } from './handler-context.js';

/**
 * Builders for GitHub's `issue`, `issue-comment` and `label` objects. A pull request is an issue too
 * (labels, comments, the issues list), so it has an issue view with a `pull_request` field.
 */

/** What an issue and a pull request's issue view share, with times already in GitHub's format. */
interface Conversation {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: IssueRecord['stateReason'];
  user: string;
  assignees: readonly string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
}

/** GitHub's `label`. */
export function labelObject(ctx: RepoContext, label: LabelRecord) {
  return {
    id: label.id,
    node_id: nodeId('Label', label.id),
    url: `${ctx.repoUrl}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    description: label.description,
    default: false,
  };
}

/** The labels on issue or PR `number`, as GitHub embeds them. */
export function labelsOn(ctx: RepoContext, number: number) {
  return ctx.repo.issues.labelsOf(number).map((l) => labelObject(ctx, l));
}

function conversationObject(ctx: RepoContext, c: Conversation, htmlPath: string) {
  const url = `${ctx.repoUrl}/issues/${c.number}`;
  const assignees = c.assignees.map((a) => ctx.user(a));
  return {
    id: c.id,
    node_id: nodeId('Issue', c.id),
    url,
    repository_url: ctx.repoUrl,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${HTML_BASE}/${ctx.repo.fullName}/${htmlPath}/${c.number}`,
    number: c.number,
    state: c.state,
    state_reason: c.stateReason,
    title: c.title,
    body: c.body,
    user: ctx.user(c.user),
    labels: labelsOn(ctx, c.number),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: ctx.repo.issues.commentsOn(c.number).length,
    closed_at: c.closedAt,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    closed_by: c.closedBy ? ctx.user(c.closedBy) : null,
    author_association: ctx.repo.permission(c.user) === 'none' ? 'NONE' : 'COLLABORATOR',
    timeline_url: `${url}/timeline`,
  };
}

/** GitHub's `issue`. */
export function issueObject(ctx: RepoContext, issue: IssueRecord) {
  return conversationObject(
    ctx,
    {
      ...issue,
      createdAt: githubTime(issue.createdAt),
      updatedAt: githubTime(issue.updatedAt),
      closedAt: issue.closedAt ? githubTime(issue.closedAt) : null,
    },
    'issues',
  );
}

/** A pull request as the issues API shows it: an `issue` with a `pull_request` field. */
export function pullIssueObject(ctx: RepoContext, pr: PullRecord) {
  const html = `${HTML_BASE}/${ctx.repo.fullName}/pull/${pr.number}`;
  const view: Conversation = {
    id: pr.id,
    number: pr.number,
    title: pr.title,
    body: pr.body,
    state: pr.state,
    stateReason: null,
    user: pr.user.login,
    assignees: [],
    createdAt: pr.createdAt,
    updatedAt: pr.updatedAt,
    closedAt: pr.closedAt,
    closedBy: pr.mergedBy?.login ?? null,
  };
  return {
    ...conversationObject(ctx, view, 'pull'),
    draft: pr.draft,
    pull_request: {
      merged_at: pr.mergedAt,
      diff_url: `${html}.diff`,
      html_url: html,
      patch_url: `${html}.patch`,
      url: `${ctx.repoUrl}/pulls/${pr.number}`,
    },
  };
}

/** GitHub's `issue-comment`. */
export function commentObject(ctx: RepoContext, comment: CommentRecord) {
  return {
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    url: `${ctx.repoUrl}/issues/comments/${comment.id}`,
    html_url: `${HTML_BASE}/${ctx.repo.fullName}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    body: comment.body,
    user: ctx.user(comment.user),
    created_at: githubTime(comment.createdAt),
    updated_at: githubTime(comment.updatedAt),
    issue_url: `${ctx.repoUrl}/issues/${comment.issueNumber}`,
    author_association: ctx.repo.permission(comment.user) === 'none' ? 'NONE' : 'COLLABORATOR',
  };
}
