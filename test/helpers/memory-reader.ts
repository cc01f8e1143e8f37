import type { RepoReader } from '../../src/core/load/load-repository.js';

/** A RepoReader over an in-memory map of path -> text. */
export function memoryReader(files: Record<string, string>): RepoReader {
  return {
    async list(dir) {
      const prefix = `${dir}/`;
      return Object.keys(files)
        .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
        .map((p) => p.slice(prefix.length));
    },
    async read(path) {
      return files[path];
    },
  };
}
