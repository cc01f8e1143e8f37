import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import type { DeployRecord } from '../core/policy/classify.js';
import { isNotFound } from './fs-reader.js';
import type { Git } from './git.js';

/** One deploy of one environment, from a deploy tag or the directory driver's history. */
export interface DeployEntry {
  environment: string;
  n: number;
  /** `deploy/<env>/<n>` (with the configured prefix). */
  tag: string;
  digest: string;
  /** ISO time of the deploy. */
  time: string;
  /** The deployed commit, in a Git repository. */
  commit?: string;
  /** Who deployed (git user, or the OS user). */
  by?: string;
  /** The environment's files as deployed, path -> text. */
  files(): Promise<Record<string, string>>;
}

/** What the directory driver keeps per deploy in .lockstep/<env>/deploys/<n>.json. */
export interface DeployRecordFile {
  environment: string;
  n: number;
  tag: string;
  digest: string;
  time: string;
  commit?: string;
  by?: string;
  verdict: string;
  changes: unknown[];
  files: Record<string, string>;
}

export const STATE_DIR = '.lockstep';
/** The trailer in a deploy tag's message that names the deployed manifest's digest. */
export const DIGEST_TRAILER = 'Lockstep-Digest';

export function deployTag(prefix: string, env: string, n: number): string {
  return `${prefix}/${env}/${n}`;
}

/**
 * The deploys of an environment, oldest first. In a Git repository the annotated deploy tags are the
 * record (they travel with clones); elsewhere the directory driver's history under .lockstep/.
 */
export async function listDeploys(
  root: string,
  git: Git | undefined,
  prefix: string,
  env: string,
  paths: readonly string[],
): Promise<DeployEntry[]> {
  return git ? tagDeploys(git, prefix, env, paths) : directoryDeploys(root, env);
}

async function tagDeploys(
  git: Git,
  prefix: string,
  env: string,
  paths: readonly string[],
): Promise<DeployEntry[]> {
  const format = [
    '%(refname:strip=2)',
    '%(*objectname)',
    '%(taggerdate:iso-strict)',
    '%(taggername)',
    '%(contents)',
  ].join('%00');
  const out = await git.exec(['for-each-ref', `--format=${format}%00%00`, `refs/tags/${prefix}/${env}/`]);
  const entries: DeployEntry[] = [];
  for (const block of out
    .split('\0\0')
    .map((b) => b.replace(/^\n/, ''))
    .filter(Boolean)) {
    const [tag = '', commit = '', time = '', by = '', message = ''] = block.split('\0');
    const n = Number(tag.slice(`${prefix}/${env}/`.length));
    const digest = new RegExp(`^${DIGEST_TRAILER}: (sha256:[a-f0-9]{64})$`, 'm').exec(message)?.[1];
    if (!Number.isInteger(n) || n < 1 || !digest || !commit) continue; // not a Lockstep deploy tag
    entries.push({
      environment: env,
      n,
      tag,
      digest,
      time,
      commit,
      by,
      async files() {
        const files: Record<string, string> = {};
        for (const path of paths) {
          const text = await git.show(tag, path);
          if (text !== undefined) files[path] = text;
        }
        return files;
      },
    });
  }
  return entries.sort((a, b) => a.n - b.n);
}

async function directoryDeploys(root: string, env: string): Promise<DeployEntry[]> {
  const dir = join(root, STATE_DIR, env, 'deploys');
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const entries: DeployEntry[] = [];
  for (const name of names.filter((f) => /^\d+\.json$/.test(f))) {
    const record = readRecord(`${STATE_DIR}/${env}/deploys/${name}`, await readFile(join(dir, name), 'utf8'));
    entries.push({
      environment: env,
      n: record.n,
      tag: record.tag,
      digest: record.digest,
      time: record.time,
      ...(record.commit ? { commit: record.commit } : {}),
      ...(record.by ? { by: record.by } : {}),
      files: async () => record.files,
    });
  }
  return entries.sort((a, b) => a.n - b.n);
}

/** Tags and digests of deploys, as the rollback detection needs them. */
export function deployRecords(entries: readonly DeployEntry[]): DeployRecord[] {
  return entries.map((e) => ({ tag: e.tag, digest: e.digest }));
}

/** A deploy record, or a clear error naming the file when it was damaged. */
function readRecord(path: string, text: string): DeployRecordFile {
  let record: Partial<DeployRecordFile> | undefined;
  try {
    record = JSON.parse(text) as Partial<DeployRecordFile>;
  } catch {
    record = undefined;
  }
  const valid =
    record !== undefined &&
    Number.isInteger(record.n) &&
    typeof record.tag === 'string' &&
    /^sha256:[a-f0-9]{64}$/.test(record.digest ?? '') &&
    typeof record.files === 'object';
  if (!valid) {
    throw new InputError([
      {
        file: path,
        line: 1,
        col: 1,
        field: '',
        message:
          'not a valid deploy record; restore it from a backup, or delete it and the deploy is forgotten',
      },
    ]);
  }
  return record as DeployRecordFile;
}
