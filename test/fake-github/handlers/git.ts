import { nodeId } from '../github-objects.js';
import type { FileEntry } from '../state/git-store.js';
import { protectionRefusal } from '../state/protection-rules.js';
import type { RepoState } from '../state/repo-state.js';
import { type FakeRequest, GitHubError, type HandlerTable, notFound } from '../types.js';
import { branchHandlers } from './branches.js';
import { bodyOf, gitCommit, gitRef, repoApi, repoOf } from './git-json.js';

/** Git data API handlers (blobs, trees, commits, refs, tags) plus branches, commits and compare. */

interface Person {
  name: string;
  email: string;
  date?: string;
}

/** GitHub wraps base64 content at 60 characters. */
export function base64Lines(buf: Buffer): string {
  return (buf.toString('base64').match(/.{1,60}/g) ?? []).map((l) => `${l}\n`).join('');
}

function fullRef(req: FakeRequest): string {
  return `refs/${req.params.ref ?? ''}`;
}

function shaUrl(req: FakeRequest, repo: RepoState, kind: string, sha: string): string {
  return `${repoApi(req, repo)}/git/${kind}/${sha}`;
}

function treeJson(req: FakeRequest, repo: RepoState, sha: string, recursive: boolean) {
  const entries: { path: string; mode: string; type: string; sha: string; size?: number; url: string }[] = [];
  const walk = (treeSha: string, prefix: string) => {
    for (const e of repo.git.tree(treeSha)?.entries ?? []) {
      const path = `${prefix}${e.name}`;
      const size = e.type === 'blob' ? { size: repo.git.blob(e.sha)?.content.length ?? 0 } : {};
      entries.push({
        path,
        mode: e.mode,
        type: e.type,
        sha: e.sha,
        ...size,
        url: shaUrl(req, repo, `${e.type}s`, e.sha),
      });
      if (e.type === 'tree' && recursive) walk(e.sha, `${path}/`);
    }
  };
  walk(sha, '');
  return { sha, url: shaUrl(req, repo, 'trees', sha), tree: entries, truncated: false };
}

