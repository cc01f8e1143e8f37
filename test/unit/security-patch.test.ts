import { describe, expect, it } from 'vitest';
import {
  type AdvisorySpec,
  catalog,
  compileFiles,
  type EnvSpec,
  repo,
  versionsOf,
} from '../helpers/catalog-builder.js';

const PAY_0042: AdvisorySpec = {
  id: 'ACME-2026-0042',
  severity: 'critical',
  capability: 'payments',
  affected: '<1.2.2',
};

/** payments: 1.2.0 and 1.2.1 affected by ACME-2026-0042, 1.2.2 yanked, 1.2.3 the lowest fix. */
const shop = (...advisories: AdvisorySpec[]) => {
  const c = catalog()
    .platform('1.0.0', { shop: '^1.0.0' })
    .suite('shop', '1.0.0', { payments: '^1.2.0', ledger: '^1.0.0' })
    .capability('payments', ['1.2.0', '1.2.1', '1.2.3', '1.2.4', '1.3.0'])
    .capability('payments', '1.2.2', { yanked: true })
    .capability('ledger', ['1.0.0', '1.1.0']);
  for (const a of advisories) c.advisory(a);
  return c;
};

/** The manifest committed before any advisory was known: payments 1.2.0 through a hard pin. */
async function committedBefore(spec: EnvSpec = {}): Promise<string> {
  const files = repo(shop())
    .env('prod', { ...spec, pins: { capabilities: { payments: '1.2.0' } } })
    .files();
  return (await compileFiles(files, 'prod')).text;
}

async function compileWith(spec: EnvSpec, advisories: AdvisorySpec[], manifest?: string) {
  const builder = repo(shop(...advisories)).env('prod', spec);
  if (manifest !== undefined) builder.manifest('prod', manifest);
  return compileFiles(builder.files(), 'prod');
}

describe('step 6: an enforced advisory replaces the affected release', () => {
  it('by the lowest non-yanked unaffected release above the current one, not the highest, overriding a pin', async () => {
    const outcome = await compileWith({ pins: { capabilities: { payments: '1.2.0' } } }, [PAY_0042]);
    expect(versionsOf(outcome).capabilities).toEqual({ ledger: '1.1.0', payments: '1.2.3' });
    expect(outcome.manifest.security.patches).toEqual([
      {
        advisory: 'ACME-2026-0042',
        severity: 'critical',
        item: 'capability:payments',
        from: '1.2.0',
        to: '1.2.3',
        overrides: ["pins.capabilities.payments '1.2.0'"],
      },
    ]);
  });

  it('records no pin override when the fix is still inside the pin', async () => {
    const spec: EnvSpec = { channel: 'frozen', pins: { capabilities: { payments: '^1.2.0' } } };
    const outcome = await compileWith(spec, [PAY_0042], await committedBefore());
    expect(outcome.manifest.security.patches[0]).toMatchObject({
      from: '1.2.0',
      to: '1.2.3',
      overrides: ['channel frozen'],
    });
  });

  it('overrides a frozen channel and records it', async () => {
    const outcome = await compileWith({ channel: 'frozen' }, [PAY_0042], await committedBefore());
    expect(versionsOf(outcome).capabilities).toEqual({ ledger: '1.1.0', payments: '1.2.3' });
    expect(outcome.manifest.security.patches).toEqual([
      expect.objectContaining({
        item: 'capability:payments',
        from: '1.2.0',
        to: '1.2.3',
        overrides: ['channel frozen'],
      }),
    ]);
  });

  it('applies on hold as well, and records the hold', async () => {
    const hold = { reason: 'rolled back from deploy/prod/7', since: '2026-11-24' };
    const outcome = await compileWith({ hold }, [PAY_0042], await committedBefore());
    expect(versionsOf(outcome).capabilities.payments).toBe('1.2.3');
    expect(outcome.manifest.security.patches[0]?.overrides).toEqual([
      'hold since 2026-11-24: rolled back from deploy/prod/7',
    ]);
  });

  it('records that a patch on manual-approval needs no approval', async () => {
    const outcome = await compileWith({ channel: 'manual-approval' }, [PAY_0042], await committedBefore());
    // Not frozen: resolves anew to 1.3.0, which is not affected; nothing to patch.
    expect(outcome.manifest.security.patches).toEqual([]);
    const pinned = await compileWith(
      { channel: 'manual-approval', pins: { capabilities: { payments: '1.2.0' } } },
      [PAY_0042],
    );
    expect(pinned.manifest.security.patches[0]?.overrides).toEqual([
      "pins.capabilities.payments '1.2.0'",
      'channel manual-approval (no approval needed for an enforced patch)',
    ]);
  });

  it('skips a fix that another enforced advisory affects', async () => {
    const second: AdvisorySpec = {
      id: 'ACME-2026-0050',
      severity: 'critical',
      capability: 'payments',
      affected: '1.2.3',
    };
    const outcome = await compileWith({ pins: { capabilities: { payments: '1.2.0' } } }, [PAY_0042, second]);
    expect(versionsOf(outcome).capabilities.payments).toBe('1.2.4');
  });

  it('leaves an item alone when the chosen release is not affected', async () => {
    const outcome = await compileWith({}, [PAY_0042]);
    expect(versionsOf(outcome).capabilities.payments).toBe('1.3.0');
    expect(outcome.manifest.security.patches).toEqual([]);
  });

  it('patches suites and the platform the same way', async () => {
    const cat = catalog()
      .platform('1.0.0', { shop: '^1.0.0' })
      .platform('1.0.1', { shop: '^1.0.0' })
      .platform('1.0.2', { shop: '^1.0.0' })
      .suite('shop', '1.0.0', { ledger: '^1.0.0' })
      .suite('shop', '1.0.1', { ledger: '^1.0.0' })
      .suite('shop', '1.0.2', { ledger: '^1.0.0' })
      .capability('ledger', '1.0.0')
      .advisory({ id: 'P-1', severity: 'critical', platform: true, affected: '1.0.0' })
      .advisory({ id: 'S-1', severity: 'critical', suite: 'shop', affected: '1.0.0' });
    const pins = { platform: '1.0.0', suites: { shop: '1.0.0' } };
    const outcome = await compileFiles(repo(cat).env('prod', { pins }).files(), 'prod');
    expect(versionsOf(outcome)).toMatchObject({ platform: '1.0.1', suites: { shop: '1.0.1' } });
    expect(outcome.manifest.security.patches.map((p) => [p.advisory, p.item, p.from, p.to])).toEqual([
      ['P-1', 'platform', '1.0.0', '1.0.1'],
      ['S-1', 'suite:shop', '1.0.0', '1.0.1'],
    ]);
  });
});

