import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { RepoState } from './state/repo-state.js';
import type { FakeState } from './state/store.js';

/** What seedRepository needs: the repository to create and the folder that becomes its first commit. */
export interface SeedOptions {
  owner: string;
  name: string;
  /** A folder on disk; `.git` and `node_modules` are skipped, dotfiles (.github/, .lockstep/) kept. */
  dir: string;
  defaultBranch?: string;
  author?: { name: string; email: string };
  message?: string;
}

const SKIPPED = new Set(['.git', 'node_modules']);

/** Every file under `dir`, by repository path (forward slashes), read as bytes. */
function readFolder(dir: string, root = dir, out: Record<string, Buffer> = {}): Record<string, Buffer> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) readFolder(full, root, out);
    else if (entry.isFile()) out[relative(root, full).split(sep).join('/')] = readFileSync(full);
  }
  return out;
}

/** Creates `owner/name` with one commit on its default branch holding every file of `dir`. */
export function seedRepository(state: FakeState, options: SeedOptions): RepoState {
  const repo = state.createRepo(options.owner, options.name, {
    ...(options.defaultBranch ? { defaultBranch: options.defaultBranch } : {}),
  });
  const files = readFolder(options.dir);
  if (Object.keys(files).length === 0)
    throw new Error(`seedRepository: ${options.dir} holds no files to commit`);
  repo.git.commitFiles(repo.defaultBranch, files, options.message ?? 'Initial commit', options.author);
  return repo;
}