function tagJson(req: FakeRequest, repo: RepoState, sha: string) {
  const t = repo.git.tag(sha);
  if (!t) throw notFound();
  return {
    node_id: nodeId('Tag', Number.parseInt(sha.slice(0, 8), 16)),
    tag: t.tag,
    sha,
    url: shaUrl(req, repo, 'tags', sha),
    message: t.message,
    tagger: t.tagger,
    object: { sha: t.object, type: t.objectType, url: shaUrl(req, repo, `${t.objectType}s`, t.object) },
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}

interface TreeInput {
  path?: string;
  mode?: string;
  type?: 'blob' | 'tree' | 'commit';
  sha?: string | null;
  content?: string;
}

function createTree(repo: RepoState, body: { tree: TreeInput[]; base_tree?: string }): string {
  let files = new Map<string, FileEntry>();
  if (body.base_tree) {
    if (!repo.git.tree(body.base_tree)) throw new GitHubError(422, 'base_tree is not a valid tree oid');
    files = repo.git.flatten(body.base_tree);
  }
  const removeUnder = (path: string) => {
    for (const p of [...files.keys()]) if (p === path || p.startsWith(`${path}/`)) files.delete(p);
  };
  for (const e of body.tree) {
    const path = e.path ?? '';
    if (e.sha === null) {
      removeUnder(path);
    } else if (e.content !== undefined) {
      files.set(path, { sha: repo.git.putBlob(e.content), mode: e.mode ?? '100644' });
    } else if (e.type === 'tree' || e.mode === '040000') {
      if (!e.sha || !repo.git.tree(e.sha))
        throw new GitHubError(422, `tree.sha ${e.sha} is not a valid tree`);
      removeUnder(path);
      for (const [sub, entry] of repo.git.flatten(e.sha)) files.set(`${path}/${sub}`, entry);
    } else {
      if (!e.sha || !repo.git.blob(e.sha))
        throw new GitHubError(422, `tree.sha ${e.sha} is not a valid blob`);
      files.set(path, { sha: e.sha, mode: e.mode ?? '100644' });
    }
  }
  return repo.git.writeTree(files);
}

/** Handlers by operationId. */
export const gitHandlers: HandlerTable = {
  ...branchHandlers,
  'git/create-blob': (req, state) => {
    const repo = repoOf(req, state);
    const { content, encoding } = bodyOf<{ content: string; encoding?: string }>(req);
    const sha = repo.git.putBlob(Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'));
    return { status: 201, body: { url: shaUrl(req, repo, 'blobs', sha), sha } };
  },
  'git/get-blob': (req, state) => {
    const repo = repoOf(req, state);
    const blob = repo.git.blob(req.params.file_sha ?? '');
    if (!blob) throw notFound();
    const body = {
      sha: blob.sha,
      node_id: nodeId('Blob', Number.parseInt(blob.sha.slice(0, 8), 16)),
      size: blob.content.length,
      url: shaUrl(req, repo, 'blobs', blob.sha),
      content: base64Lines(blob.content),
      encoding: 'base64',
    };
    return { status: 200, body };
  },
  'git/create-tree': (req, state) => {
    const repo = repoOf(req, state);
    const sha = createTree(repo, bodyOf<{ tree: TreeInput[]; base_tree?: string }>(req));
    return { status: 201, body: treeJson(req, repo, sha, false) };
  },
  'git/get-tree': (req, state) => {
    const repo = repoOf(req, state);
    const param = req.params.tree_sha ?? '';
    const sha = repo.git.tree(param) ? param : repo.git.commit(repo.git.resolve(param) ?? '')?.tree;
    if (!sha) throw notFound();
    const recursive = req.query.recursive !== undefined && req.query.recursive !== 'false';
    return { status: 200, body: treeJson(req, repo, sha, recursive) };
  },
  'git/create-commit': (req, state) => {
    const repo = repoOf(req, state);
    const b = bodyOf<{
      message: string;
      tree: string;
      parents?: string[];
      author?: Person;
      committer?: Person;
    }>(req);
    if (!repo.git.tree(b.tree)) throw new GitHubError(422, 'Tree SHA does not exist');
    const parents = b.parents ?? [];
    if (parents.some((p) => !repo.git.commit(p))) {
      throw new GitHubError(422, 'Parent SHA does not exist or is not a commit object');
    }
    const author = repo.git.person(b.author, b.author?.date);
    const committer =
      b.committer?.name && b.committer.email ? repo.git.person(b.committer as Person) : author;
    const sha = repo.git.putCommit({ tree: b.tree, parents, author, committer, message: b.message });
    return { status: 201, body: gitCommit(req, repo, sha) };
  },
  'git/get-commit': (req, state) => ({
    status: 200,
    body: gitCommit(req, repoOf(req, state), req.params.commit_sha ?? ''),
  }),
  'git/get-ref': (req, state) => {
    const repo = repoOf(req, state);
    if (!repo.git.refs.has(fullRef(req))) throw notFound();
    return { status: 200, body: gitRef(req, repo, fullRef(req)) };
  },
  'git/list-matching-refs': (req, state) => {
    const repo = repoOf(req, state);
    const refs = [...repo.git.refs.keys()].filter((r) => r.startsWith(fullRef(req))).sort();
    return { status: 200, body: refs.map((r) => gitRef(req, repo, r)) };
  },
  'git/create-ref': (req, state) => {
    const repo = repoOf(req, state);
    const { ref, sha } = bodyOf<{ ref: string; sha: string }>(req);
    if (!/^refs\/[^/]+\/.+/.test(ref)) throw new GitHubError(422, `${ref} is not a valid ref name.`);
    if (repo.git.refs.has(ref)) throw new GitHubError(422, 'Reference already exists');
    if (!repo.git.objects.has(sha)) throw new GitHubError(422, 'Object does not exist');
    repo.git.refs.set(ref, sha);
    return {
      status: 201,
      body: gitRef(req, repo, ref),
      headers: { location: `${repoApi(req, repo)}/git/${ref}` },
    };
  },
  'git/update-ref': (req, state) => {
    const repo = repoOf(req, state);
    const ref = fullRef(req);
    const { sha, force } = bodyOf<{ sha: string; force?: boolean }>(req);
    const current = repo.git.refs.get(ref);
    if (current === undefined) throw new GitHubError(422, 'Reference does not exist');
    if (!repo.git.objects.has(sha)) throw new GitHubError(422, 'Object does not exist');
    const isFastForward = repo.git.commit(current) && repo.git.isAncestor(current, sha);
    if (!force && ref.startsWith('refs/heads/') && !isFastForward) {
      throw new GitHubError(422, 'Update is not a fast forward');
    }
    // A protected branch moves only to a commit that passes its rules (checks cannot have run on a
    // commit nobody could see yet, so required checks refuse every direct update, as on GitHub).
    if (ref.startsWith('refs/heads/')) {
      const refusal = protectionRefusal(repo, ref.slice('refs/heads/'.length), sha, req.actor);
      if (refusal) throw new GitHubError(422, refusal);
    }
    repo.git.refs.set(ref, sha);
    return { status: 200, body: gitRef(req, repo, ref) };
  },
  'git/delete-ref': (req, state) => {
    const repo = repoOf(req, state);
    if (!repo.git.refs.delete(fullRef(req))) throw new GitHubError(422, 'Reference does not exist');
    return { status: 204 };
  },
  'git/create-tag': (req, state) => {
    const repo = repoOf(req, state);
    const b = bodyOf<{
      tag: string;
      message: string;
      object: string;
      type: 'commit' | 'tree' | 'blob';
      tagger?: Person;
    }>(req);
    if (repo.git.objects.get(b.object)?.type !== b.type) throw new GitHubError(422, 'Object does not exist');
    const tagger = repo.git.person(b.tagger, b.tagger?.date);
    const sha = repo.git.putTag({
      tag: b.tag,
      message: b.message,
      object: b.object,
      objectType: b.type,
      tagger,
    });
    return { status: 201, body: tagJson(req, repo, sha) };
  },
  'git/get-tag': (req, state) => ({
    status: 200,
    body: tagJson(req, repoOf(req, state), req.params.tag_sha ?? ''),
  }),
};
