import type { RepoReader } from '../../src/core/load/load-repository.js';
import { parseSource } from '../../src/core/load/parse.js';
import { checkSchema, type DocumentKind, type Validators } from '../../src/core/load/schema-check.js';
import type { DeployTag } from '../../src/github/github-port.js';
import { readFilesAt } from '../../src/github/graphql-files.js';
import type { BotContext } from '../bot-context.js';
import { readRawFiles } from './read-at-ref.js';

/**
 * The environment's files at each of `tags`' commits, in one GraphQL request; a file GraphQL does not
 * inline (binary or too large) is read through REST. Keyed `<commit>:<path>`; undefined when absent.
 */
export async function filesAtTags(
  ctx: BotContext,
  tags: readonly DeployTag[],
  paths: readonly string[],
): Promise<Map<string, string | undefined>> {
  const commits = [...new Set(tags.map((t) => t.commit))];
  const wanted = commits.flatMap((rev) => paths.map((path) => ({ rev, path })));
  const fetched = await readFilesAt(ctx.octokit, ctx.coordinates, wanted);
  const out = new Map<string, string | undefined>();
  const missing = wanted.filter(({ rev, path }) => {
    const text = fetched.get(`${rev}:${path}`);
    if (text !== null) out.set(`${rev}:${path}`, text);
    return text === null;
  });
  await Promise.all(
    missing.map(async ({ rev, path }) => {
      const raw = await readRawFiles(ctx, rev, [path]);
      out.set(`${rev}:${path}`, raw.get(path));
    }),
  );
  return out;
}

/** `reader` with some files replaced: the pull request's tree, before it exists. */
export function overlay(reader: RepoReader, files: ReadonlyMap<string, string>): RepoReader {
  return {
    list: (dir) => reader.list(dir),
    read: async (path) => files.get(path) ?? reader.read(path),
  };
}

/** A reader over files already read (the last deploy's), for the core's baseline. */
export function mapReader(files: ReadonlyMap<string, string | undefined>): RepoReader {
  return { list: async () => [], read: async (path) => files.get(path) };
}

/** A stored document of a kind, or undefined when absent or invalid (a broken head must not stop a rollback). */
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
