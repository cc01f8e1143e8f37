import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deployedManifestPath,
  directoryDriver,
  writeFileAtomically,
} from '../../src/deploy/directory-driver.js';
import { createDriver } from '../../src/deploy/driver.js';
import { driverInput, MANIFEST_TEXT, testDeps, useTempDir } from './deploy-fixtures.js';

const tempDir = useTempDir();

describe('directory driver', () => {
  it('is the default and writes .lockstep/<env>/deployed.manifest.json', async () => {
    const root = await tempDir();
    const driver = createDriver(undefined, testDeps(root));
    expect(driver.name).toBe('directory');
    const input = driverInput();
    const result = await driver.deploy(input);
    expect(result).toEqual({ ok: true, detail: 'wrote .lockstep/prod-eu/deployed.manifest.json' });
    expect(await readFile(join(root, '.lockstep/prod-eu/deployed.manifest.json'), 'utf8')).toBe(
      MANIFEST_TEXT,
    );
    expect(createDriver({}, testDeps(root)).name).toBe('directory');
  });

  it('replaces the previous manifest and leaves no temporary file', async () => {
    const root = await tempDir();
    await directoryDriver(root).deploy(driverInput({ manifestText: 'old\n' }));
    await directoryDriver(root).deploy(driverInput({ manifestText: 'new\n' }));
    const dir = join(root, '.lockstep/prod-eu');
    expect(await readdir(dir)).toEqual(['deployed.manifest.json']);
    expect(await readFile(join(dir, 'deployed.manifest.json'), 'utf8')).toBe('new\n');
  });

  it('removes its temporary file when the rename fails', async () => {
    const root = await tempDir();
    // A non-empty directory where the file belongs: the temporary file is written, the rename fails.
    const target = join(root, 'deployed.manifest.json');
    await mkdir(target);
    await writeFile(join(target, 'keep'), 'x');
    await expect(writeFileAtomically(target, 'new\n')).rejects.toThrow();
    expect(await readdir(root)).toEqual(['deployed.manifest.json']);
    expect(await readdir(target)).toEqual(['keep']);
  });

  it('refuses an environment name that would leave .lockstep/', () => {
    expect(() => deployedManifestPath('../etc')).toThrow(/not a valid environment name/);
    expect(() => deployedManifestPath('a/b')).toThrow(/not a valid environment name/);
  });
});

describe('createDriver', () => {
  it('picks the command and webhook drivers', () => {
    const deps = testDeps('/repo', { LOCKSTEP_WEBHOOK_SECRET: 'x' });
    expect(createDriver({ driver: 'command', command: ['deploy.sh'] }, deps).name).toBe('command');
    expect(createDriver({ driver: 'webhook', url: 'https://example.invalid/hook' }, deps).name).toBe(
      'webhook',
    );
  });

  it('names the missing setting', () => {
    const deps = testDeps('/repo');
    expect(() => createDriver({ driver: 'command' }, deps)).toThrow(
      'deploy.command is required with the command driver',
    );
    expect(() => createDriver({ driver: 'webhook' }, deps)).toThrow(
      'deploy.url is required with the webhook driver',
    );
  });
});
