import { execFile } from 'node:child_process';
import { realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Git, run as a program in one repository (never through a shell). */
export interface Git {
  /** Output of `git <args>`, trimmed of the final newline. Throws on a non-zero exit. */
  exec(args: readonly string[]): Promise<string>;
  /** A file's text at a commit-ish, or undefined when it is not there. */
  show(ref: string, path: string): Promise<string | undefined>;
}

/**
 * The Git repository whose top level is `root`, or undefined. A root inside a larger repository (as
 * examples/ inside Lockstep's own) is not treated as one, so that no tag lands in the outer repository.
 */
export async function openGit(root: string): Promise<Git | undefined> {
  const raw = async (args: readonly string[]): Promise<string> =>
    (await run('git', [...args], { cwd: root, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' })).stdout;
  const exec = async (args: readonly string[]): Promise<string> => (await raw(args)).replace(/\n$/, '');
  // Most roots are not a Git top level; finding out without spawning git keeps them fast.
  if (!(await stat(join(root, '.git')).catch(() => undefined))) return undefined;
  let top: string;
  try {
    top = await exec(['rev-parse', '--show-toplevel']);
    await exec(['rev-parse', '--verify', '--quiet', 'HEAD']);
  } catch {
    return undefined;
  }
  if ((await realpath(top)) !== (await realpath(root))) return undefined;
  return {
    exec,
    async show(ref, path) {
      try {
        return await raw(['show', `${ref}:${path}`]);
      } catch {
        return undefined;
      }
    },
  };
}
