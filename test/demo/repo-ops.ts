import type { Octokit } from '@octokit/rest';

/** owner/repo, as every Octokit call takes it. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** An Octokit authenticated as one person or app, so that each API call has the right actor. */
export type OctokitFor = (login: string) => Octokit;

/** The commit a branch points at. */
export async function headOf(octokit: Octokit, repo: RepoRef, branch: string): Promise<string> {
  const { data } = await octokit.rest.git.getRef({ ...repo, ref: `heads/${branch}` });
  return data.object.sha;
}

/** Creates `branch` at `sha`, or moves an existing one there (auto-PR branches are reused, SPEC 6). */
export async function resetBranch(
  octokit: Octokit,
  repo: RepoRef,
  branch: string,
  sha: string,
): Promise<void> {
  try {
    await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha });
  } catch (error) {
    if (!(typeof error === 'object' && error !== null && 'status' in error && error.status === 422))
      throw error;
    await octokit.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha, force: true });
  }
}

/**
 * One commit on `branch` with the given files (path -> text), through the Git data API: a tree on top
 * of the branch's tree, a commit, and a fast-forward of the branch. Returns the new head.
 */
export async function commitFiles(
  octokit: Octokit,
  repo: RepoRef,
  branch: string,
  files: Readonly<Record<string, string>>,
  message: string,
): Promise<string> {
  const parent = await headOf(octokit, repo, branch);
  const { data: parentCommit } = await octokit.rest.git.getCommit({ ...repo, commit_sha: parent });
  const { data: tree } = await octokit.rest.git.createTree({
    ...repo,
    base_tree: parentCommit.tree.sha,
    tree: Object.entries(files).map(([path, content]) => ({ path, mode: '100644', type: 'blob', content })),
  });
  const { data: commit } = await octokit.rest.git.createCommit({
    ...repo,
    message,
    tree: tree.sha,
    parents: [parent],
  });
  await octokit.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha: commit.sha });
  return commit.sha;
}

/** An open pull request, as the story tracks it. */
export interface OpenedPull {
  number: number;
  head: string;
  headSha: string;
  author: string;
}

/** Opens a pull request from `head` into the default branch. */
export async function openPull(
  octokit: Octokit,
  repo: RepoRef,
  pull: { head: string; title: string; body: string; author: string },
): Promise<OpenedPull> {
  const { data } = await octokit.rest.pulls.create({
    ...repo,
    head: pull.head,
    base: 'main',
    title: pull.title,
    body: pull.body,
  });
  return { number: data.number, head: pull.head, headSha: data.head.sha, author: pull.author };
}

/** Merges a pull request at the head that was judged (a later push would make the merge fail). */
export async function mergePull(octokit: Octokit, repo: RepoRef, pull: OpenedPull): Promise<string> {
  const { data } = await octokit.rest.pulls.merge({
    ...repo,
    pull_number: pull.number,
    sha: pull.headSha,
    merge_method: 'merge',
  });
  return data.sha;
}
