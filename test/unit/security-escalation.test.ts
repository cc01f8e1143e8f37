import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { UnpatchableError } from '../../src/core/errors.js';
import {
  type CatalogBuilder,
  catalog,
  compileFiles,
  type EnvSpec,
  NOW,
  repo,
  versionsOf,
} from '../helpers/catalog-builder.js';

const compile = (cat: CatalogBuilder, spec: EnvSpec = {}) =>
  compileFiles(repo(cat).env('prod', spec).files(), 'prod');

const patchRows = (patches: readonly { item: string; from: string | null; to: string | null }[]) =>
  patches.map((p) => `${p.item} ${p.from} -> ${p.to}`);

describe('step 6: escalation to the requiring suite', () => {
  /** shop 1.0.0 and 1.1.0 allow only payments ~1.2.0, which is all affected; shop 1.2.0 allows the fix. */
  const cat = () =>
    catalog()
      .platform('1.0.0', { shop: '^1.0.0' })
      .suite('shop', '1.0.0', { payments: '~1.2.0' })
      .suite('shop', '1.1.0', { payments: '~1.2.0' })
      .suite('shop', '1.2.0', { payments: '^1.3.0' })
      .suite('shop', '1.3.0', { payments: '^1.3.0' })
      .capability('payments', ['1.2.0', '1.2.5', '1.3.0', '1.3.1', '1.4.0'])
      .advisory({ id: 'PAY-1', severity: 'critical', capability: 'payments', affected: '<1.3.1' });

  it('raises the suite to its lowest release that admits a fix, and the capability to its lowest fix', async () => {
    const outcome = await compile(cat(), { pins: { suites: { shop: '1.0.0' } } });
    expect(versionsOf(outcome)).toEqual({
      platform: '1.0.0',
      suites: { shop: '1.2.0' },
      capabilities: { payments: '1.3.1' },
    });
    expect(outcome.manifest.security.patches).toEqual([
      {
        advisory: 'PAY-1',
        severity: 'critical',
        item: 'suite:shop',
        from: '1.0.0',
        to: '1.2.0',
        overrides: ["pins.suites.shop '1.0.0'"],
        reason: 'raised so that capability:payments can reach a fixed release',
      },
      {
        advisory: 'PAY-1',
        severity: 'critical',
        item: 'capability:payments',
        from: '1.2.5',
        to: '1.3.1',
        overrides: [],
      },
    ]);
  });

  it('raises only the suite whose range blocks the fix when two suites require the capability', async () => {
    const two = catalog()
      .platform('1.0.0', { alpha: '^1.0.0', beta: '^1.0.0' })
      .suite('alpha', '1.0.0', { lib: '^1.0.0' })
      .suite('beta', '1.0.0', { lib: '~1.0.0' })
      .suite('beta', '1.1.0', { lib: '~1.1.0' })
      .capability('lib', ['1.0.0', '1.1.0', '1.1.1'])
      .advisory({ id: 'LIB-1', severity: 'critical', capability: 'lib', affected: '<1.1.0' });
    const outcome = await compile(two, { pins: { suites: { beta: '1.0.0' } } });
    expect(versionsOf(outcome)).toEqual({
      platform: '1.0.0',
      suites: { alpha: '1.0.0', beta: '1.1.0' },
      capabilities: { lib: '1.1.0' },
    });
  });

  // Regression: when a capability's fix is outside the ranges of two requiring suites, step 6 raises one
  // suite at a time and never both, then gives up although raising both suites (same rule: each to its
  // lowest release admitting a fix) fits every range. SPEC 3.6: "If nothing fits, the parent (suite,
  // then platform) is raised by the same rule. If still nothing fits, compile fails".
  it('raises both requiring suites when neither alone admits a fix', async () => {
    const both = catalog()
      .platform('1.0.0', { alpha: '^1.0.0', beta: '^1.0.0' })
      .suite('alpha', '1.0.0', { lib: '~1.0.0' })
      .suite('alpha', '1.1.0', { lib: '~1.1.0' })
      .suite('beta', '1.0.0', { lib: '~1.0.0' })
      .suite('beta', '1.1.0', { lib: '~1.1.0' })
      .capability('lib', ['1.0.0', '1.1.0'])
      .advisory({ id: 'LIB-1', severity: 'critical', capability: 'lib', affected: '<1.1.0' });
    const outcome = await compile(both, { pins: { suites: { alpha: '1.0.0', beta: '1.0.0' } } });
    expect(versionsOf(outcome)).toEqual({
      platform: '1.0.0',
      suites: { alpha: '1.1.0', beta: '1.1.0' },
      capabilities: { lib: '1.1.0' },
    });
  });
});

