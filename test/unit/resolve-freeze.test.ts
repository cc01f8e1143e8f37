import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResolveError } from '../../src/core/errors.js';
import {
  type CatalogBuilder,
  catalog,
  compileFiles,
  type EnvSpec,
  NOW,
  repo,
  versionsOf,
} from '../helpers/catalog-builder.js';

/** Version 1 of the catalog: what the committed manifest was compiled from. */
const v1 = () =>
  catalog()
    .platform('1.0.0', { core: '^1.0.0' })
    .suite('core', '1.0.0', { api: '^1.0.0', db: '^2.0.0' })
    .capability('api', '1.0.0')
    .capability('db', '2.0.0');

/** Version 2: newer releases of everything. */
const v2 = () =>
  v1()
    .platform('1.1.0', { core: '^1.0.0' })
    .suite('core', '1.1.0', { api: '^1.0.0', db: '^2.0.0', cache: '^1.0.0' })
    .capability('api', '1.1.0')
    .capability('db', '2.1.0')
    .capability('cache', '1.0.0');

const OLD = { platform: '1.0.0', suites: { core: '1.0.0' }, capabilities: { api: '1.0.0', db: '2.0.0' } };
const NEW = {
  platform: '1.1.0',
  suites: { core: '1.1.0' },
  capabilities: { api: '1.1.0', cache: '1.0.0', db: '2.1.0' },
};

/** The manifest committed while the environment was on auto-update with catalog v1. */
async function committed(): Promise<string> {
  return (await compileFiles(repo(v1()).env('prod').files(), 'prod')).text;
}

async function compileNow(cat: CatalogBuilder, spec: EnvSpec, now = NOW, manifest?: string) {
  const builder = repo(cat).env('prod', spec);
  if (manifest !== undefined) builder.manifest('prod', manifest);
  return compileFiles(builder.files(), 'prod', now);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('step 5: frozen channel', () => {
  it('keeps every version of the current manifest although newer releases exist', async () => {
    const outcome = await compileNow(v2(), { channel: 'frozen' }, NOW, await committed());
    expect(versionsOf(outcome)).toEqual(OLD);
    expect(outcome.freeze).toEqual({ frozen: true, reasons: ['channel frozen'] });
    expect(outcome.manifest.security.patches).toEqual([]);
  });

  it('resolves normally on a first compile (no current manifest)', async () => {
    expect(versionsOf(await compileNow(v2(), { channel: 'frozen' }))).toEqual(NEW);
  });

  it('keeps the manifest versions even when the pins no longer admit them', async () => {
    const outcome = await compileNow(
      v2(),
      { channel: 'frozen', pins: { capabilities: { db: '2.1.0' } } },
      NOW,
      await committed(),
    );
    expect(versionsOf(outcome)).toEqual(OLD);
  });

  it('does not freeze the other channels: they resolve anew over the current manifest', async () => {
    for (const channel of ['auto-update', 'manual-approval'] as const) {
      expect(versionsOf(await compileNow(v2(), { channel }, NOW, await committed()))).toEqual(NEW);
    }
  });

  it('fails with a ResolveError when a frozen version is gone from the catalog', async () => {
    const gone = catalog()
      .platform('1.0.0', { core: '^1.0.0' })
      .suite('core', '1.0.0', { api: '^1.0.0', db: '^2.0.0' })
      .capability('api', '1.0.0')
      .capability('db', '2.0.1');
    const error = await compileNow(gone, { channel: 'frozen' }, NOW, await committed()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResolveError);
    expect((error as ResolveError).message).toContain('capability:db 2.0.0');
  });
});

describe('step 5: hold', () => {
  const hold = { reason: 'rolled back from deploy/prod/42', since: '2026-11-24' };

  it('behaves as frozen on any channel', async () => {
    for (const channel of ['auto-update', 'manual-approval'] as const) {
      const outcome = await compileNow(v2(), { channel, hold }, NOW, await committed());
      expect(versionsOf(outcome)).toEqual(OLD);
      expect(outcome.freeze.frozen).toBe(true);
      expect(outcome.freeze.reasons.join()).toContain('hold');
    }
  });

  it('resolves normally on a first compile', async () => {
    expect(versionsOf(await compileNow(v2(), { hold }))).toEqual(NEW);
  });
});

describe('step 5: freeze windows', () => {
  const freeze = [{ from: '2026-12-20T00:00:00Z', until: '2027-01-04T00:00:00Z', reason: 'Year-end' }];
  const at = (iso: string) => new Date(iso);

  it('is frozen from the first instant of the window (from is inclusive)', async () => {
    const outcome = await compileNow(v2(), { freeze }, at('2026-12-20T00:00:00Z'), await committed());
    expect(versionsOf(outcome)).toEqual(OLD);
    expect(outcome.freeze.reasons).toEqual([
      'freeze window 2026-12-20T00:00:00Z until 2027-01-04T00:00:00Z (Year-end)',
    ]);
  });

  it('is frozen up to the last instant before until', async () => {
    const outcome = await compileNow(v2(), { freeze }, at('2027-01-03T23:59:59.999Z'), await committed());
    expect(versionsOf(outcome)).toEqual(OLD);
  });

  it('is not frozen at until (exclusive) nor before from', async () => {
    for (const now of ['2027-01-04T00:00:00Z', '2026-12-19T23:59:59.999Z']) {
      const outcome = await compileNow(v2(), { freeze }, at(now), await committed());
      expect(outcome.freeze.frozen).toBe(false);
      expect(versionsOf(outcome)).toEqual(NEW);
    }
  });

  it('honours the zone of the window bounds', async () => {
    const zoned = [{ from: '2026-12-20T01:00:00+01:00', until: '2026-12-21T00:00:00+01:00' }];
    const inside = await compileNow(v2(), { freeze: zoned }, at('2026-12-20T00:00:00Z'), await committed());
    expect(inside.freeze.frozen).toBe(true);
    const after = await compileNow(v2(), { freeze: zoned }, at('2026-12-20T23:00:00Z'), await committed());
    expect(after.freeze.frozen).toBe(false);
  });

  it('decides with the clock it is given, not the machine clock', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(at('2026-12-25T00:00:00Z'));
    const outcome = await compileNow(v2(), { freeze }, at('2026-12-01T00:00:00Z'), await committed());
    expect(outcome.freeze.frozen).toBe(false);
    vi.setSystemTime(at('2026-01-01T00:00:00Z'));
    const inside = await compileNow(v2(), { freeze }, at('2026-12-25T00:00:00Z'), await committed());
    expect(inside.freeze.frozen).toBe(true);
  });
});
