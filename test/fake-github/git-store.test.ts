import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededState } from './handler-harness.js';
import { GitHubError } from './types.js';

const work = mkdtempSync(join(tmpdir(), 'fake-git-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function git(args: string[], input?: string, env: Record<string, string> = {}): string {
  return execFileSync('git', args, { cwd: work, input, env: { ...process.env, ...env } })
    .toString()
    .trim();
}

describe('GitStore object ids match real Git', () => {
  it('hashes a blob like git hash-object', () => {
    const { repo } = seededState();
    const content = 'line one\nünïcode\n';
    expect(repo.git.putBlob(content)).toBe(git(['hash-object', '--stdin'], content));
  });

  it('builds nested trees and commits with the ids git write-tree and commit-tree give', () => {
    const files = {
      'a.txt': 'A\n',
      'dir/b.txt': 'B\n',
      'dir/sub/c.txt': 'C\n',
      'dir-x': 'x\n',
      '.github/ci.yml': 'on: push\n',
    };
    git(['init', '-q', '.']);
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), content);
    }
    git(['add', '-A']);
    const expectedTree = git(['write-tree']);
    const { repo } = seededState();
    const sha = repo.git.commitFiles('feature', files, 'msg\n', { name: 'Ann', email: 'ann@example.com' });
    const commit = repo.git.commit(sha);
    expect(commit?.tree).toBe(expectedTree);
    const date = `${Date.parse(commit?.author.date ?? '') / 1000} +0000`;
    const env = { GIT_AUTHOR_NAME: 'Ann', GIT_AUTHOR_EMAIL: 'ann@example.com', GIT_AUTHOR_DATE: date };
    const committer = {
      GIT_COMMITTER_NAME: 'Ann',
      GIT_COMMITTER_EMAIL: 'ann@example.com',
      GIT_COMMITTER_DATE: date,
    };
    expect(git(['commit-tree', expectedTree], 'msg\n', { ...env, ...committer })).toBe(sha);
  });
});

describe('GitStore history', () => {
  it('resolves branches, tags, annotated tags and short shas to commits', () => {
    const { repo, sha } = seededState();
    repo.git.refs.set('refs/tags/light', sha);
    const tag = repo.git.putTag({
      tag: 'v1',
      message: 'v1\n',
      object: sha,
      objectType: 'commit',
      tagger: repo.git.person(),
    });
    repo.git.refs.set('refs/tags/v1', tag);
    expect(repo.git.resolve('main')).toBe(sha);
    expect(repo.git.resolve('light')).toBe(sha);
    expect(repo.git.resolve('v1')).toBe(sha);
    expect(repo.git.resolve('refs/tags/v1')).toBe(sha);
    expect(repo.git.resolve(sha.slice(0, 7))).toBe(sha);
    expect(repo.git.resolve('nope')).toBeUndefined();
  });

  it('reads files and lists trees at a ref', () => {
    const { repo } = seededState();
    repo.git.commitFiles('main', { 'envs/prod.yaml': 'x: 1\n', 'README.md': null }, 'change');
    expect(repo.git.readFile('main', 'envs/prod.yaml')).toBe('x: 1\n');
    expect(repo.git.readFile('main', 'README.md')).toBeUndefined();
    expect(repo.git.listTree('main', 'envs')?.map((e) => e.name)).toEqual(['prod.yaml']);
  });

  it('computes ancestry, merge base, compare and a real two-parent merge', () => {
    const { repo, sha: root } = seededState();
    repo.git.refs.set('refs/heads/topic', root);
    const t1 = repo.git.commitFiles('topic', { 'a.txt': 'a\n' }, 'a');
    const m1 = repo.git.commitFiles('main', { 'b.txt': 'b\n' }, 'b');
    expect(repo.git.isAncestor(root, t1)).toBe(true);
    expect(repo.git.isAncestor(t1, m1)).toBe(false);
    expect(repo.git.mergeBase(t1, m1)).toBe(root);
    const cmp = repo.git.compare(m1, t1);
    expect(cmp).toMatchObject({ aheadBy: 1, behindBy: 1, commits: [t1], mergeBase: root });
    expect(cmp.files).toEqual([
      { filename: 'a.txt', status: 'added', sha: expect.any(String), additions: 1, deletions: 0 },
    ]);
    const merge = repo.git.merge(m1, t1, 'merge');
    expect(repo.git.commit(merge)?.parents).toEqual([m1, t1]);
    expect(repo.git.readFile(merge, 'a.txt')).toBe('a\n');
    expect(repo.git.readFile(merge, 'b.txt')).toBe('b\n');
  });

  it('refuses a merge when both sides changed the same file differently', () => {
    const { repo, sha: root } = seededState();
    repo.git.refs.set('refs/heads/topic', root);
    const t = repo.git.commitFiles('topic', { 'README.md': 'theirs\n' }, 't');
    const m = repo.git.commitFiles('main', { 'README.md': 'ours\n' }, 'm');
    expect(() => repo.git.merge(m, t, 'merge')).toThrow(GitHubError);
    expect(repo.git.mergeFiles(m, t)).toBeUndefined();
  });
});
