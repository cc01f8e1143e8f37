import type { Baseline } from '../core/evaluate.js';
import type { Environment, Manifest } from '../core/generated/schema-types.js';
import type { EnvironmentEntry, RepoReader } from '../core/load/load-repository.js';
import { parseSource } from '../core/load/parse.js';
import { checkSchema, type DocumentKind, type Validators } from '../core/load/schema-check.js';
import type { DeployTag, GitHubPort } from './github-port.js';

/**
 * The last deployed state of an environment on GitHub: the files of its last deploy tag, and every
 * earlier deploy to recognise a rollback. Before any deploy there is nothing (ref 'none'): the Action
 * judges the committed state against an empty start, as a first deploy would.
 */
export async function baselineFromGitHub(
  port: GitHubPort,
  prefix: string,
  entry: EnvironmentEntry,
  validators: Validators,
  rootInRepository: string,
): Promise<Baseline> {
  const tags = await port.deployTags(prefix, entry.name);
  const last = tags.at(-1);
  return baselineAt(last && port.readerAt(last.commit), tags, entry, validators, rootInRepository);
}

/**
 * The baseline from deploy tags already listed, reading the last one's files with `reader` (a reader
 * at the last tag or its commit; absent before any deploy). deploy keeps the reader to read the last
 * manifest again without another request.
 */
export async function baselineAt(
  reader: RepoReader | undefined,
  tags: readonly DeployTag[],
  entry: EnvironmentEntry,
  validators: Validators,
  rootInRepository: string,
): Promise<Baseline> {
  const deploys = tags.map((t) => ({ tag: t.tag, digest: t.digest }));
  const last = tags.at(-1);
  if (!last || !reader) return { ref: 'none', deploys };
  const [manifestText, configText] = await Promise.all([
    reader.read(inRepository(rootInRepository, entry.manifestPath)),
    reader.read(inRepository(rootInRepository, entry.source.path)),
  ]);
  const manifest = parseAs<Manifest>(validators, 'manifest', entry.manifestPath, manifestText);
  const config = parseAs<Environment>(validators, 'environment', entry.source.path, configText);
  return {
    ref: last.tag,
    deploys,
    ...(manifest ? { manifest } : {}),
    ...(config ? { config } : {}),
  };
}

/** A path of the deployment repository as a path of the Git repository (which may hold it in a folder). */
export function inRepository(rootInRepository: string, path: string): string {
  return rootInRepository ? `${rootInRepository}/${path}` : path;
}

/** A stored file as a document of a kind, or undefined when absent or no longer valid. */
function parseAs<T>(
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
