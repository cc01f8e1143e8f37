import { GitHubError } from '../types.js';
import { githubTime } from './clock.js';
import {
  type BlobObject,
  type CommitObject,
  type Comparison,
  commitBody,
  type FileChange,
  type FileEntry,
  type GitObject,
  type GitPerson,
  hashObject,
  lineStats,
  type TagObject,
  type TreeEntry,
  type TreeObject,
  tagBody,
  treeBody,
} from './git-objects.js';
import type { RepoState } from './repo-state.js';

export type { Comparison, FileChange, FileEntry } from './git-objects.js';

const DEFAULT_AUTHOR = { name: 'Fake Author', email: 'fake-author@users.noreply.github.com' };

/** A repository's Git data: real objects with Git's SHA-1 ids, and its refs. */
export class GitStore {
  readonly repo: RepoState;
  readonly objects = new Map<string, GitObject>();
  /** Full ref name ('refs/heads/main', 'refs/tags/v1') -> sha. */
  readonly refs = new Map<string, string>();

  constructor(repo: RepoState) {
    this.repo = repo;
  }

  /** An author/committer stamped with the fake's clock. */
  person(who: { name: string; email: string } = DEFAULT_AUTHOR, date?: string): GitPerson {
    return { name: who.name, email: who.email, date: date ?? githubTime(this.repo.global.clock.now()) };
  }

  putBlob(content: Buffer | string): string {
    const buf = typeof content === 'string' ? Buffer.from(content) : content;
    const sha = hashObject('blob', buf);
    this.objects.set(sha, { type: 'blob', sha, content: buf });
    return sha;
  }

  putTree(entries: TreeEntry[]): string {
    const sha = hashObject('tree', treeBody(entries));
    this.objects.set(sha, { type: 'tree', sha, entries: [...entries] });
    return sha;
  }

  putCommit(c: Omit<CommitObject, 'type' | 'sha'>): string {
    const sha = hashObject('commit', commitBody(c));
    this.objects.set(sha, { type: 'commit', sha, ...c });
    return sha;
  }

  putTag(t: Omit<TagObject, 'type' | 'sha'>): string {
    const sha = hashObject('tag', tagBody(t));
    this.objects.set(sha, { type: 'tag', sha, ...t });
    return sha;
  }

  blob(sha: string): BlobObject | undefined {
    const o = this.objects.get(sha);
    return o?.type === 'blob' ? o : undefined;
  }
  tree(sha: string): TreeObject | undefined {
    const o = this.objects.get(sha);
    return o?.type === 'tree' ? o : undefined;
  }
  commit(sha: string): CommitObject | undefined {
    const o = this.objects.get(sha);
    return o?.type === 'commit' ? o : undefined;
  }
  tag(sha: string): TagObject | undefined {
    const o = this.objects.get(sha);
    return o?.type === 'tag' ? o : undefined;
  }

  /** Builds nested trees from a flat path map and returns the root tree's sha. */
  writeTree(files: Map<string, FileEntry>): string {
    const dirs = new Map<string, Map<string, FileEntry>>();
    const entries: TreeEntry[] = [];
    for (const [path, entry] of files) {
      const slash = path.indexOf('/');
      if (slash < 0) {
        entries.push({
          name: path,
          mode: entry.mode,
          type: entry.mode === '160000' ? 'commit' : 'blob',
          sha: entry.sha,
        });
        continue;
      }
      const dir = path.slice(0, slash);
      const sub = dirs.get(dir) ?? new Map<string, FileEntry>();
      dirs.set(dir, sub);
      sub.set(path.slice(slash + 1), entry);
    }
    for (const [name, sub] of dirs)
      entries.push({ name, mode: '040000', type: 'tree', sha: this.writeTree(sub) });
    return this.putTree(entries);
  }

  /** Every file under a tree, by full path. */
  flatten(treeSha: string, prefix = '', out = new Map<string, FileEntry>()): Map<string, FileEntry> {
    for (const e of this.tree(treeSha)?.entries ?? []) {
      const path = `${prefix}${e.name}`;
      if (e.type === 'tree') this.flatten(e.sha, `${path}/`, out);
      else out.set(path, { sha: e.sha, mode: e.mode });
    }
    return out;
  }

  /** The commit sha a ref name, branch, tag or (full or abbreviated) sha points to, peeling tags. */
  resolve(refOrSha: string): string | undefined {
    const candidates = [refOrSha, `refs/${refOrSha}`, `refs/heads/${refOrSha}`, `refs/tags/${refOrSha}`];
    let sha = candidates.map((r) => this.refs.get(r)).find((s) => s !== undefined);
    if (!sha && /^[0-9a-f]{4,40}$/.test(refOrSha)) {
      sha = [...this.objects.keys()].find((k) => k.startsWith(refOrSha));
    }
    for (let o = sha ? this.objects.get(sha) : undefined; o; o = this.objects.get(o.object)) {
      if (o.type === 'commit') return o.sha;
      if (o.type !== 'tag') return undefined;
    }
    return undefined;
  }

  /** The sha a branch points to, if the branch exists. */
  branch(name: string): string | undefined {
    return this.refs.get(`refs/heads/${name}`);
  }

  branches(): string[] {
    return [...this.refs.keys()].filter((r) => r.startsWith('refs/heads/')).map((r) => r.slice(11));
  }

