import { HTML_BASE } from '../github-objects.js';
import type { TreeEntry } from '../state/git-objects.js';
import type { RepoState } from '../state/repo-state.js';
import type { FakeState } from '../state/store.js';
import { type FakeRequest, GitHubError, type HandlerTable, notFound } from '../types.js';
import { base64Lines } from './git.js';
import { bodyOf, gitCommit, repoApi, repoOf } from './git-json.js';

/** The contents API: files read from and committed to branches of the Git store. */

interface Person {
  name?: string;
  email?: string;
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The fields every content item (file or directory entry) carries. */
function contentItem(req: FakeRequest, repo: RepoState, path: string, entry: TreeEntry, ref: string) {
  const type = entry.type === 'tree' ? 'dir' : entry.type === 'commit' ? 'submodule' : 'file';
  const url = `${repoApi(req, repo)}/contents/${encodePath(path)}?ref=${encodeURIComponent(ref)}`;
  const git = `${repoApi(req, repo)}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`;
  const html = `${HTML_BASE}/${repo.fullName}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${encodePath(path)}`;
  const download =
    type === 'file' ? `https://raw.githubusercontent.com/${repo.fullName}/${ref}/${encodePath(path)}` : null;
  return {
    type,
    size: type === 'file' ? (repo.git.blob(entry.sha)?.content.length ?? 0) : 0,
    name: path.split('/').pop() ?? path,
    path,
    sha: entry.sha,
    url,
    git_url: git,
    html_url: html,
    download_url: download,
    _links: { self: url, git, html },
  };
}

/** The login's commit identity, as GitHub records web and API commits. */
function identity(state: FakeState, req: FakeRequest, given: Person | undefined) {
  const account = state.account(req.actor || 'fake-user');
  return {
    name: given?.name ?? account.login,
    email: given?.email ?? `${account.id}+${account.login}@users.noreply.github.com`,
  };
}

/** Checks the `sha` GitHub requires for replacing or deleting an existing file. */
function checkSha(path: string, existing: string | undefined, given: string | undefined): void {
  if (existing === undefined) return;
  if (given === undefined) throw new GitHubError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
  if (given !== existing) throw new GitHubError(409, `${path} does not match ${given}`);
}

function branchOf(repo: RepoState, branch: string | undefined): string {
  const name = branch ?? repo.defaultBranch;
  // An empty repository accepts the first commit on its default branch.
  if (!repo.git.branch(name) && (name !== repo.defaultBranch || repo.git.branches().length > 0)) {
    throw new GitHubError(404, `Branch ${name} not found`);
  }
  return name;
}

/** Handlers by operationId. */
export const contentsHandlers: HandlerTable = {
  'repos/get-content': (req, state) => {
    const repo = repoOf(req, state);
    if (repo.git.branches().length === 0) throw new GitHubError(404, 'This repository is empty.');
    const ref = req.query.ref ?? repo.defaultBranch;
    const path = (req.params.path ?? '').replace(/^\/+|\/+$/g, '');
    const entry = repo.git.entryAt(ref, path);
    if (!entry) throw notFound();
    if (entry.type === 'tree') {
      const entries = repo.git.tree(entry.sha)?.entries ?? [];
      const prefix = path === '' ? '' : `${path}/`;
      return { status: 200, body: entries.map((e) => contentItem(req, repo, `${prefix}${e.name}`, e, ref)) };
    }
    const blob = repo.git.blob(entry.sha);
    if (!blob) throw notFound();
    // The raw media type (Probot's config reader asks for it) answers with the file's bytes as text.
    if (/vnd\.github(\.v3)?\.raw/.test(req.headers.accept ?? '')) {
      return {
        status: 200,
        body: Buffer.from(blob.content),
        headers: {
          'content-type': 'text/plain; charset=utf-8',
          'x-github-media-type': 'github.v3; param=raw',
        },
      };
    }
    const body = {
      ...contentItem(req, repo, path, entry, ref),
      content: base64Lines(blob.content),
      encoding: 'base64',
    };
    return { status: 200, body };
  },
  'repos/create-or-update-file-contents': (req, state) => {
    const repo = repoOf(req, state);
    const b = bodyOf<{
      message: string;
      content: string;
      sha?: string;
      branch?: string;
      author?: Person;
      committer?: Person;
    }>(req);
    const path = req.params.path ?? '';
    const branch = branchOf(repo, b.branch);
    const existing = repo.git.entryAt(branch, path);
    if (existing?.type === 'tree') throw new GitHubError(422, `path ${path} is a directory`);
    checkSha(path, existing?.sha, b.sha);
    const content = Buffer.from(b.content, 'base64');
    const sha = repo.git.commitFiles(
      branch,
      { [path]: content },
      b.message,
      identity(state, req, b.author ?? b.committer),
    );
    const entry = repo.git.entryAt(sha, path);
    if (!entry) throw new Error(`committed ${path} but cannot read it back`);
    return {
      status: existing ? 200 : 201,
      body: { content: contentItem(req, repo, path, entry, branch), commit: gitCommit(req, repo, sha) },
    };
  },
  'repos/delete-file': (req, state) => {
    const repo = repoOf(req, state);
    const b = bodyOf<{ message: string; sha: string; branch?: string; author?: Person; committer?: Person }>(
      req,
    );
    const path = req.params.path ?? '';
    const branch = branchOf(repo, b.branch);
    const existing = repo.git.entryAt(branch, path);
    if (existing?.type !== 'blob') throw notFound();
    checkSha(path, existing.sha, b.sha);
    const sha = repo.git.commitFiles(
      branch,
      { [path]: null },
      b.message,
      identity(state, req, b.author ?? b.committer),
    );
    return { status: 200, body: { content: null, commit: gitCommit(req, repo, sha) } };
  },
};
