import type { Octokit } from '@octokit/rest';
import type { RepoReader } from '../core/load/load-repository.js';
import { digestTrailer } from './deploy-tags.js';
import type { DeployTag, RepoCoordinates } from './github-port.js';
import { blobText, type FetchedText } from './graphql-files.js';
import { treeReader } from './tree-reader.js';

/** A commit message under a ref, as records under `refs/lockstep/` are read. */
export interface RefCommit {
  /** The ref's name below the prefix (e.g. `prod-eu` under `refs/lockstep/freeze/`). */
  name: string;
  commit: string;
  message: string;
}

/** What one request tells about a repository at a ref. */
export interface RepositorySnapshot {
  /** The commit the ref named when it was read: every read of this snapshot sees that commit. */
  commit: string;
  /** That commit's root tree (a base for new commits on top of it). */
  tree: string;
  /** Lockstep's files at that commit; other paths are read through REST on demand. */
  reader: RepoReader;
  /** Deploy tags by environment, oldest first; undefined when there were too many to list in one request. */
  deployTags: Map<string, DeployTag[]> | undefined;
  /** Commits under each asked record prefix; undefined for a prefix with too many refs to list in one request. */
  records: Map<string, RefCommit[] | undefined>;
}

interface TreeNode {
  entries?: { name: string; type: string; object: { text?: string | null; isTruncated?: boolean } | null }[];
}
interface RefsNode {
  pageInfo: { hasNextPage: boolean };
  nodes: {
    name: string;
    target: { oid: string; message?: string; target?: { oid: string; __typename?: string } } | null;
  }[];
}

/**
 * One GraphQL request reads everything the bot needs to judge a ref: the settings file, every file of
 * the catalog and environments folders (their text inline), the deploy tags under `tagPrefix` with
 * their messages and targets, and the commits under each record prefix. With REST that is a tree, a
 * blob per file, a ref listing and a tag per deploy tag, and a listing and a commit per record.
 * Files GraphQL does not inline (binary, or over its size limit) and paths outside those folders are
 * read through the Git Data API at the same commit.
 */
export async function readSnapshot(
  octokit: Octokit,
  coordinates: RepoCoordinates,
  input: {
    ref: string;
    settingsPath: string;
    dirs: readonly string[];
    tagPrefix: string;
    recordPrefixes: readonly string[];
  },
): Promise<RepositorySnapshot> {
  const { owner, repo } = coordinates;
  const variables: Record<string, string> = {
    owner,
    name: repo,
    head: input.ref,
    settings: `${input.ref}:${input.settingsPath}`,
    tags: `refs/tags/${input.tagPrefix}/`,
  };
  const dirFields = input.dirs.map((dir, i) => {
    variables[`d${i}`] = `${input.ref}:${dir}`;
    return `d${i}: object(expression: $d${i}) { ... on Tree { entries { name type object { ... on Blob { text isTruncated } } } } }`;
  });
  const recordFields = input.recordPrefixes.map((prefix, i) => {
    variables[`r${i}`] = prefix;
    return `r${i}: refs(refPrefix: $r${i}, first: 100) { pageInfo { hasNextPage } nodes { name target { oid ... on Commit { message } } } }`;
  });
  const declarations = [
    ...input.dirs.map((_, i) => `$d${i}: String!`),
    ...input.recordPrefixes.map((_, i) => `$r${i}: String!`),
  ].join(', ');
  const query = `query LockstepSnapshot($owner: String!, $name: String!, $head: String!, $settings: String!, $tags: String!${declarations ? `, ${declarations}` : ''}) {
  repository(owner: $owner, name: $name) {
    head: object(expression: $head) { oid ... on Commit { tree { oid } } }
    settings: object(expression: $settings) { ... on Blob { text isTruncated } }
    ${dirFields.join('\n    ')}
    tags: refs(refPrefix: $tags, first: 100) { pageInfo { hasNextPage } nodes { name target { oid ... on Tag { message target { oid __typename } } } } }
    ${recordFields.join('\n    ')}
  }
}`;
  const data = await octokit.graphql<{ repository: Record<string, unknown> }>(query, variables);
  const r = data.repository;
  const head = r.head as { oid?: string; tree?: { oid: string } } | null;
  if (!head?.oid) {
    throw new Error(`${owner}/${repo} has no branch, tag or commit named "${input.ref}"`);
  }
  const commit = head.oid;
  const files = new Map<string, FetchedText>();
  const listed = new Map<string, string[]>();
  files.set(input.settingsPath, blobText(r.settings as { text?: string | null } | null));
  input.dirs.forEach((dir, i) => {
    const tree = r[`d${i}`] as TreeNode | null;
    const names: string[] = [];
    for (const entry of tree?.entries ?? []) {
      if (entry.type !== 'blob') continue;
      names.push(entry.name);
      files.set(`${dir}/${entry.name}`, blobText(entry.object) ?? null);
    }
    listed.set(dir, names.sort());
  });
  const records = new Map<string, RefCommit[] | undefined>();
  input.recordPrefixes.forEach((prefix, i) => {
    const refs = r[`r${i}`] as RefsNode | null;
    records.set(
      prefix,
      !refs || refs.pageInfo.hasNextPage
        ? undefined
        : refs.nodes.flatMap((n) =>
            n.target?.message === undefined
              ? []
              : [{ name: n.name, commit: n.target.oid, message: n.target.message }],
          ),
    );
  });
  return {
    commit,
    tree: head.tree?.oid ?? '',
    reader: prefetchedReader(files, listed, treeReader(octokit, coordinates, commit)),
    deployTags: deployTagsOf(r.tags as RefsNode | null, input.tagPrefix),
    records,
  };
}

/** Reads from what was fetched; anything else (or anything not inlined) from `fallback`. */
function prefetchedReader(
  files: ReadonlyMap<string, FetchedText>,
  listed: ReadonlyMap<string, string[]>,
  fallback: RepoReader,
): RepoReader {
  const trim = (p: string) => p.replace(/^\/+|\/+$/g, '');
  return {
    async list(dir) {
      return listed.get(trim(dir)) ?? fallback.list(dir);
    },
    async read(path) {
      const file = trim(path);
      const slash = file.lastIndexOf('/');
      const folder = slash < 0 ? '' : file.slice(0, slash);
      const text = files.get(file);
      if (typeof text === 'string') return text;
      // Absent from a folder that was listed whole: the file does not exist.
      if (text === undefined && (listed.has(folder) || files.has(file))) return undefined;
      return fallback.read(path);
    },
  };
}

/** Deploy tags `<prefix>/<env>/<n>` by environment, as listDeployTags (src/github/deploy-tags.ts) gives them. */
function deployTagsOf(refs: RefsNode | null, prefix: string): Map<string, DeployTag[]> | undefined {
  if (!refs || refs.pageInfo.hasNextPage) return undefined;
  const byEnv = new Map<string, DeployTag[]>();
  for (const node of refs.nodes) {
    const m = /^([^/]+)\/([1-9][0-9]*)$/.exec(node.name);
    const target = node.target;
    if (!m || !target?.message || target.target?.__typename !== 'Commit') continue;
    const digest = digestTrailer(target.message);
    if (digest === undefined) continue;
    const environment = m[1]!;
    const list = byEnv.get(environment) ?? [];
    list.push({
      tag: `${prefix}/${environment}/${m[2]}`,
      environment,
      n: Number(m[2]),
      commit: target.target.oid,
      digest,
    });
    byEnv.set(environment, list);
  }
  for (const list of byEnv.values()) list.sort((a, b) => a.n - b.n);
  return byEnv;
}
