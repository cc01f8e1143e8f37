import { describe, expect, it } from 'vitest';
import {
  type AdvisorySpec,
  type CatalogBuilder,
  catalog,
  compileFiles,
  type EnvSpec,
  NOW,
  repo,
  versionsOf,
} from '../helpers/catalog-builder.js';

const PAY_1: AdvisorySpec = { id: 'PAY-1', severity: 'critical', capability: 'payments', affected: '<1.3.1' };
const waiverOf = (advisory: string) => ({
  advisory,
  until: '2026-12-31',
  reason: 'accepted',
  approvedBy: 'bob',
});

/** shop 1.0.0 allows payments ~1.2.0 only; shop 1.2.0 allows the fix 1.3.1. */
const cat = (...advisories: AdvisorySpec[]) => {
  const c = catalog()
    .platform('1.0.0', { shop: '^1.0.0' })
    .suite('shop', '1.0.0', { payments: '~1.2.0', ledger: '^1.0.0' })
    .suite('shop', '1.2.0', { payments: '^1.3.0', ledger: '^1.0.0', audit: '^1.0.0' })
    .capability('payments', ['1.2.0', '1.3.0', '1.3.1', '1.4.0'])
    .capability('ledger', ['1.0.0', '1.1.0'])
    .capability('audit', ['1.0.0', '1.1.0']);
  for (const a of advisories) c.advisory(a);
  return c;
};

/** The manifest committed before the advisory: shop 1.0.0 (pinned then), payments 1.2.0. */
async function original(): Promise<string> {
  const files = repo(cat())
    .env('prod', { pins: { suites: { shop: '1.0.0' } } })
    .files();
  return (await compileFiles(files, 'prod')).text;
}

async function compileOver(c: CatalogBuilder, spec: EnvSpec, manifest: string, now = NOW) {
  return compileFiles(repo(c).env('prod', spec).manifest('prod', manifest).files(), 'prod', now);
}

describe('frozen environment with a recorded patch', () => {
  const frozen: EnvSpec = { channel: 'frozen' };

  it('patches from the current manifest, escalating through the suite', async () => {
    const patched = await compileOver(cat(PAY_1), frozen, await original());
    expect(versionsOf(patched)).toEqual({
      platform: '1.0.0',
      suites: { shop: '1.2.0' },
      capabilities: { audit: '1.1.0', ledger: '1.1.0', payments: '1.3.1' },
    });
    // ledger still fits and keeps its version; audit is newly required by shop 1.2.0.
    expect(patched.manifest.security.patches.map((p) => [p.item, p.from, p.to])).toEqual([
      ['suite:shop', '1.0.0', '1.2.0'],
      ['capability:audit', null, '1.1.0'],
      ['capability:payments', '1.2.0', '1.3.1'],
    ]);
  });

  it('changes nothing when compiled again: identical bytes', async () => {
    const patched = await compileOver(cat(PAY_1), frozen, await original());
    const again = await compileOver(cat(PAY_1), frozen, patched.text);
    expect(again.changed).toBe(false);
    expect(again.text).toBe(patched.text);
    // Newer releases published since do not leak in either.
    const newer = cat(PAY_1).capability('ledger', '1.2.0').capability('payments', '1.3.2');
    expect((await compileOver(newer, frozen, patched.text)).text).toBe(patched.text);
  });

  it('returns each item to its `from` once the advisory is waived', async () => {
    const first = await original();
    const patched = await compileOver(cat(PAY_1), frozen, first);
    const waived = await compileOver(
      cat(PAY_1),
      { ...frozen, security: { waivers: [waiverOf('PAY-1')] } },
      patched.text,
    );
    expect(versionsOf(waived)).toEqual({
      platform: '1.0.0',
      suites: { shop: '1.0.0' },
      capabilities: { ledger: '1.1.0', payments: '1.2.0' },
    });
    expect(waived.manifest.security.patches).toEqual([]);
    expect(waived.manifest.security.waivers).toEqual([waiverOf('PAY-1')]);
  });

  it('returns each item to its `from` once the advisory is withdrawn, byte for byte the frozen original', async () => {
    const first = await original();
    const patched = await compileOver(cat(PAY_1), frozen, first);
    const withdrawn = await compileOver(cat(), frozen, patched.text);
    const frozenOriginal = await compileOver(cat(), frozen, first);
    expect(withdrawn.text).toBe(frozenOriginal.text);
  });

  it('moves on from the original `from` when the recorded fix becomes affected too', async () => {
    const patched = await compileOver(cat(PAY_1), frozen, await original());
    const second: AdvisorySpec = {
      id: 'PAY-2',
      severity: 'critical',
      capability: 'payments',
      affected: '1.3.1',
    };
    const later = await compileOver(cat(PAY_1, second).capability('payments', '1.3.2'), frozen, patched.text);
    expect(versionsOf(later).capabilities.payments).toBe('1.3.2');
    const row = later.manifest.security.patches.find((p) => p.item === 'capability:payments');
    expect(row).toMatchObject({ from: '1.2.0', to: '1.3.2' });
  });

  it('keeps the patch while in a freeze window and under hold, as on the frozen channel', async () => {
    const window = [{ from: '2026-11-01T00:00:00Z', until: '2027-01-01T00:00:00Z' }];
    const hold = { reason: 'rolled back', since: '2026-11-24' };
    for (const spec of [{ freeze: window }, { hold }] satisfies EnvSpec[]) {
      const patched = await compileOver(cat(PAY_1), spec, await original());
      expect(versionsOf(patched).capabilities.payments).toBe('1.3.1');
      const again = await compileOver(cat(PAY_1), spec, patched.text);
      expect(again.text).toBe(patched.text);
    }
  });
});
