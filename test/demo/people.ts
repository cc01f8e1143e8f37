import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { checkout } from './checkout.js';
import { commitFiles, headOf, resetBranch } from './repo-ops.js';
import { DEMO_REPO, type Demo, NOW } from './setup.js';

/** A file edit on a laptop: the file's text before -> after. */
export type Edit = (text: string) => string;

/**
 * What a person does on a laptop before a pull request: clone main, edit files, run
 * `lockstep compile <envs>` (the real CLI, src/cli), then push every file that changed as one commit
 * on a new branch (through the API, as that person). Returns the branch head and the changed paths.
 */
export async function pushChange(
  demo: Demo,
  who: string,
  change: {
    branch: string;
    edits: Record<string, Edit>;
    compile: readonly string[];
    message: string;
  },
): Promise<{ head: string; paths: string[]; compiled: string }> {
  const gh = demo.as(who);
  const main = await headOf(gh, DEMO_REPO, 'main');
  const tree = await checkout(demo.repo, main);
  try {
    const before = new Map<string, string>();
    const read = async (path: string) => readFile(join(tree.dir, path), 'utf8').catch(() => '');
    const envFiles = change.compile.map((env) => `environments/${env}.manifest.json`);
    for (const path of [...Object.keys(change.edits), ...envFiles]) before.set(path, await read(path));
    for (const [path, edit] of Object.entries(change.edits)) {
      const text = edit(before.get(path) ?? '');
      if (text === before.get(path)) throw new Error(`${who}'s edit of ${path} changed nothing`);
      await writeFile(join(tree.dir, path), text);
    }
    let out = '';
    const code = await runCli(['compile', ...change.compile, '--root', tree.dir], {
      stdout: (text) => {
        out += text;
      },
      stderr: (text) => {
        out += text;
      },
      now: () => NOW,
      cwd: tree.dir,
    });
    if (code !== 0) throw new Error(`lockstep compile exited ${code}: ${out.trim()}`);
    const files: Record<string, string> = {};
    for (const [path, text] of before) {
      const now = await read(path);
      if (now !== text) files[path] = now;
    }
    await resetBranch(gh, DEMO_REPO, change.branch, main);
    const head = await commitFiles(gh, DEMO_REPO, change.branch, files, change.message);
    return { head, paths: Object.keys(files), compiled: out.trim() };
  } finally {
    await tree.remove();
  }
}

/** Commits `files` straight on main as `who` (a push); returns the new head. */
export function pushToMain(demo: Demo, who: string, files: Record<string, string>, message: string) {
  return commitFiles(demo.as(who), DEMO_REPO, 'main', files, message);
}

/** Opens a pull request from `branch` into main as `who`; returns its number and head. */
export async function openPull(
  demo: Demo,
  who: string,
  pull: { branch: string; title: string; body: string },
): Promise<{ number: number; head: string }> {
  const { data } = await demo.as(who).rest.pulls.create({
    ...DEMO_REPO,
    head: pull.branch,
    base: 'main',
    title: pull.title,
    body: pull.body,
  });
  return { number: data.number, head: data.head.sha };
}

/** An approving review by `who` on the pull request's current head. */
export async function approve(demo: Demo, who: string, number: number): Promise<{ id: number; sha: string }> {
  const gh = demo.as(who);
  const { data: pull } = await gh.rest.pulls.get({ ...DEMO_REPO, pull_number: number });
  const { data } = await gh.rest.pulls.createReview({
    ...DEMO_REPO,
    pull_number: number,
    commit_id: pull.head.sha,
    event: 'APPROVE',
    body: 'Looks right to me.',
  });
  return { id: data.id, sha: pull.head.sha };
}

/** Merges the pull request at the head that was judged, as `who`; returns main's new head. */
export async function merge(demo: Demo, who: string, number: number): Promise<string> {
  const gh = demo.as(who);
  const { data: pull } = await gh.rest.pulls.get({ ...DEMO_REPO, pull_number: number });
  const { data } = await gh.rest.pulls.merge({
    ...DEMO_REPO,
    pull_number: number,
    sha: pull.head.sha,
    merge_method: 'merge',
  });
  return data.sha;
}

/** A comment by `who` on an issue or pull request; returns its id. */
export async function comment(demo: Demo, who: string, number: number, body: string): Promise<number> {
  const { data } = await demo.as(who).rest.issues.createComment({ ...DEMO_REPO, issue_number: number, body });
  return data.id;
}
