import { nodeId, type SimpleUser, simpleUser } from '../github-objects.js';
import type { RepoState } from '../state/repo-state.js';
import type { FakeState } from '../state/store.js';
import { type FakeRequest, notFound } from '../types.js';

/**
 * What the issues, checks, deployments, releases, protection and collaborator handlers share:
 * the repository, the API base URL, paging, and ref resolution through the Git store.
 */
export interface RepoContext {
  repo: RepoState;
  /** The fake's API URL without a trailing slash, e.g. http://127.0.0.1:41234. */
  base: string;
  /** https://api/repos/{owner}/{repo} */
  repoUrl: string;
  user(login: string): SimpleUser;
}

/** The API base URL, from the Host header the client used, so links point back at the fake. */
export function apiBase(req: FakeRequest): string {
  return `http://${req.headers.host ?? '127.0.0.1'}`;
}

/** The repository named by the owner/repo path parameters, or GitHub's 404. */
export function repoContext(req: FakeRequest, state: FakeState): RepoContext {
  const repo = state.repo(req.params.owner ?? '', req.params.repo ?? '');
  if (!repo) throw notFound();
  const base = apiBase(req);
  return {
    repo,
    base,
    repoUrl: `${base}/repos/${repo.fullName}`,
    user: (login) => simpleUser(state.account(login), base),
  };
}

/** A numeric path parameter; a non-number is a 404, as GitHub routes would not match it. */
export function intParam(req: FakeRequest, name: string): number {
  const value = Number(req.params[name]);
  if (!Number.isSafeInteger(value)) throw notFound();
  return value;
}

/** GitHub's page of a list (per_page default 30, at most 100) with a Link header like GitHub's. */
export function paginate<T>(
  req: FakeRequest,
  items: readonly T[],
): { status: 200; body: T[]; headers: Record<string, string> } {
  const perPage = Math.min(Math.max(Number(req.query.per_page ?? 30) || 30, 1), 100);
  const page = Math.max(Number(req.query.page ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const links: string[] = [];
  const link = (p: number, rel: string) => {
    const query = new URLSearchParams({ ...req.query, per_page: String(perPage), page: String(p) });
    links.push(`<${apiBase(req)}${req.path}?${query}>; rel="${rel}"`);
  };
  if (page < last) {
    link(page + 1, 'next');
    link(last, 'last');
  }
  if (page > 1) {
    link(1, 'first');
    link(page - 1, 'prev');
  }
  const body = items.slice((page - 1) * perPage, page * perPage);
  return { status: 200, body, headers: links.length > 0 ? { link: links.join(', ') } : {} };
}

/** The commit SHA `ref` names (branch, tag or SHA), or undefined. */
export function resolveSha(repo: RepoState, ref: string): string | undefined {
  return repo.git.resolve(ref);
}

/** GitHub's minimal-repository object, as embedded in combined statuses. */
export function minimalRepository(ctx: RepoContext) {
  const { repo, repoUrl: u } = ctx;
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    owner: ctx.user(repo.owner.login),
    private: repo.private,
    html_url: `https://github.com/${repo.fullName}`,
    description: null,
    fork: false,
    url: u,
    archive_url: `${u}/{archive_format}{/ref}`,
    assignees_url: `${u}/assignees{/user}`,
    blobs_url: `${u}/git/blobs{/sha}`,
    branches_url: `${u}/branches{/branch}`,
    collaborators_url: `${u}/collaborators{/collaborator}`,
    comments_url: `${u}/comments{/number}`,
    commits_url: `${u}/commits{/sha}`,
    compare_url: `${u}/compare/{base}...{head}`,
    contents_url: `${u}/contents/{+path}`,
    contributors_url: `${u}/contributors`,
    deployments_url: `${u}/deployments`,
    downloads_url: `${u}/downloads`,
    events_url: `${u}/events`,
    forks_url: `${u}/forks`,
    git_commits_url: `${u}/git/commits{/sha}`,
    git_refs_url: `${u}/git/refs{/sha}`,
    git_tags_url: `${u}/git/tags{/sha}`,
    issue_comment_url: `${u}/issues/comments{/number}`,
    issue_events_url: `${u}/issues/events{/number}`,
    issues_url: `${u}/issues{/number}`,
    keys_url: `${u}/keys{/key_id}`,
    labels_url: `${u}/labels{/name}`,
    languages_url: `${u}/languages`,
    merges_url: `${u}/merges`,
    milestones_url: `${u}/milestones{/number}`,
    notifications_url: `${u}/notifications{?since,all,participating}`,
    pulls_url: `${u}/pulls{/number}`,
    releases_url: `${u}/releases{/id}`,
    stargazers_url: `${u}/stargazers`,
    statuses_url: `${u}/statuses/{sha}`,
    subscribers_url: `${u}/subscribers`,
    subscription_url: `${u}/subscription`,
    tags_url: `${u}/tags`,
    teams_url: `${u}/teams`,
    trees_url: `${u}/git/trees{/sha}`,
    hooks_url: `${u}/hooks`,
  };
}