describe('step 6: escalation to the platform', () => {
  /** No shop release inside ~1.0.0 admits the fix; platform 1.2.0 allows shop ^1.1.0, which does. */
  const cat = () =>
    catalog()
      .platform('1.0.0', { shop: '~1.0.0' })
      .platform('1.1.0', { shop: '~1.0.0' })
      .platform('1.2.0', { shop: '^1.1.0' })
      .platform('1.3.0', { shop: '^1.1.0' })
      .suite('shop', '1.0.0', { payments: '~1.2.0' })
      .suite('shop', '1.0.1', { payments: '~1.2.0' })
      .suite('shop', '1.1.0', { payments: '^1.3.0' })
      .suite('shop', '1.2.0', { payments: '^1.3.0' })
      .capability('payments', ['1.2.0', '1.3.1', '1.3.2'])
      .advisory({ id: 'PAY-1', severity: 'critical', capability: 'payments', affected: '<1.3.0' });

  it('raises the platform to its lowest release that admits a fix when no suite release does', async () => {
    const outcome = await compile(cat(), { pins: { platform: '1.0.0' } });
    expect(versionsOf(outcome)).toEqual({
      platform: '1.2.0',
      suites: { shop: '1.1.0' },
      capabilities: { payments: '1.3.1' },
    });
    expect(patchRows(outcome.manifest.security.patches)).toEqual([
      'platform 1.0.0 -> 1.2.0',
      'suite:shop 1.0.1 -> 1.1.0',
      'capability:payments 1.2.0 -> 1.3.1',
    ]);
    expect(outcome.manifest.security.patches[0]?.overrides).toEqual(["pins.platform '1.0.0'"]);
  });

  it('raises the platform for an advisory against a suite no release inside the platform range fixes', async () => {
    const suiteAdvisory = catalog()
      .platform('1.0.0', { shop: '~1.0.0' })
      .platform('1.1.0', { shop: '^1.1.0' })
      .suite('shop', '1.0.0', { payments: '^1.2.0' })
      .suite('shop', '1.0.1', { payments: '^1.2.0' })
      .suite('shop', '1.1.0', { payments: '^1.2.0' })
      .capability('payments', '1.2.0')
      .advisory({ id: 'SHOP-1', severity: 'critical', suite: 'shop', affected: '<1.1.0' });
    const outcome = await compile(suiteAdvisory, { pins: { platform: '1.0.0' } });
    expect(versionsOf(outcome)).toMatchObject({ platform: '1.1.0', suites: { shop: '1.1.0' } });
    expect(patchRows(outcome.manifest.security.patches)).toEqual([
      'platform 1.0.0 -> 1.1.0',
      'suite:shop 1.0.1 -> 1.1.0',
    ]);
  });
});

