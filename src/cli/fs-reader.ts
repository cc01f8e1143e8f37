import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RepoReader } from '../core/load/load-repository.js';

/** Reads a repository from a folder on disk. */
export function fsReader(root: string): RepoReader {
  return {
    async list(dir) {
      try {
        const entries = await readdir(join(root, dir), { withFileTypes: true });
        return entries.filter((e) => e.isFile()).map((e) => e.name);
      } catch (error) {
        if (isNotFound(error)) return [];
        throw error;
      }
    },
    async read(path) {
      try {
        return await readFile(join(root, path), 'utf8');
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
  };
}

export function isNotFound(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
