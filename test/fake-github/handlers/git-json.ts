import { HTML_BASE, nodeId, simpleUser } from '../github-objects.js';
import type { FileChange } from '../state/git-store.js';
import type { RepoState } from '../state/repo-state.js';
import type { FakeState } from '../state/store.js';
import { type FakeRequest, notFound } from '../types.js';
import { apiBase } from './handler-context.js';

/**
 * Response builders shared by the git, contents and pulls handlers: each turns the fake's Git state
 * into the object GitHub's OpenAPI description requires.
 */

/** The repository named in the path, or GitHub's 404. */
export function repoOf(req: FakeRequest, state: FakeState): RepoState {
  const repo = state.repo(req.params.owner ?? '', req.params.repo ?? '');
  if (!repo) throw notFound();
  return repo;
}

/** `<api>/repos/<owner>/<name>` */
export function repoApi(req: FakeRequest, repo: RepoState): string {
  return `${apiBase(req)}/repos/${repo.fullName}`;
}

/** A number derived from a sha, for the node ids of objects that have no numeric id. */
function shaNum(sha: string): number {
  return Number.parseInt(sha.slice(0, 8), 16);
}

const noSignature = {
  verified: false,
  reason: 'unsigned',
  signature: null,
  payload: null,
  verified_at: null,
};

/** GitHub's `git-ref`. */
export function gitRef(req: FakeRequest, repo: RepoState, ref: string) {
  const sha = repo.git.refs.get(ref) ?? '';
  const type = repo.git.objects.get(sha)?.type ?? 'commit';
  return {
    ref,
    node_id: nodeId('Ref', shaNum(sha)),
    url: `${repoApi(req, repo)}/git/${ref}`,
    object: { type, sha, url: `${repoApi(req, repo)}/git/${type}s/${sha}` },
  };
}

/** GitHub's `git-commit` (GET /git/commits/{sha}). */
export function gitCommit(req: FakeRequest, repo: RepoState, sha: string) {
  const c = repo.git.commit(sha);
  if (!c) throw notFound();
  const api = repoApi(req, repo);
  return {
    sha,
    node_id: nodeId('Commit', shaNum(sha)),
    url: `${api}/git/commits/${sha}`,
    html_url: `${HTML_BASE}/${repo.fullName}/commit/${sha}`,
    author: c.author,
    committer: c.committer,
    message: c.message,
    tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${api}/git/commits/${p}`,
      html_url: `${HTML_BASE}/${repo.fullName}/commit/${p}`,
    })),
    verification: noSignature,
  };
}

/** GitHub's `diff-entry`. */
export function diffEntry(req: FakeRequest, repo: RepoState, change: FileChange, ref: string) {
  const path = encodeURIComponent(change.filename).replace(/%2F/g, '/');
  return {
    sha: change.sha,
    filename: change.filename,
    status: change.status,
    additions: change.additions,
    deletions: change.deletions,
    changes: change.additions + change.deletions,
    blob_url: `${HTML_BASE}/${repo.fullName}/blob/${ref}/${path}`,
    raw_url: `${HTML_BASE}/${repo.fullName}/raw/${ref}/${path}`,
    contents_url: `${repoApi(req, repo)}/contents/${path}?ref=${ref}`,
  };
}

/** The account a commit's author email belongs to, when the fake knows one (GitHub matches emails). */
function accountFor(state: FakeState, email: string) {
  const login = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(email)?.[1];
  return login ? state.accounts.get(login.toLowerCase()) : undefined;
}

/** GitHub's `commit` (GET /commits/{ref}), with `files` when `withFiles`. */
export function restCommit(req: FakeRequest, repo: RepoState, sha: string, withFiles = false) {
  const c = repo.git.commit(sha);
  if (!c) throw notFound();
  const api = repoApi(req, repo);
  const author = accountFor(repo.global, c.author.email);
  const committer = accountFor(repo.global, c.committer.email);
  const files = repo.git.diff(c.parents[0], sha);
  const additions = files.reduce((n, f) => n + f.additions, 0);
  const deletions = files.reduce((n, f) => n + f.deletions, 0);
  return {
    url: `${api}/commits/${sha}`,
    sha,
    node_id: nodeId('Commit', shaNum(sha)),
    html_url: `${HTML_BASE}/${repo.fullName}/commit/${sha}`,
    comments_url: `${api}/commits/${sha}/comments`,
    commit: {
      url: `${api}/git/commits/${sha}`,
      author: c.author,
      committer: c.committer,
      message: c.message,
      comment_count: 0,
      tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
      verification: noSignature,
    },
    author: author ? simpleUser(author, apiBase(req)) : null,
    committer: committer ? simpleUser(committer, apiBase(req)) : null,
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${api}/commits/${p}`,
      html_url: `${HTML_BASE}/${repo.fullName}/commit/${p}`,
    })),
    ...(withFiles
      ? {
          stats: { additions, deletions, total: additions + deletions },
          files: files.map((f) => diffEntry(req, repo, f, sha)),
        }
      : {}),
  };
}

/** Parses a JSON body field set by the OpenAPI validation; the server guarantees the shape. */
export function bodyOf<T>(req: FakeRequest): T {
  return (req.body ?? {}) as T;
}
