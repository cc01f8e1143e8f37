import { HTML_BASE, nodeId } from '../github-objects.js';
import { autoMergeJson } from '../graphql/auto-merge-store.js';
import type { PullRecord, ReviewRecord } from '../state/pulls-store.js';
import type { RepoState } from '../state/repo-state.js';
import { minimalRepository, type RepoContext } from './handler-context.js';
import { labelsOn } from './issue-json.js';

/** Builders for GitHub's `pull-request`, `pull-request-simple` and `pull-request-review` objects. */

/** GitHub's full `repository` object, as embedded in a PR's head and base. */
export function repositoryObject(ctx: RepoContext) {
  const { repo } = ctx;
  const html = `${HTML_BASE}/${repo.fullName}`;
  const openPulls = repo.pulls.list().filter((p) => p.state === 'open').length;
  return {
    ...minimalRepository(ctx),
    git_url: `git://github.com/${repo.fullName}.git`,
    ssh_url: `git@github.com:${repo.fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    mirror_url: null,
    homepage: null,
    language: null,
    license: null,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues_count: openPulls,
    open_issues: openPulls,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    archived: false,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    pushed_at: null,
    created_at: null,
    updated_at: null,
  };
}

/** GitHub's author_association of `login` with the repository. */
export function association(repo: RepoState, login: string) {
  if (login.toLowerCase() === repo.owner.login.toLowerCase()) return 'OWNER' as const;
  return repo.permission(login) === 'none' ? ('NONE' as const) : ('COLLABORATOR' as const);
}

/** The fields `pull-request-simple` and `pull-request` share. */
function pullCommon(ctx: RepoContext, pr: PullRecord) {
  const { repo, repoUrl } = ctx;
  const url = `${repoUrl}/pulls/${pr.number}`;
  const html = `${HTML_BASE}/${repo.fullName}/pull/${pr.number}`;
  const issue = `${repoUrl}/issues/${pr.number}`;
  const headSha = repo.pulls.headSha(pr);
  const statuses = `${repoUrl}/statuses/${headSha}`;
  const side = (ref: string, sha: string) => ({
    label: `${repo.owner.login}:${ref}`,
    ref,
    sha,
    user: ctx.user(repo.owner.login),
    repo: repositoryObject(ctx),
  });
  return {
    url,
    id: pr.id,
    node_id: nodeId('PullRequest', pr.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issue,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoUrl}/pulls/comments{/number}`,
    comments_url: `${issue}/comments`,
    statuses_url: statuses,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: ctx.user(pr.user.login),
    body: pr.body,
    // A PR is an issue for labels and comments; both live in the issues store.
    labels: labelsOn(ctx, pr.number),
    milestone: null,
    active_lock_reason: null,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    merged_at: pr.mergedAt,
    merge_commit_sha: pr.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: side(pr.head, headSha),
    base: side(pr.base, repo.pulls.baseSha(pr)),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issue },
      comments: { href: `${issue}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${repoUrl}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: statuses },
    },
    author_association: association(repo, pr.user.login),
    auto_merge: autoMergeJson(ctx, pr),
    draft: pr.draft,
  };
}

/** GitHub's `pull-request-simple` (list items). */
export function pullSimple(ctx: RepoContext, pr: PullRecord) {
  const common = pullCommon(ctx, pr);
  // The description types a list item's label description as a string, never null.
  const labels = common.labels.map((l) => ({ ...l, description: l.description ?? '' }));
  return { ...common, labels };
}

/** GitHub's full `pull-request` (get, create, update). */
export function pullFull(ctx: RepoContext, pr: PullRecord) {
  const { repo } = ctx;
  const git = repo.git;
  const head = repo.pulls.headSha(pr);
  const base = repo.pulls.baseSha(pr);
  const merged = pr.mergedAt !== null;
  const comparison = merged ? undefined : git.compare(base, head);
  const files = comparison?.files ?? [];
  const mergeable = merged ? null : repo.pulls.mergeable(pr);
  return {
    ...pullCommon(ctx, pr),
    merged,
    mergeable,
    rebaseable: mergeable,
    mergeable_state: merged ? 'unknown' : mergeable ? 'clean' : 'dirty',
    merged_by: pr.mergedBy ? ctx.user(pr.mergedBy.login) : null,
    comments: repo.issues.commentsOn(pr.number).length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: comparison?.commits.length ?? 0,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
    changed_files: files.length,
  };
}

/** GitHub's `pull-request-review`. */
export function reviewObject(ctx: RepoContext, pr: PullRecord, review: ReviewRecord) {
  const html = `${HTML_BASE}/${ctx.repo.fullName}/pull/${pr.number}#pullrequestreview-${review.id}`;
  const prUrl = `${ctx.repoUrl}/pulls/${pr.number}`;
  return {
    id: review.id,
    node_id: nodeId('PullRequestReview', review.id),
    user: ctx.user(review.user.login),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: prUrl,
    _links: { html: { href: html }, pull_request: { href: prUrl } },
    ...(review.submittedAt ? { submitted_at: review.submittedAt } : {}),
    commit_id: review.commitId,
    author_association: association(ctx.repo, review.user.login),
  };
}