describe('security.enforce', () => {
  const high: AdvisorySpec = { ...PAY_0042, id: 'H-1', severity: 'high' };
  const moderate: AdvisorySpec = { ...PAY_0042, id: 'M-1', severity: 'moderate' };
  const pins = { capabilities: { payments: '1.2.0' } };

  it('enforces only critical by default', async () => {
    const outcome = await compileWith({ pins }, [high]);
    expect(versionsOf(outcome).capabilities.payments).toBe('1.2.0');
    expect(outcome.policy.enforced).toEqual([]);
  });

  it('enforces high and critical with enforce: high', async () => {
    const outcome = await compileWith({ pins, security: { enforce: 'high' } }, [high, moderate]);
    expect(versionsOf(outcome).capabilities.payments).toBe('1.2.3');
    expect(outcome.manifest.security.patches.map((p) => p.advisory)).toEqual(['H-1']);
    const critical = await compileWith({ pins, security: { enforce: 'high' } }, [PAY_0042]);
    expect(versionsOf(critical).capabilities.payments).toBe('1.2.3');
  });

  it('does not enforce moderate with enforce: high, and does with enforce: low', async () => {
    expect(
      versionsOf(await compileWith({ pins, security: { enforce: 'high' } }, [moderate])).capabilities
        .payments,
    ).toBe('1.2.0');
    expect(
      versionsOf(await compileWith({ pins, security: { enforce: 'low' } }, [moderate])).capabilities.payments,
    ).toBe('1.2.3');
  });
});

describe('waivers', () => {
  const pins = { capabilities: { payments: '1.2.0' } };
  const waiver = (until: string) => ({
    advisory: 'ACME-2026-0042',
    until,
    reason: 'vendor fix pending',
    approvedBy: 'bob',
  });

  it('a waiver in force (through its until day, UTC) waives, and the manifest records it', async () => {
    // The clock is 2026-12-01T12:00:00Z.
    const outcome = await compileWith({ pins, security: { waivers: [waiver('2026-12-01')] } }, [PAY_0042]);
    expect(versionsOf(outcome).capabilities.payments).toBe('1.2.0');
    expect(outcome.manifest.security.patches).toEqual([]);
    expect(outcome.manifest.security.waivers).toEqual([waiver('2026-12-01')]);
  });

  it('an expired waiver waives nothing and is not recorded', async () => {
    const outcome = await compileWith({ pins, security: { waivers: [waiver('2026-11-30')] } }, [PAY_0042]);
    expect(versionsOf(outcome).capabilities.payments).toBe('1.2.3');
    expect(outcome.manifest.security.waivers).toEqual([]);
    expect(outcome.policy.expired).toEqual([waiver('2026-11-30')]);
  });

  it('a waiver of one advisory does not waive another on the same item', async () => {
    const other: AdvisorySpec = { ...PAY_0042, id: 'ACME-2026-0043' };
    const outcome = await compileWith({ pins, security: { waivers: [waiver('2027-01-01')] } }, [
      PAY_0042,
      other,
    ]);
    expect(outcome.manifest.security.patches.map((p) => p.advisory)).toEqual(['ACME-2026-0043']);
  });

  it('records waivers in force sorted by advisory', async () => {
    const waivers = [
      { ...waiver('2027-01-01'), advisory: 'Z-1' },
      { ...waiver('2027-01-01'), advisory: 'A-1' },
    ];
    const outcome = await compileWith({ security: { waivers } }, []);
    expect(outcome.manifest.security.waivers.map((w) => w.advisory)).toEqual(['A-1', 'Z-1']);
  });
});
