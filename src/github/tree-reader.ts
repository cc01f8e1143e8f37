import type { Octokit } from '@octokit/rest';
import type { RepoReader } from '../core/load/load-repository.js';
import type { RepoCoordinates } from './github-port.js';
import { statusOf, unlessNotFound } from './request-errors.js';

/** A file of the snapshot: its blob sha, by repository path. */
type Files = Map<string, string>;

interface Snapshot {
  /** Blob sha by path, for every file known so far. */
  files: Files;
  /** For a truncated tree: the commit to list folders at, and the folders already listed. */
  partial?: { commit: string; listed: Map<string, string[]> };
}

const SHA = /^[0-9a-f]{40}$/;

/**
 * The files of `ref`, read through the Git Data API with the fewest calls: one recursive tree (plus
 * one call to resolve a branch or tag name to its commit, so every read sees the same snapshot even
 * when the branch moves), then one blob per file read, each read once. GitHub truncates trees over
 * 100,000 entries or 7 MB; then folders are listed one by one with the contents API.
 */
export function treeReader(octokit: Octokit, coordinates: RepoCoordinates, ref: string): RepoReader {
  const { owner, repo } = coordinates;
  let snapshot: Promise<Snapshot> | undefined;
  const blobs = new Map<string, Promise<string>>();

  const load = async (): Promise<Snapshot> => {
    const commit = SHA.test(ref) ? ref : await resolveCommit(octokit, coordinates, ref);
    // GitHub's tree endpoint takes a commit sha and peels it to its tree.
    const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: commit, recursive: '1' });
    const files: Files = new Map();
    for (const entry of data.tree) {
      if (entry.type === 'blob' && entry.path && entry.sha) files.set(entry.path, entry.sha);
    }
    return data.truncated ? { files: new Map(), partial: { commit, listed: new Map() } } : { files };
  };
  const snap = (): Promise<Snapshot> => {
    snapshot ??= load();
    return snapshot;
  };

  /** For a truncated tree: the files of one folder, listed once through the contents API. */
  const listFolder = async (s: Snapshot, dir: string): Promise<string[]> => {
    const partial = s.partial;
    if (!partial) return [];
    const known = partial.listed.get(dir);
    if (known) return known;
    const data = await unlessNotFound(
      async () => (await octokit.rest.repos.getContent({ owner, repo, path: dir, ref: partial.commit })).data,
    );
    const names: string[] = [];
    for (const entry of Array.isArray(data) ? data : []) {
      if (entry.type !== 'file') continue;
      names.push(entry.name);
      s.files.set(entry.path, entry.sha);
    }
    partial.listed.set(dir, names);
    return names;
  };

  const readBlob = (sha: string): Promise<string> => {
    let text = blobs.get(sha);
    if (!text) {
      text = octokit.rest.git
        .getBlob({ owner, repo, file_sha: sha })
        .then(({ data }) =>
          Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8'),
        );
      blobs.set(sha, text);
    }
    return text;
  };

  return {
    async list(dir) {
      const s = await snap();
      const folder = trimSlashes(dir);
      if (s.partial) return listFolder(s, folder);
      const prefix = folder === '' ? '' : `${folder}/`;
      const names: string[] = [];
      for (const path of s.files.keys()) {
        if (path.startsWith(prefix) && !path.slice(prefix.length).includes('/')) {
          names.push(path.slice(prefix.length));
        }
      }
      return names.sort();
    },
    async read(path) {
      const s = await snap();
      const file = trimSlashes(path);
      if (s.partial && !s.files.has(file)) {
        const slash = file.lastIndexOf('/');
        await listFolder(s, slash < 0 ? '' : file.slice(0, slash));
      }
      const sha = s.files.get(file);
      return sha === undefined ? undefined : readBlob(sha);
    },
  };
}

/** The commit a branch, tag or sha names (annotated tags peeled by GitHub). */
async function resolveCommit(
  octokit: Octokit,
  { owner, repo }: RepoCoordinates,
  ref: string,
): Promise<string> {
  try {
    // The sha media type answers with the bare commit sha instead of the commit and its diff.
    const { data } = await octokit.rest.repos.getCommit({ owner, repo, ref, mediaType: { format: 'sha' } });
    const value: unknown = data;
    return typeof value === 'string' ? value.trim() : data.sha;
  } catch (error) {
    // GitHub answers 404 or 422 "No commit found for SHA" for a ref that does not exist.
    const status = statusOf(error);
    if (status !== 404 && status !== 422) throw error;
    throw new Error(`${owner}/${repo} has no branch, tag or commit named "${ref}"`, { cause: error });
  }
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}
