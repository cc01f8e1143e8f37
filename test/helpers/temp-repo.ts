import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Options of a temporary repository. */
export interface TempRepoOptions {
  /** `git init`, set a local user, and commit every file. */
  git?: boolean;
}

/** Files and, in a Git repository, refs: compared before and after a command that must write nothing. */
export interface RepoState {
  files: Record<string, string>;
  git?: { head: string; refs: string; status: string };
}

/** A temporary folder holding a repository, with small helpers to inspect and change it. */
export interface TempRepo {
  root: string;
  /** Writes (or overwrites) files, path -> text. */
  write(files: Record<string, string>): Promise<void>;
  /** A file's text, or undefined when absent. */
  read(path: string): Promise<string | undefined>;
  /** Every file under the root (except .git), path -> text, sorted by path. */
  snapshot(): Promise<Record<string, string>>;
  /**
   * Everything a command could have written: every file, and in a Git repository HEAD, the refs (tags
   * included, with the objects they point at) and the index state.
   */
  state(): Promise<RepoState>;
  /** Output of `git <args>` in the root, trimmed. */
  git(...args: string[]): Promise<string>;
  /** Stages everything and commits; returns the new HEAD. */
  commit(message?: string): Promise<string>;
  remove(): Promise<void>;
}

// Git must not read the developer's config, hooks or templates, nor sign anything.
const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_DATE: '2026-11-01T12:00:00Z',
  GIT_COMMITTER_DATE: '2026-11-01T12:00:00Z',
};

/** Makes a temporary directory from a files map (path -> text), optionally a committed Git repository. */
export async function tempRepo(
  files: Record<string, string>,
  options: TempRepoOptions = {},
): Promise<TempRepo> {
  const root = await mkdtemp(join(tmpdir(), 'lockstep-test-'));
  const git = async (...args: string[]): Promise<string> =>
    (await run('git', args, { cwd: root, env: GIT_ENV, encoding: 'utf8' })).stdout.trim();
  const repo: TempRepo = {
    root,
    async write(more) {
      for (const [path, text] of Object.entries(more)) {
        const target = join(root, path);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, text);
      }
    },
    async read(path) {
      try {
        return await readFile(join(root, path), 'utf8');
      } catch {
        return undefined;
      }
    },
    snapshot: () => snapshotDir(root),
    async state() {
      const files = await snapshotDir(root);
      if (!options.git) return { files };
      return {
        files,
        git: {
          head: await git('rev-parse', 'HEAD'),
          refs: await git('for-each-ref', '--format=%(refname) %(objectname)'),
          status: await git('status', '--porcelain', '--untracked-files=all'),
        },
      };
    },
    git,
    async commit(message = 'change') {
      await git('add', '-A');
      await git('commit', '--quiet', '--no-verify', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
  await repo.write(files);
  if (options.git) {
    await git('init', '--quiet', '--initial-branch=main');
    await git('config', 'user.name', 'Test User');
    await git('config', 'user.email', 'test@example.com');
    await git('config', 'commit.gpgsign', 'false');
    await git('config', 'tag.gpgsign', 'false');
    await repo.commit('initial');
  }
  return repo;
}

/** Every file under a folder (except .git), path -> text, sorted by path. */
export async function snapshotDir(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out[relative(root, path)] = await readFile(path, 'utf8');
    }
  };
  await walk(root);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
