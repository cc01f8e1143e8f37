import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fsReader } from '../../src/cli/fs-reader.js';
import { loadRepository } from '../../src/core/load/load-repository.js';
import { createValidators } from '../../src/core/load/schema-check.js';
import { defaultHandlers } from '../fake-github/index.js';
import { EXAMPLES, finishPort, type PortContext, startPort } from './port-context.js';

describe('GitHubPort.readerAt over Octokit', () => {
  let ctx: PortContext;
  beforeEach(async () => {
    ctx = await startPort();
  });
  afterEach(() => finishPort(ctx));

  it('lists and reads the same files as on disk, in 1 ref resolve + 1 tree + 1 blob per file', async () => {
    const reader = ctx.port.readerAt('main');
    const disk = fsReader(EXAMPLES);
    for (const dir of ['catalog', 'environments', '']) {
      expect(await reader.list(dir)).toEqual((await disk.list(dir)).sort());
    }
    const files = readdirSync(join(EXAMPLES, 'environments')).map((f) => `environments/${f}`);
    for (const file of files) {
      expect(await reader.read(file)).toBe(readFileSync(join(EXAMPLES, file), 'utf8'));
    }
    // Read again: served from the reader's cache.
    expect(await reader.read(files[0] ?? '')).toBeDefined();
    expect(ctx.calls()).toEqual(['repos/get-commit', 'git/get-tree', ...files.map(() => 'git/get-blob')]);
  });

  it('answers undefined and [] for what does not exist, without calls beyond the tree', async () => {
    const reader = ctx.port.readerAt('main');
    expect(await reader.read('.github/missing.yml')).toBeUndefined();
    expect(await reader.read('environments/nope.yaml')).toBeUndefined();
    expect(await reader.list('nowhere')).toEqual([]);
    // A folder is not a file: list shows files only, read of a folder is undefined.
    expect(await reader.list('')).not.toContain('catalog');
    expect(await reader.read('catalog')).toBeUndefined();
    expect(ctx.calls()).toEqual(['repos/get-commit', 'git/get-tree']);
  });

  it('reads at a commit sha without resolving it, and keeps that snapshot when the branch moves', async () => {
    const reader = ctx.port.readerAt(ctx.mainSha);
    expect(await reader.list('environments')).toContain('dev.yaml');
    ctx.repo.git.commitFiles(
      'main',
      { 'environments/dev.yaml': null, 'environments/qa.yaml': 'x: 1\n' },
      'moved',
    );
    expect(await reader.list('environments')).toContain('dev.yaml');
    expect(await reader.read('environments/qa.yaml')).toBeUndefined();
    expect(ctx.calls()).toEqual(['git/get-tree']);
    const moved = ctx.port.readerAt('main');
    expect(await moved.read('environments/qa.yaml')).toBe('x: 1\n');
  });

  it('reads one blob once when two paths share it', async () => {
    ctx.repo.git.commitFiles('main', { 'a/same.txt': 'same\n', 'b/same.txt': 'same\n' }, 'twins');
    const reader = ctx.port.readerAt('main');
    expect(await Promise.all([reader.read('a/same.txt'), reader.read('/b/same.txt')])).toEqual([
      'same\n',
      'same\n',
    ]);
    expect(ctx.calls()).toEqual(['repos/get-commit', 'git/get-tree', 'git/get-blob']);
  });

  it('feeds loadRepository the same repository as the disk reader', async () => {
    const validators = createValidators();
    const remote = await loadRepository(ctx.port.readerAt('main'), validators);
    const local = await loadRepository(fsReader(EXAMPLES), validators);
    expect([...remote.environments.keys()]).toEqual([...local.environments.keys()]);
    expect(remote.settings).toEqual(local.settings);
    for (const [name, entry] of local.environments) {
      expect(remote.environments.get(name)?.manifest).toEqual(entry.manifest);
    }
    expect(ctx.calls().filter((c) => c !== 'git/get-blob')).toEqual(['repos/get-commit', 'git/get-tree']);
  });

  it('names the ref when it does not exist', async () => {
    await expect(ctx.port.readerAt('no-such-branch').list('')).rejects.toThrow(
      'acme/deploy has no branch, tag or commit named "no-such-branch"',
    );
    ctx.fake.clearProblems();
  });

  it('falls back to listing folders when GitHub truncates the tree', async () => {
    await finishPort(ctx);
    const handlers = defaultHandlers();
    const getTree = handlers['git/get-tree'];
    // GitHub cuts trees over 100,000 entries or 7 MB; this one is cut to nothing.
    handlers['git/get-tree'] = async (req, state) => {
      const answer = await getTree?.(req, state);
      return { status: 200, body: { ...(answer?.body as object), tree: [], truncated: true } };
    };
    ctx = await startPort({ handlers });
    const reader = ctx.port.readerAt('main');
    expect(await reader.list('environments')).toEqual(
      await fsReader(EXAMPLES)
        .list('environments')
        .then((l) => l.sort()),
    );
    expect(await reader.read('catalog/platform.yaml')).toBe(
      readFileSync(join(EXAMPLES, 'catalog/platform.yaml'), 'utf8'),
    );
    expect(await reader.read('environments/dev.yaml')).toBe(
      readFileSync(join(EXAMPLES, 'environments/dev.yaml'), 'utf8'),
    );
    expect(await reader.read('missing/file.yaml')).toBeUndefined();
    expect(ctx.calls()).toEqual([
      'repos/get-commit',
      'git/get-tree',
      'repos/get-content',
      'repos/get-content',
      'git/get-blob',
      'git/get-blob',
      'repos/get-content 404',
    ]);
  });
});