  /** Commits `files` (path -> content, null deletes) on `branch`, creating the branch if needed. */
  commitFiles(
    branch: string,
    files: Record<string, string | Buffer | null>,
    message: string,
    author?: { name: string; email: string },
  ): string {
    const parent = this.branch(branch);
    const current = parent ? this.filesAt(parent) : new Map<string, FileEntry>();
    for (const [path, content] of Object.entries(files)) {
      if (content === null) current.delete(path);
      else current.set(path, { sha: this.putBlob(content), mode: current.get(path)?.mode ?? '100644' });
    }
    const person = this.person(author);
    const sha = this.putCommit({
      tree: this.writeTree(current),
      parents: parent ? [parent] : [],
      author: person,
      committer: person,
      message,
    });
    this.refs.set(`refs/heads/${branch}`, sha);
    return sha;
  }

  /** Flattened files of the commit `ref` resolves to. */
  filesAt(ref: string): Map<string, FileEntry> {
    const commit = this.commit(this.resolve(ref) ?? '');
    return commit ? this.flatten(commit.tree) : new Map();
  }

  /** The tree entry at `path` in `ref` ('' is the root tree), or undefined. */
  entryAt(ref: string, path: string): TreeEntry | undefined {
    const commit = this.commit(this.resolve(ref) ?? '');
    if (!commit) return undefined;
    let entry: TreeEntry = { name: '', mode: '040000', type: 'tree', sha: commit.tree };
    for (const part of path.split('/').filter((p) => p !== '')) {
      const next = this.tree(entry.sha)?.entries.find((e) => e.name === part);
      if (!next) return undefined;
      entry = next;
    }
    return entry;
  }

  readFile(ref: string, path: string): string | undefined {
    const entry = this.entryAt(ref, path);
    return entry?.type === 'blob' ? this.blob(entry.sha)?.content.toString('utf8') : undefined;
  }

  listTree(ref: string, path = ''): TreeEntry[] | undefined {
    const entry = this.entryAt(ref, path);
    return entry?.type === 'tree' ? this.tree(entry.sha)?.entries : undefined;
  }

  /** All ancestors of `sha`, itself included. */
  ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const stack = [sha];
    for (let s = stack.pop(); s !== undefined; s = stack.pop()) {
      if (seen.has(s)) continue;
      seen.add(s);
      stack.push(...(this.commit(s)?.parents ?? []));
    }
    return seen;
  }

  /** True when `a` is `b` or one of its ancestors. */
  isAncestor(a: string, b: string): boolean {
    return this.ancestors(b).has(a);
  }

  /** The nearest common ancestor (breadth-first from `b`), or undefined for unrelated histories. */
  mergeBase(a: string, b: string): string | undefined {
    const ofA = this.ancestors(a);
    const queue = [b];
    const seen = new Set<string>();
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      if (ofA.has(s)) return s;
      if (seen.has(s)) continue;
      seen.add(s);
      queue.push(...(this.commit(s)?.parents ?? []));
    }
    return undefined;
  }

  /** Commits reachable from `head` and not from `base`, parents first. */
  commitsBetween(base: string | undefined, head: string): string[] {
    const exclude = base ? this.ancestors(base) : new Set<string>();
    const out: string[] = [];
    const visit = (sha: string) => {
      if (exclude.has(sha)) return;
      exclude.add(sha);
      for (const p of this.commit(sha)?.parents ?? []) visit(p);
      out.push(sha);
    };
    visit(head);
    return out;
  }

  /** A file-level 3-way merge of the trees of `ours` and `theirs`; undefined on a conflict. */
  mergeFiles(ours: string, theirs: string): Map<string, FileEntry> | undefined {
    const baseSha = this.mergeBase(ours, theirs);
    const base = baseSha ? this.filesAt(baseSha) : new Map<string, FileEntry>();
    const a = this.filesAt(ours);
    const b = this.filesAt(theirs);
    const out = new Map<string, FileEntry>();
    for (const path of new Set([...base.keys(), ...a.keys(), ...b.keys()])) {
      const [o, x, y] = [base.get(path)?.sha, a.get(path)?.sha, b.get(path)?.sha];
      let pick: FileEntry | undefined;
      if (x === y || y === o) pick = a.get(path);
      else if (x === o) pick = b.get(path);
      else return undefined;
      if (pick) out.set(path, pick);
    }
    return out;
  }

  /** Creates (without moving any ref) a merge commit of `head` into `base`; 409 on a conflict. */
  merge(base: string, head: string, message: string, author?: { name: string; email: string }): string {
    const files = this.mergeFiles(base, head);
    if (!files) throw new GitHubError(409, 'Merge conflict');
    const person = this.person(author);
    return this.putCommit({
      tree: this.writeTree(files),
      parents: [base, head],
      author: person,
      committer: person,
      message,
    });
  }

  /** Changed files between two commits' trees. */
  diff(from: string | undefined, to: string): FileChange[] {
    const a = from ? this.filesAt(from) : new Map<string, FileEntry>();
    const b = this.filesAt(to);
    const text = (e: FileEntry | undefined) => (e ? (this.blob(e.sha)?.content.toString('utf8') ?? '') : '');
    const out: FileChange[] = [];
    for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
      const [x, y] = [a.get(path), b.get(path)];
      if (x?.sha === y?.sha) continue;
      const status = !x ? 'added' : !y ? 'removed' : 'modified';
      out.push({ filename: path, status, sha: y?.sha ?? null, ...lineStats(text(x), text(y)) });
    }
    return out;
  }

  /** GitHub's three-dot comparison of two commit shas. */
  compare(base: string, head: string): Comparison {
    const mergeBase = this.mergeBase(base, head) ?? base;
    return {
      mergeBase,
      aheadBy: this.commitsBetween(base, head).length,
      behindBy: this.commitsBetween(head, base).length,
      commits: this.commitsBetween(base, head),
      files: this.diff(mergeBase, head),
    };
  }
}
