import { githubTime } from '../state/clock.js';
import type { RepoState } from '../state/repo-state.js';
import type { FakeState } from '../state/store.js';
import { type FakeRequest, type HandlerTable, notFound } from '../types.js';
import { minimalRepository, repoContext } from './handler-context.js';

/**
 * RepoState keeps no creation time, and reading the clock on every GET would change the body (and its
 * ETag) each time; so the first read of a repository fixes its timestamps.
 */
const createdAt = new WeakMap<RepoState, string>();

function timestampOf(repo: RepoState, state: FakeState): string {
  let created = createdAt.get(repo);
  if (!created) {
    created = githubTime(state.clock.now());
    createdAt.set(repo, created);
  }
  return created;
}

/** GitHub's full-repository object, as GET /repos/{owner}/{repo} returns it. */
export function fullRepository(req: FakeRequest, state: FakeState) {
  const ctx = repoContext(req, state);
  const { repo } = ctx;
  const created = timestampOf(repo, state);
  const openIssues = [...repo.issues.issues.values()].filter((issue) => issue.state === 'open').length;
  const permission = repo.permission(req.actor);
  const at = (levels: readonly string[]) => levels.includes(permission);
  return {
    ...minimalRepository(ctx),
    clone_url: `https://github.com/${repo.fullName}.git`,
    git_url: `git://github.com/${repo.fullName}.git`,
    ssh_url: `git@github.com:${repo.fullName}.git`,
    svn_url: `https://github.com/${repo.fullName}`,
    mirror_url: null,
    homepage: null,
    language: null,
    default_branch: repo.defaultBranch,
    visibility: repo.private ? 'private' : 'public',
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    subscribers_count: 0,
    network_count: 0,
    open_issues: openIssues,
    open_issues_count: openIssues,
    size: 0,
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    is_template: false,
    topics: [],
    license: null,
    allow_forking: true,
    web_commit_signoff_required: false,
    permissions: {
      admin: at(['admin']),
      maintain: at(['admin', 'maintain']),
      push: at(['admin', 'maintain', 'write']),
      triage: at(['admin', 'maintain', 'write', 'triage']),
      pull: permission !== 'none' || !repo.private,
    },
    pushed_at: created,
    created_at: created,
    updated_at: created,
  };
}

/** Repository handlers: GET /repos/{owner}/{repo}. */
export const repoHandlers: HandlerTable = {
  'repos/get': (req, state) => {
    const repo = state.repo(req.params.owner ?? '', req.params.repo ?? '');
    // GitHub hides a private repository from anyone without access behind the same 404 as a missing one.
    if (repo?.private && repo.permission(req.actor) === 'none') throw notFound();
    return { status: 200, body: fullRepository(req, state) };
  },
};
