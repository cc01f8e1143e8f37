import { HTML_BASE, nodeId } from '../github-objects.js';
import type { RepoState } from '../state/repo-state.js';
import { type FakeRequest, GitHubError, type HandlerTable, notFound } from '../types.js';
import { diffEntry, repoApi, repoOf, restCommit } from './git-json.js';
import { paginate } from './handler-context.js';

/** Branches, commits, compare and tags: the REST views over the Git store. */

/**
 * A branch's protection summary as get-branch and list-branches report it: the required checks and
 * who they bind ('everyone' with enforce_admins, else 'non_admins'; 'off' without required checks).
 */
function protectionSummary(req: FakeRequest, repo: RepoState, branch: string) {
  const url = `${repoApi(req, repo)}/branches/${branch}/protection`;
  const rules = repo.protection.branches.get(branch);
  const checks = rules?.required_status_checks;
  const list = checks ? (checks.checks ?? (checks.contexts ?? []).map((context) => ({ context }))) : [];
  const level = !checks ? 'off' : rules?.enforce_admins ? 'everyone' : 'non_admins';
  return {
    protected: rules !== undefined,
    protection: {
      enabled: rules !== undefined,
      required_status_checks: {
        enforcement_level: level,
        contexts: list.map((c) => c.context),
        checks: list.map((c) => ({ context: c.context, app_id: 'app_id' in c ? (c.app_id ?? null) : null })),
      },
    },
    protection_url: url,
  };
}

function compare(req: FakeRequest, repo: RepoState, baseRef: string, headRef: string) {
  const base = repo.git.resolve(baseRef);
  const head = repo.git.resolve(headRef);
  if (!base || !head) throw notFound();
  const c = repo.git.compare(base, head);
  const status =
    c.aheadBy === 0 && c.behindBy === 0
      ? 'identical'
      : c.behindBy === 0
        ? 'ahead'
        : c.aheadBy === 0
          ? 'behind'
          : 'diverged';
  const html = `${HTML_BASE}/${repo.fullName}/compare/${baseRef}...${headRef}`;
  return {
    url: `${repoApi(req, repo)}/compare/${baseRef}...${headRef}`,
    html_url: html,
    permalink_url: `${HTML_BASE}/${repo.fullName}/compare/${base}...${head}`,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    base_commit: restCommit(req, repo, base),
    merge_base_commit: restCommit(req, repo, c.mergeBase),
    status,
    ahead_by: c.aheadBy,
    behind_by: c.behindBy,
    total_commits: c.commits.length,
    commits: c.commits.map((sha) => restCommit(req, repo, sha)),
    files: c.files.map((f) => diffEntry(req, repo, f, head)),
  };
}

/** Handlers by operationId. */
export const branchHandlers: HandlerTable = {
  'repos/get-branch': (req, state) => {
    const repo = repoOf(req, state);
    const name = req.params.branch ?? '';
    const sha = repo.git.branch(name);
    if (!sha) throw new GitHubError(404, 'Branch not found');
    const body = {
      name,
      commit: restCommit(req, repo, sha),
      _links: {
        html: `${HTML_BASE}/${repo.fullName}/tree/${name}`,
        self: `${repoApi(req, repo)}/branches/${name}`,
      },
      ...protectionSummary(req, repo, name),
    };
    return { status: 200, body };
  },
  'repos/list-branches': (req, state) => {
    const repo = repoOf(req, state);
    const branches = repo.git.branches().sort();
    return paginate(
      req,
      branches.map((name) => {
        const sha = repo.git.branch(name) ?? '';
        return {
          name,
          commit: { sha, url: `${repoApi(req, repo)}/commits/${sha}` },
          ...protectionSummary(req, repo, name),
        };
      }),
    );
  },
  'repos/get-commit': (req, state) => {
    const repo = repoOf(req, state);
    const ref = req.params.ref ?? '';
    const sha = repo.git.resolve(ref);
    if (!sha) throw new GitHubError(422, `No commit found for SHA: ${ref}`);
    return { status: 200, body: restCommit(req, repo, sha, true) };
  },
  'repos/compare-commits-with-basehead': (req, state) => {
    const [base, head] = (req.params.basehead ?? '').split(/\.\.\.?/);
    if (base === undefined || head === undefined) throw notFound();
    return { status: 200, body: compare(req, repoOf(req, state), base, head) };
  },
  'repos/compare-commits': (req, state) => ({
    status: 200,
    body: compare(req, repoOf(req, state), req.params.base ?? '', req.params.head ?? ''),
  }),
  'repos/list-tags': (req, state) => {
    const repo = repoOf(req, state);
    const tags = [...repo.git.refs.keys()].filter((r) => r.startsWith('refs/tags/')).map((r) => r.slice(10));
    const api = repoApi(req, repo);
    const body = tags
      .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
      .map((name) => {
        const sha = repo.git.resolve(`refs/tags/${name}`) ?? '';
        return {
          name,
          commit: { sha, url: `${api}/commits/${sha}` },
          zipball_url: `${api}/zipball/refs/tags/${name}`,
          tarball_url: `${api}/tarball/refs/tags/${name}`,
          node_id: nodeId('Ref', Number.parseInt(sha.slice(0, 8), 16)),
        };
      });
    return paginate(req, body);
  },
};
