import { createHash } from 'node:crypto';

/** A name, email and ISO date, as Git records authors, committers and taggers. */
export interface GitPerson {
  name: string;
  email: string;
  date: string;
}

/** One entry of a tree object; `mode` is written as GitHub's API shows it ('040000' for trees). */
export interface TreeEntry {
  name: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
}

/** A file in a flattened tree: path -> blob sha and mode. */
export interface FileEntry {
  sha: string;
  mode: string;
}

export interface BlobObject {
  type: 'blob';
  sha: string;
  content: Buffer;
}
export interface TreeObject {
  type: 'tree';
  sha: string;
  entries: TreeEntry[];
}
export interface CommitObject {
  type: 'commit';
  sha: string;
  tree: string;
  parents: string[];
  author: GitPerson;
  committer: GitPerson;
  message: string;
}
export interface TagObject {
  type: 'tag';
  sha: string;
  tag: string;
  object: string;
  objectType: 'blob' | 'tree' | 'commit' | 'tag';
  tagger: GitPerson;
  message: string;
}

/** One changed path between two trees, as the compare and PR files APIs list it. */
export interface FileChange {
  filename: string;
  status: 'added' | 'modified' | 'removed';
  sha: string | null;
  additions: number;
  deletions: number;
}

/** The result of comparing two commits the way GitHub's compare API does (three-dot). */
export interface Comparison {
  mergeBase: string;
  aheadBy: number;
  behindBy: number;
  /** Commits reachable from head but not from base, parents before children. */
  commits: string[];
  files: FileChange[];
}

/** Any Git object the fake stores. */
export type GitObject = BlobObject | TreeObject | CommitObject | TagObject;

/** SHA-1 over Git's loose-object encoding (`<type> <len>\0<body>`), so ids match real Git. */
export function hashObject(type: GitObject['type'], body: Buffer): string {
  const header = Buffer.from(`${type} ${body.length}\0`);
  return createHash('sha1')
    .update(Buffer.concat([header, body]))
    .digest('hex');
}

/** Git sorts tree entries by name, comparing a tree's name as if it ended with '/'. */
export function sortEntries(entries: TreeEntry[]): TreeEntry[] {
  const key = (e: TreeEntry) => Buffer.from(e.type === 'tree' ? `${e.name}/` : e.name);
  return [...entries].sort((a, b) => Buffer.compare(key(a), key(b)));
}

/** Serializes a tree's entries the way Git does: `<mode> <name>\0<20-byte sha>` each. */
export function treeBody(entries: TreeEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of sortEntries(entries)) {
    // Git writes tree modes without the leading zero ('40000'); the API shows '040000'.
    const mode = e.mode.replace(/^0+/, '');
    parts.push(Buffer.from(`${mode} ${e.name}\0`), Buffer.from(e.sha, 'hex'));
  }
  return Buffer.concat(parts);
}

/** `Name <email> <unix seconds> +0000`, Git's identity line. */
export function personLine(p: GitPerson): string {
  return `${p.name} <${p.email}> ${Math.floor(Date.parse(p.date) / 1000)} +0000`;
}

export function commitBody(c: Omit<CommitObject, 'type' | 'sha'>): Buffer {
  const lines = [`tree ${c.tree}`, ...c.parents.map((p) => `parent ${p}`)];
  lines.push(`author ${personLine(c.author)}`, `committer ${personLine(c.committer)}`);
  return Buffer.from(`${lines.join('\n')}\n\n${c.message}`);
}

export function tagBody(t: Omit<TagObject, 'type' | 'sha'>): Buffer {
  const head = `object ${t.object}\ntype ${t.objectType}\ntag ${t.tag}\ntagger ${personLine(t.tagger)}\n\n`;
  return Buffer.from(`${head}${t.message}`);
}

/** Counts of added and removed lines between two texts (a multiset diff, enough for API stats). */
export function lineStats(before: string, after: string): { additions: number; deletions: number } {
  const split = (s: string) => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));
  const counts = new Map<string, number>();
  for (const line of split(before)) counts.set(line, (counts.get(line) ?? 0) + 1);
  let additions = 0;
  for (const line of split(after)) {
    const n = counts.get(line) ?? 0;
    if (n > 0) counts.set(line, n - 1);
    else additions++;
  }
  let deletions = 0;
  for (const n of counts.values()) deletions += n;
  return { additions, deletions };
}