describe('step 6: a raised parent must still fit its children', () => {
  // Found by the property test (compile-security) against 8a93e2c/9c822c1, where step 6 raised a parent
  // to a release no child release fits and left the child outside the new range; fixed in be2d2d9.
  // SPEC 3.6: the replacement "fits the compatibility ranges"; "If still nothing fits, compile fails".
  it('fails rather than raise the platform to a release no suite release fits', async () => {
    const cat = catalog()
      .platform('1.0.0', { shop: '^1.0.0' })
      .platform('2.0.0', { shop: '^2.0.0' })
      .suite('shop', '1.0.0', { payments: '^1.0.0' })
      .capability('payments', '1.0.0')
      .advisory({ id: 'P-1', severity: 'critical', platform: true, affected: '1.0.0' });
    const error = await compile(cat, { pins: { platform: '1.0.0' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnpatchableError);
  });

  it('fails rather than raise a suite to a release no capability release fits', async () => {
    const cat = catalog()
      .platform('1.0.0', { shop: '^1.0.0' })
      .suite('shop', '1.0.0', { payments: '^1.0.0' })
      .suite('shop', '1.1.0', { payments: '^2.0.0' })
      .capability('payments', '1.0.0')
      .advisory({ id: 'S-1', severity: 'critical', suite: 'shop', affected: '1.0.0' });
    const error = await compile(cat, { pins: { suites: { shop: '1.0.0' } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnpatchableError);
  });

  it('skips such a release and takes the lowest higher one that fits', async () => {
    const cat = catalog()
      .platform('1.0.0', { shop: '^1.0.0' })
      .platform('2.0.0', { shop: '^2.0.0' })
      .platform('2.1.0', { shop: '^1.0.0' })
      .suite('shop', '1.0.0', { payments: '^1.0.0' })
      .capability('payments', '1.0.0')
      .advisory({ id: 'P-1', severity: 'critical', platform: true, affected: '1.0.0' });
    const outcome = await compile(cat, { pins: { platform: '1.0.0' } });
    expect(versionsOf(outcome)).toMatchObject({ platform: '2.1.0', suites: { shop: '1.0.0' } });
  });
});

describe('step 6: no fix at all', () => {
  const hopeless = () =>
    catalog()
      .platform('1.0.0', { shop: '^1.0.0' })
      .suite('shop', '1.0.0', { payments: '^1.0.0' })
      .capability('payments', ['1.0.0', '1.1.0'])
      .capability('payments', '1.2.0', { yanked: true })
      .advisory({ id: 'PAY-9', severity: 'critical', capability: 'payments', affected: '<1.2.0' });

  it('fails with an UnpatchableError naming the advisory', async () => {
    const error = await compile(hopeless()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnpatchableError);
    const e = error as UnpatchableError;
    expect(e.code).toBe('E_UNPATCHABLE');
    expect(e.advisory).toBe('PAY-9');
    expect(e.message).toContain('PAY-9');
    expect(e.message).toContain('security.waivers');
    expect(e.diagnostics[0]?.file).toMatch(/^catalog\//);
  });

  it('does not take a lower unaffected release (only releases above the current one)', async () => {
    const lower = hopeless().advisory({
      id: 'PAY-10',
      severity: 'critical',
      capability: 'payments',
      affected: '1.1.0',
    });
    const error = await compile(lower, { pins: { capabilities: { payments: '1.1.0' } } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnpatchableError);
  });

  it('is waived by a waiver in force', async () => {
    const waivers = [{ advisory: 'PAY-9', until: '2026-12-31', reason: 'no fix yet', approvedBy: 'bob' }];
    const outcome = await compile(hopeless(), { security: { waivers } });
    expect(versionsOf(outcome).capabilities.payments).toBe('1.1.0');
  });

  it('makes `lockstep compile` exit 1 and write no manifest for that environment', async () => {
    const root = await mkdtemp(join(tmpdir(), 'lockstep-unpatchable-'));
    try {
      for (const [path, text] of Object.entries(repo(hopeless()).env('prod').files())) {
        await mkdir(join(root, path, '..'), { recursive: true });
        await writeFile(join(root, path), text);
      }
      const out: string[] = [];
      const err: string[] = [];
      const io = {
        stdout: (t: string) => out.push(t),
        stderr: (t: string) => err.push(t),
        now: () => NOW,
        cwd: root,
      };
      expect(await runCli(['compile', '--root', root], io)).toBe(1);
      expect(err.join('')).toContain('PAY-9');
      expect(await readdir(join(root, 'environments'))).toEqual(['prod.yaml']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
