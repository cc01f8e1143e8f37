import type { Octokit } from '@octokit/rest';
import type { RepoCoordinates } from './github-port.js';
import { statusOf } from './request-errors.js';

/** Files to write on a branch: text by path; null deletes the path. */
export type FileChanges = Readonly<Record<string, string | null>>;

/**
 * What a caller that already read the repository knows, so commitToBranch reads nothing: the base
 * commit's tree, and the branch's current head (null when the branch does not exist).
 */
export interface KnownBranch {
  baseTree: string;
  head: string | null;
}

/**
 * Puts one commit with `files` on top of `base` (a commit sha) on `branch`, through the Git Data API
 * with the content inline in the tree (no blob calls). The branch is created, or force-moved when it
 * holds something else: an auto-PR branch belongs to the bot. When the branch already holds exactly
 * this change on this base (a redelivery, or a racing event that won), nothing is written.
 * Calls: ref, its commit, base commit, tree, commit, ref update (3 when nothing changes). With
 * `known` (from a caller that read the repository already) the three reads are skipped and the
 * change is always committed: the caller decided that the branch needs it.
 */
export async function commitToBranch(
  octokit: Octokit,
  coordinates: RepoCoordinates,
  input: {
    branch: string;
    base: string;
    files: FileChanges;
    message: string;
    known?: KnownBranch;
  },
): Promise<{ commit: string; changed: boolean }> {
  const { owner, repo } = coordinates;
  const ref = `heads/${input.branch}`;
  const known = input.known;
  const [current, baseTree] = known
    ? [
        known.head === null ? undefined : { sha: known.head, tree: '', parents: [] as string[] },
        known.baseTree,
      ]
    : await Promise.all([
        branchHead(octokit, coordinates, ref),
        octokit.rest.git.getCommit({ owner, repo, commit_sha: input.base }).then((r) => r.data.tree.sha),
      ]);
  const { data: tree } = await octokit.rest.git.createTree({
    owner,
    repo,
    base_tree: baseTree,
    tree: Object.entries(input.files).map(([path, content]) =>
      content === null
        ? { path, mode: '100644' as const, type: 'blob' as const, sha: null }
        : { path, mode: '100644' as const, type: 'blob' as const, content },
    ),
  });
  if (
    current &&
    current.tree === tree.sha &&
    current.parents.length === 1 &&
    current.parents[0] === input.base
  ) {
    return { commit: current.sha, changed: false };
  }
  const { data: commit } = await octokit.rest.git.createCommit({
    owner,
    repo,
    message: input.message,
    tree: tree.sha,
    parents: [input.base],
  });
  if (current) {
    try {
      await octokit.rest.git.updateRef({ owner, repo, ref, sha: commit.sha, force: true });
    } catch (error) {
      // A known branch deleted since it was listed (a racing close): create it again.
      if (statusOf(error) !== 422 || !known) throw error;
      await octokit.rest.git.createRef({ owner, repo, ref: `refs/${ref}`, sha: commit.sha });
    }
  } else {
    try {
      await octokit.rest.git.createRef({ owner, repo, ref: `refs/${ref}`, sha: commit.sha });
    } catch (error) {
      // A racing event created the branch a moment ago: ours is as good, move it.
      if (statusOf(error) !== 422) throw error;
      await octokit.rest.git.updateRef({ owner, repo, ref, sha: commit.sha, force: true });
    }
  }
  return { commit: commit.sha, changed: true };
}

async function branchHead(
  octokit: Octokit,
  { owner, repo }: RepoCoordinates,
  ref: string,
): Promise<{ sha: string; tree: string; parents: string[] } | undefined> {
  let sha: string;
  try {
    sha = (await octokit.rest.git.getRef({ owner, repo, ref })).data.object.sha;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
  const { data } = await octokit.rest.git.getCommit({ owner, repo, commit_sha: sha });
  return { sha, tree: data.tree.sha, parents: data.parents.map((p) => p.sha) };
}

/** An open pull request of the bot's. */
export interface OpenPull {
  number: number;
  url: string;
  /** The GraphQL node id (auto-merge is GraphQL only). */
  nodeId?: string;
  headSha: string;
  title: string;
  body: string;
  labels: string[];
}

/** The open pull request from `branch` into `base`, if any. One call. */
export async function openPullFrom(
  octokit: Octokit,
  coordinates: RepoCoordinates,
  branch: string,
  base?: string,
): Promise<OpenPull | undefined> {
  const { owner, repo } = coordinates;
  const { data } = await octokit.rest.pulls.list({
    owner,
    repo,
    state: 'open',
    head: `${owner}:${branch}`,
    ...(base ? { base } : {}),
    per_page: 10,
  });
  const pull = data[0];
  if (!pull) return undefined;
  return {
    number: pull.number,
    url: pull.html_url,
    nodeId: pull.node_id,
    headSha: pull.head.sha,
    title: pull.title,
    body: pull.body ?? '',
    labels: pull.labels.map((l) => l.name ?? '').filter(Boolean),
  };
}

/**
 * The one pull request from `branch` into `base`: updated when open (title and body), created
 * otherwise; labels added. Never a second one: a create that loses a race (422 "A pull request
 * already exists") updates the winner. A caller that listed the open pull requests already passes
 * what it found as `known.existing` (undefined: none), which saves the list call.
 */
export async function upsertPull(
  octokit: Octokit,
  coordinates: RepoCoordinates,
  input: { branch: string; base: string; title: string; body: string; labels: readonly string[] },
  known?: { existing: OpenPull | undefined },
): Promise<{ number: number; url: string; nodeId: string; created: boolean }> {
  const { owner, repo } = coordinates;
  let existing = known ? known.existing : await openPullFrom(octokit, coordinates, input.branch, input.base);
  let created = false;
  if (!existing) {
    try {
      const { data } = await octokit.rest.pulls.create({
        owner,
        repo,
        head: input.branch,
        base: input.base,
        title: input.title,
        body: input.body,
      });
      existing = {
        number: data.number,
        url: data.html_url,
        nodeId: data.node_id,
        headSha: data.head.sha,
        title: data.title,
        body: data.body ?? '',
        labels: [],
      };
      created = true;
    } catch (error) {
      if (statusOf(error) !== 422) throw error;
      existing = await openPullFrom(octokit, coordinates, input.branch, input.base);
      if (!existing) throw error;
    }
  }
  if (!created && (existing.title !== input.title || existing.body !== input.body)) {
    await octokit.rest.pulls.update({
      owner,
      repo,
      pull_number: existing.number,
      title: input.title,
      body: input.body,
    });
  }
  const missing = input.labels.filter((l) => !existing.labels.includes(l));
  if (missing.length) {
    await octokit.rest.issues.addLabels({ owner, repo, issue_number: existing.number, labels: missing });
  }
  return { number: existing.number, url: existing.url, nodeId: existing.nodeId ?? '', created };
}
