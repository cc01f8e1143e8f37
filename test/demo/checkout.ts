import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RepoState } from '../fake-github/state/repo-state.js';

/** A working tree of one commit on disk; `remove` deletes it. */
export interface Checkout {
  dir: string;
  remove(): Promise<void>;
}

/**
 * The files of `sha` written to a fresh temporary folder: what `actions/checkout` gives a workflow
 * job, or `git clone` a laptop. Read from the fake's object store, as Git's own protocol would (the
 * fake serves the REST and GraphQL APIs, not Git over HTTP).
 */
export async function checkout(repo: RepoState, sha: string): Promise<Checkout> {
  const dir = await mkdtemp(join(tmpdir(), 'lockstep-demo-checkout-'));
  for (const [path, entry] of repo.git.filesAt(sha)) {
    const blob = repo.git.blob(entry.sha);
    if (!blob) throw new Error(`checkout: blob ${entry.sha} of ${path} is missing`);
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), blob.content);
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
