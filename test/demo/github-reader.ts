import type { Octokit } from '@octokit/rest';
import type { RepoReader } from '../../src/core/load/load-repository.js';

/** owner/repo, as every Octokit call takes it. */
export interface RepoRef {
  owner: string;
  repo: string;
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'status' in error && error.status === 404;
}

/**
 * The core's RepoReader over the contents API at one ref (a branch, tag or commit sha), the way the bot
 * will read a repository it has no checkout of. A 404 is "no such file or folder", as the interface
 * asks; any other error propagates.
 */
export function gitHubReader(octokit: Octokit, repo: RepoRef, ref: string): RepoReader {
  return {
    async list(dir) {
      try {
        const { data } = await octokit.rest.repos.getContent({ ...repo, path: dir, ref });
        return Array.isArray(data) ? data.filter((e) => e.type === 'file').map((e) => e.name) : [];
      } catch (error) {
        if (isNotFound(error)) return [];
        throw error;
      }
    },
    async read(path) {
      try {
        const { data } = await octokit.rest.repos.getContent({ ...repo, path, ref });
        if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
        return Buffer.from(data.content, 'base64').toString('utf8');
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
  };
}

/** A reader that sees `files` (path -> text) over `base`: a working tree of uncommitted edits. */
export function overlayReader(base: RepoReader, files: Readonly<Record<string, string>>): RepoReader {
  return {
    async list(dir) {
      const names = new Set(await base.list(dir));
      for (const path of Object.keys(files)) {
        const slash = path.lastIndexOf('/');
        if (path.slice(0, Math.max(slash, 0)) === dir) names.add(path.slice(slash + 1));
      }
      return [...names];
    },
    read: async (path) => files[path] ?? base.read(path),
  };
}
