import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectRefused, jsonOf, runCli } from '../helpers/cli.js';
import { environment, repoFiles } from '../helpers/fixture-repo.js';
import { type TempRepo, tempRepo } from '../helpers/temp-repo.js';

// `lockstep validate`: exit 0 fine, 1 for a violation (drift, expired waiver, blocked change),
// 2 for invalid input. Waiver dates lie far from today so that results do not depend on the clock.

const PAYMENTS_PINNED = 'channel: auto-update\npins:\n  capabilities: { payments: ~1.2.7 }\n';

const repos: TempRepo[] = [];
async function plain(envs: Record<string, string>): Promise<TempRepo> {
  const repo = await tempRepo(repoFiles(envs));
  repos.push(repo);
  return repo;
}
async function compiled(envs: Record<string, string>, options: { git?: boolean } = {}): Promise<TempRepo> {
  const repo = await tempRepo(repoFiles(envs), options);
  repos.push(repo);
  expect((await runCli(repo.root, 'compile')).code).toBe(0);
  if (options.git) await repo.commit('compile');
  return repo;
}
afterEach(async () => {
  for (const repo of repos.splice(0)) await repo.remove();
});

describe('lockstep validate', () => {
  it('exits 0 on compiled environments, and --json says ok', async () => {
    const repo = await compiled({ dev: 'channel: auto-update\n', prod: 'channel: frozen\n' });
    const result = await runCli(repo.root, 'validate');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^dev: ok; verdict allowed/m);
    expect(result.stdout).toMatch(/^prod: ok; verdict /m);
    const json = jsonOf(await runCli(repo.root, 'validate', 'dev', '--json'));
    expect(json).toMatchObject({ ok: true, environments: [{ environment: 'dev', violations: [] }] });
  });

  it('exits 1 on drift and says to run lockstep compile', async () => {
    const repo = await compiled({ dev: 'channel: auto-update\n' });
    await repo.write({ 'environments/dev.yaml': environment('dev', PAYMENTS_PINNED) });
    const before = await repo.snapshot();
    const result = await runCli(repo.root, 'validate');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^environments\/dev\.manifest\.json:1:1: .*differs from what compile gives \(drift\); run lockstep compile dev/m,
    );
    expect(result.stdout).toMatch(/^dev: 1 violation\(s\)/m);
    expect(await repo.snapshot()).toEqual(before);
  });

  it('exits 1 on a missing manifest and says to run lockstep compile', async () => {
    const repo = await plain({ dev: 'channel: auto-update\n' });
    const result = await runCli(repo.root, 'validate');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/environments\/dev\.manifest\.json is missing; run lockstep compile dev/);
    expect(await repo.read('environments/dev.manifest.json')).toBeUndefined();
  });

  it('exits 1 on an expired waiver, naming it', async () => {
    const repo = await compiled({
      dev: 'channel: auto-update\nsecurity:\n  waivers:\n    - { advisory: ACME-2026-0042, until: 2020-01-01, reason: old, approvedBy: bob }\n',
    });
    const result = await runCli(repo.root, 'validate');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^environments\/dev\.yaml:7:\d+: security\.waivers: the waiver of ACME-2026-0042 expired on 2020-01-01 and waives nothing/m,
    );
  });

  it('exits 0 with a waiver in force, which the manifest records', async () => {
    const repo = await compiled({
      dev: 'channel: auto-update\npins:\n  capabilities: { payments: 1.2.5 }\nsecurity:\n  waivers:\n    - { advisory: ACME-2026-0042, until: 2099-01-01, reason: vendor fix pending, approvedBy: bob }\n',
    });
    expect((await runCli(repo.root, 'validate')).code).toBe(0);
    const manifest = JSON.parse((await repo.read('environments/dev.manifest.json'))!);
    expect(manifest.capabilities.payments.version).toBe('1.2.5');
    expect(manifest.security.waivers).toEqual([expect.objectContaining({ advisory: 'ACME-2026-0042' })]);
  });

  it('exits 1 on a blocked change in a frozen environment (no Git: the last deploy under .lockstep)', async () => {
    const repo = await compiled({ dev: PAYMENTS_PINNED });
    expect((await runCli(repo.root, 'deploy', 'dev')).code).toBe(0);
    // Frozen, with no manifest to keep: the first compile resolves anew (payments 1.3.0), a change
    // from the deployed 1.2.7 that the freeze blocks.
    await repo.write({ 'environments/dev.yaml': environment('dev', 'channel: frozen\n') });
    await rm(join(repo.root, 'environments/dev.manifest.json'));
    expect((await runCli(repo.root, 'compile')).code).toBe(0);
    const result = await runCli(repo.root, 'validate', '--json');
    expect(result.code).toBe(1);
    const json = jsonOf(result);
    expect(json).toMatchObject({
      ok: false,
      environments: [
        {
          environment: 'dev',
          baseline: 'deploy/dev/1',
          verdict: 'blocked',
          changes: [{ item: 'capability:payments', from: '1.2.7', to: '1.3.0', class: 'upgrade' }],
          violations: [
            {
              kind: 'blocked',
              file: 'environments/dev.yaml',
              message: expect.stringMatching(/^dev: blocked: frozen \(channel frozen\)/),
            },
          ],
        },
      ],
    });
  });

  it('exits 2 on a schema error, FILE:LINE:COL on stderr, no stack trace, nothing written', async () => {
    const repo = await plain({ dev: 'channel: auto-update\napprovals: { required: "two" }\n' });
    const result = await expectRefused(repo, 'validate');
    expect(result.stderr).toBe(
      "environments/dev.yaml:5:24: approvals.required: must be a whole number, got 'two'\n",
    );
    const json = jsonOf(await expectRefused(repo, 'validate', '--json'));
    expect(json).toMatchObject({ ok: false, code: 'E_INPUT', diagnostics: [{ line: 5, col: 24 }] });
  });

  it('exits 2 on a malformed catalog, naming the file', async () => {
    const repo = await plain({ dev: 'channel: auto-update\n' });
    await repo.write({ 'catalog/extra.json': '{"apiVersion": "lockstep/v1",\n "kind": "Catalog",\n}\n' });
    const result = await expectRefused(repo, 'validate');
    expect(result.stderr).toBe(
      'catalog/extra.json:3:1: invalid JSON: Expected double-quoted property name\n',
    );
  });
});
