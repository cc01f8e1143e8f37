import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { body, call } from './handler-harness.js';
import { contentsHandlers } from './handlers/contents.js';
import { seedRepository } from './seed.js';
import { steppingClock } from './state/clock.js';
import { FakeState } from './state/store.js';

const examples = fileURLToPath(new URL('../../examples', import.meta.url));

describe('seedRepository', () => {
  it('commits examples/ to the default branch, readable through the contents API', async () => {
    const state = new FakeState(steppingClock());
    const repo = seedRepository(state, { owner: 'acme', name: 'platform', dir: examples });
    const commit = repo.git.commit(repo.git.branch('main') ?? '');
    expect(commit?.parents).toEqual([]);
    const res = await call(contentsHandlers, state, 'repos/get-content', { params: { path: 'README.md' } });
    const file = body<{ content: string; encoding: string }>(res);
    expect(Buffer.from(file.content, 'base64').toString()).toBe(
      readFileSync(`${examples}/README.md`, 'utf8'),
    );
    const root = body<{ name: string }[]>(
      await call(contentsHandlers, state, 'repos/get-content', { params: { path: '' } }),
    );
    expect(root.map((e) => e.name)).toEqual(expect.arrayContaining(['README.md', 'catalog', 'environments']));
  });

  it('keeps dotfiles and skips .git and node_modules', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'seed-'));
    for (const path of [
      '.github/workflows/ci.yml',
      '.lockstep/state.json',
      '.git/HEAD',
      'node_modules/x/index.js',
      'a.txt',
    ]) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), path);
    }
    const repo = seedRepository(new FakeState(steppingClock()), {
      owner: 'o',
      name: 'r',
      dir,
      defaultBranch: 'trunk',
    });
    rmSync(dir, { recursive: true, force: true });
    expect([...repo.git.filesAt('trunk').keys()].sort()).toEqual([
      '.github/workflows/ci.yml',
      '.lockstep/state.json',
      'a.txt',
    ]);
  });
});
