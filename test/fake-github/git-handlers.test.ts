import { describe, expect, it } from 'vitest';
import { body, call, callError, seededState } from './handler-harness.js';
import { contentsHandlers } from './handlers/contents.js';
import { gitHandlers } from './handlers/git.js';

const table = { ...gitHandlers, ...contentsHandlers };

describe('git data handlers', () => {
  it('creates a blob, tree, commit and moves a branch by update-ref', async () => {
    const { state, sha: parent } = seededState();
    const blob = body<{ sha: string }>(
      await call(table, state, 'git/create-blob', { body: { content: 'aGk=', encoding: 'base64' } }),
    );
    const got = body<{ content: string }>(
      await call(table, state, 'git/get-blob', { params: { file_sha: blob.sha } }),
    );
    expect(Buffer.from(got.content, 'base64').toString()).toBe('hi');
    const parentTree = state.repo('acme', 'platform')?.git.commit(parent)?.tree ?? '';
    const tree = body<{ sha: string }>(
      await call(table, state, 'git/create-tree', {
        body: {
          base_tree: parentTree,
          tree: [{ path: 'dir/hi.txt', mode: '100644', type: 'blob', sha: blob.sha }],
        },
      }),
    );
    const recursive = body<{ tree: { path: string }[] }>(
      await call(table, state, 'git/get-tree', { params: { tree_sha: tree.sha }, query: { recursive: '1' } }),
    );
    expect(recursive.tree.map((e) => e.path)).toEqual(['README.md', 'dir', 'dir/hi.txt']);
    const commit = body<{ sha: string; parents: { sha: string }[] }>(
      await call(table, state, 'git/create-commit', {
        body: { message: 'add hi', tree: tree.sha, parents: [parent] },
      }),
    );
    expect(commit.parents[0]?.sha).toBe(parent);
    const ref = await call(table, state, 'git/update-ref', {
      params: { ref: 'heads/main' },
      body: { sha: commit.sha },
    });
    expect(body<{ object: { sha: string } }>(ref).object.sha).toBe(commit.sha);
    const file = await call(table, state, 'repos/get-content', { params: { path: 'dir/hi.txt' } });
    expect(Buffer.from(body<{ content: string }>(file).content, 'base64').toString()).toBe('hi');
  });

  it('answers 422 "Reference already exists" and "Update is not a fast forward"', async () => {
    const { state, repo, sha } = seededState();
    const created = await call(table, state, 'git/create-ref', { body: { ref: 'refs/heads/topic', sha } });
    expect(created.status).toBe(201);
    const dup = await callError(table, state, 'git/create-ref', { body: { ref: 'refs/heads/topic', sha } });
    expect([dup.status, dup.message]).toEqual([422, 'Reference already exists']);
    const other = repo.git.commitFiles('main', { 'x.txt': 'x' }, 'x');
    repo.git.commitFiles('topic', { 'y.txt': 'y' }, 'y');
    const nonFf = await callError(table, state, 'git/update-ref', {
      params: { ref: 'heads/topic' },
      body: { sha: other },
    });
    expect([nonFf.status, nonFf.message]).toEqual([422, 'Update is not a fast forward']);
    await call(table, state, 'git/update-ref', {
      params: { ref: 'heads/topic' },
      body: { sha: other, force: true },
    });
    expect(repo.git.branch('topic')).toBe(other);
    expect((await call(table, state, 'git/delete-ref', { params: { ref: 'heads/topic' } })).status).toBe(204);
    expect((await callError(table, state, 'git/get-ref', { params: { ref: 'heads/topic' } })).status).toBe(
      404,
    );
    const gone = await callError(table, state, 'git/delete-ref', { params: { ref: 'heads/topic' } });
    expect([gone.status, gone.message]).toEqual([422, 'Reference does not exist']);
  });

  it('creates annotated tags and lists matching refs and tags', async () => {
    const { state, sha } = seededState();
    const tag = body<{ sha: string; object: { sha: string } }>(
      await call(table, state, 'git/create-tag', {
        body: { tag: 'v1.0.0', message: 'release', object: sha, type: 'commit' },
      }),
    );
    await call(table, state, 'git/create-ref', { body: { ref: 'refs/tags/v1.0.0', sha: tag.sha } });
    await call(table, state, 'git/create-ref', { body: { ref: 'refs/tags/v0.9.0', sha } });
    expect(
      body<{ tag: string }>(await call(table, state, 'git/get-tag', { params: { tag_sha: tag.sha } })).tag,
    ).toBe('v1.0.0');
    const refs = body<{ ref: string; object: { type: string } }[]>(
      await call(table, state, 'git/list-matching-refs', { params: { ref: 'tags/v' } }),
    );
    expect(refs.map((r) => [r.ref, r.object.type])).toEqual([
      ['refs/tags/v0.9.0', 'commit'],
      ['refs/tags/v1.0.0', 'tag'],
    ]);
    const tags = body<{ name: string; commit: { sha: string } }[]>(
      await call(table, state, 'repos/list-tags'),
    );
    expect(tags.map((t) => [t.name, t.commit.sha])).toEqual([
      ['v1.0.0', sha],
      ['v0.9.0', sha],
    ]);
  });

  it('serves branches, commits and compare', async () => {
    const { state, repo, sha } = seededState();
    repo.git.refs.set('refs/heads/topic', sha);
    const head = repo.git.commitFiles('topic', { 'README.md': 'hello\nworld\n' }, 'more');
    const branch = body<{ name: string; commit: { sha: string } }>(
      await call(table, state, 'repos/get-branch', { params: { branch: 'topic' } }),
    );
    expect(branch.commit.sha).toBe(head);
    expect((await callError(table, state, 'repos/get-branch', { params: { branch: 'nope' } })).status).toBe(
      404,
    );
    expect(body<unknown[]>(await call(table, state, 'repos/list-branches'))).toHaveLength(2);
    const commit = body<{ files: { filename: string; additions: number }[] }>(
      await call(table, state, 'repos/get-commit', { params: { ref: 'topic' } }),
    );
    expect(commit.files).toEqual([
      expect.objectContaining({ filename: 'README.md', status: 'modified', additions: 1 }),
    ]);
    const cmp = body<{ status: string; ahead_by: number; commits: { sha: string }[] }>(
      await call(table, state, 'repos/compare-commits-with-basehead', {
        params: { basehead: 'main...topic' },
      }),
    );
    expect([cmp.status, cmp.ahead_by, cmp.commits.map((c) => c.sha)]).toEqual(['ahead', 1, [head]]);
    expect(
      (
        await callError(table, state, 'repos/compare-commits-with-basehead', {
          params: { basehead: 'main...nope' },
        })
      ).status,
    ).toBe(404);
  });
});

