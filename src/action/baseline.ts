import type { Baseline } from '../core/evaluate.js';
import type { Environment, Manifest } from '../core/generated/schema-types.js';
import type { EnvironmentEntry } from '../core/load/load-repository.js';
import { parseSource } from '../core/load/parse.js';
import { checkSchema, type DocumentKind, type Validators } from '../core/load/schema-check.js';
import type { GitHubPort } from '../github/github-port.js';

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
  const deploys = tags.map((t) => ({ tag: t.tag, digest: t.digest }));
  const last = tags.at(-1);
  if (!last) return { ref: 'none', deploys };
  const reader = port.readerAt(last.tag);
  // The tag holds the whole repository; the deployment repository may be a folder of it.
  const at = (path: string) => (rootInRepository ? `${rootInRepository}/${path}` : path);
  const [manifestText, configText] = await Promise.all([
    reader.read(at(entry.manifestPath)),
    reader.read(at(entry.source.path)),
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
