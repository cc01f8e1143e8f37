import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LockstepError } from '../core/errors.js';
import type { Baseline } from '../core/evaluate.js';
import type { Environment, Manifest } from '../core/generated/schema-types.js';
import {
  type EnvironmentEntry,
  loadRepository,
  type RepoReader,
  type Repository,
} from '../core/load/load-repository.js';
import { parseSource } from '../core/load/parse.js';
import { checkSchema, type DocumentKind, type Validators } from '../core/load/schema-check.js';
import { type DeployEntry, deployRecords, listDeploys } from './deploy-history.js';
import { fsReader } from './fs-reader.js';
import { type Git, openGit } from './git.js';

/** A repository on disk, loaded and checked. */
export interface Workspace {
  root: string;
  reader: RepoReader;
  git: Git | undefined;
  validators: Validators;
  repo: Repository;
}

export async function openWorkspace(
  root: string,
  environments: readonly string[],
  validators: Validators,
): Promise<Workspace> {
  const absolute = resolve(root);
  if (!(await stat(absolute).catch(() => undefined))?.isDirectory()) {
    throw new LockstepError('E_USAGE', `--root ${root}: no such folder`);
  }
  const reader = fsReader(absolute);
  // Git first: spawning a process is cheaper before the catalog fills the heap.
  const git = await openGit(absolute);
  const repo = await loadRepository(reader, validators, { environments });
  return { root: absolute, reader, git, validators, repo };
}

/** The files that make up an environment's deployable state. */
export function environmentPaths(entry: EnvironmentEntry): string[] {
  return [entry.source.path, entry.manifestPath];
}

export function deploysOf(ws: Workspace, entry: EnvironmentEntry): Promise<DeployEntry[]> {
  return listDeploys(ws.root, ws.git, ws.repo.settings.tagPrefix, entry.name, environmentPaths(entry));
}

/**
 * The last deployed state (SPEC section 5, plan): the last deploy's files; before any deploy, the
 * files committed at HEAD; with neither, nothing.
 */
export async function baselineOf(
  ws: Workspace,
  entry: EnvironmentEntry,
  deploys: readonly DeployEntry[],
): Promise<Baseline> {
  const last = deploys.at(-1);
  let files: Record<string, string> = {};
  let ref = 'none';
  if (last) {
    files = await last.files();
    ref = last.tag;
  } else if (ws.git) {
    for (const path of environmentPaths(entry)) {
      const text = await ws.git.show('HEAD', path);
      if (text !== undefined) files[path] = text;
    }
    if (Object.keys(files).length) ref = 'HEAD';
  }
  const manifest = parseAs<Manifest>(
    ws.validators,
    'manifest',
    entry.manifestPath,
    files[entry.manifestPath],
  );
  const config = parseAs<Environment>(
    ws.validators,
    'environment',
    entry.source.path,
    files[entry.source.path],
  );
  return {
    ref,
    deploys: deployRecords(deploys),
    ...(manifest ? { manifest } : {}),
    ...(config ? { config } : {}),
  };
}

/** A stored file as a document of a kind, or undefined when absent or no longer valid. */
export function parseAs<T>(
  validators: Validators,
  kind: DocumentKind,
  path: string,
  text: string | undefined,
): T | undefined {
  if (text === undefined) return undefined;
  const source = { path, text };
  const parsed = parseSource(source);
  if (!parsed.ok || checkSchema(validators, kind, parsed.value, source).length) return undefined;
  return parsed.value as T;
}

/** In a Git repository, refuses (usage error) when the environment's files differ from HEAD. */
export async function refuseUncommitted(ws: Workspace, entry: EnvironmentEntry, why: string): Promise<void> {
  if (!ws.git) return;
  const paths = environmentPaths(entry);
  const dirty = await ws.git.exec(['status', '--porcelain', '--', ...paths]);
  if (dirty)
    throw new LockstepError(
      'E_USAGE',
      `${paths.join(' and ')} have uncommitted changes and ${why}; commit or discard them first`,
    );
}