describe('contents handlers', () => {
  it('reads files and directories, and 404s a missing path', async () => {
    const { state, repo, sha: before } = seededState();
    repo.git.commitFiles('main', { 'envs/prod.yaml': 'a: 1\n' }, 'env');
    const dir = body<{ name: string; type: string }[]>(
      await call(table, state, 'repos/get-content', { params: { path: 'envs' } }),
    );
    expect(dir.map((e) => [e.name, e.type])).toEqual([['prod.yaml', 'file']]);
    const old = await callError(table, state, 'repos/get-content', {
      params: { path: 'envs/prod.yaml' },
      query: { ref: before },
    });
    expect(old.status).toBe(404);
    expect(
      (await callError(table, state, 'repos/get-content', { params: { path: 'nope.txt' } })).status,
    ).toBe(404);
  });

  it('creates, updates (sha required) and deletes a file', async () => {
    const { state, repo } = seededState();
    const put = (body: Record<string, unknown>) =>
      call(table, state, 'repos/create-or-update-file-contents', {
        params: { path: 'a.txt' },
        body: { message: 'm', ...body },
      });
    const created = await put({ content: Buffer.from('one').toString('base64') });
    expect(created.status).toBe(201);
    const sha = body<{ content: { sha: string } }>(created).content.sha;
    const missing = await callError(table, state, 'repos/create-or-update-file-contents', {
      params: { path: 'a.txt' },
      body: { message: 'm', content: 'dHdv' },
    });
    expect([missing.status, missing.message]).toEqual([422, 'Invalid request.\n\n"sha" wasn\'t supplied.']);
    const wrong = await callError(table, state, 'repos/delete-file', {
      params: { path: 'a.txt' },
      body: { message: 'm', sha: 'f'.repeat(40) },
    });
    expect(wrong.status).toBe(409);
    expect((await put({ content: 'dHdv', sha })).status).toBe(200);
    expect(repo.git.readFile('main', 'a.txt')).toBe('two');
    const newSha = repo.git.entryAt('main', 'a.txt')?.sha ?? '';
    await call(table, state, 'repos/delete-file', {
      params: { path: 'a.txt' },
      body: { message: 'rm', sha: newSha },
    });
    expect(repo.git.readFile('main', 'a.txt')).toBeUndefined();
    expect(
      (
        await callError(table, state, 'repos/delete-file', {
          params: { path: 'a.txt' },
          body: { message: 'm', sha: newSha },
        })
      ).status,
    ).toBe(404);
  });
});
