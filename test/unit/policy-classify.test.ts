import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/generated/schema-types.js';
import { classifyChange } from '../../src/core/policy/classify.js';
import { decideVerdict } from '../../src/core/policy/verdict.js';
import { freezeState } from '../../src/core/resolve/context.js';
import {
  type AdvisorySpec,
  type CatalogBuilder,
  catalog,
  compileFiles,
  type EnvSpec,
  environmentDoc,
  NOW,
  repo,
} from '../helpers/catalog-builder.js';

const v1 = () =>
  catalog()
    .platform('1.0.0', { core: '^1.0.0' })
    .suite('core', '1.0.0', { api: '^1.0.0', db: '^2.0.0' })
    .capability('api', ['1.0.0'])
    .capability('db', ['2.0.0']);
const v2 = () =>
  v1()
    .platform('1.1.0', { core: '^1.0.0' })
    .suite('core', '1.1.0', { api: '^1.0.0', db: '^2.0.0', cache: '^1.0.0' })
    .capability('api', '1.1.0')
    .capability('db', '2.1.0')
    .capability('cache', '1.0.0');
/** core 1.2.0 no longer needs db. */
const v3 = () => v2().suite('core', '1.2.0', { api: '^1.0.0', cache: '^1.0.0' });

async function manifestOf(cat: CatalogBuilder, spec: EnvSpec = {}, committed?: Manifest): Promise<Manifest> {
  const b = repo(cat).env('prod', spec);
  if (committed) b.manifest('prod', `${JSON.stringify(committed, null, 2)}\n`);
  return (await compileFiles(b.files(), 'prod')).manifest;
}

const rows = (m: ReturnType<typeof classifyChange>) =>
  m.changes.map((c) => `${c.item} ${c.from} -> ${c.to} ${c.class}`);

describe('classification of each changed item', () => {
  it('upgrade and added', async () => {
    const change = classifyChange(await manifestOf(v1()), await manifestOf(v2()));
    expect(rows(change)).toEqual([
      'platform 1.0.0 -> 1.1.0 upgrade',
      'suite:core 1.0.0 -> 1.1.0 upgrade',
      'capability:api 1.0.0 -> 1.1.0 upgrade',
      'capability:cache null -> 1.0.0 added',
      'capability:db 2.0.0 -> 2.1.0 upgrade',
    ]);
    expect(change.rollback).toBe(false);
  });

  it('downgrade and removed', async () => {
    const change = classifyChange(
      await manifestOf(v3()),
      await manifestOf(v3(), { pins: { suites: { core: '1.1.0' }, capabilities: { api: '1.0.0' } } }),
    );
    expect(rows(change)).toEqual([
      'suite:core 1.2.0 -> 1.1.0 downgrade',
      'capability:api 1.1.0 -> 1.0.0 downgrade',
      'capability:db null -> 2.1.0 added',
    ]);
    const back = classifyChange(await manifestOf(v2()), await manifestOf(v3()));
    expect(rows(back)).toContain('capability:db 2.1.0 -> null removed');
  });

  it('everything, when there is no earlier manifest, is added', async () => {
    const change = classifyChange(undefined, await manifestOf(v1()));
    expect(change.changes.map((c) => c.class)).toEqual(['added', 'added', 'added', 'added']);
  });

  it('security-patch for an item the new manifest records as an enforced patch', async () => {
    const before = await manifestOf(v1());
    const cat = v1()
      .capability('db', '2.0.1')
      .advisory({ id: 'DB-1', severity: 'critical', capability: 'db', affected: '2.0.0' });
    const after = await manifestOf(cat, { channel: 'frozen' }, before);
    const change = classifyChange(before, after);
    expect(change.changes).toEqual([
      {
        item: 'capability:db',
        from: '2.0.0',
        to: '2.0.1',
        class: 'security-patch',
        advisory: 'DB-1',
        why: 'DB-1 (critical)',
      },
    ]);
  });

  it('stays a security-patch when a recorded patch moves on to the next fix (frozen)', async () => {
    const before = await manifestOf(v1());
    const one: AdvisorySpec = { id: 'DB-1', severity: 'critical', capability: 'db', affected: '2.0.0' };
    const two: AdvisorySpec = { id: 'DB-2', severity: 'critical', capability: 'db', affected: '2.0.1' };
    const patched = await manifestOf(
      v1().capability('db', ['2.0.1']).advisory(one),
      { channel: 'frozen' },
      before,
    );
    const later = await manifestOf(
      v1().capability('db', ['2.0.1', '2.0.2']).advisory(one).advisory(two),
      { channel: 'frozen' },
      patched,
    );
    expect(rows(classifyChange(patched, later))).toEqual(['capability:db 2.0.1 -> 2.0.2 security-patch']);
  });

  // Regression: an item was classified security-patch whenever the new manifest records a patch ending at its
  // new version, even when the old version was not affected and the move comes from a pin change.
  // Here the old manifest had payments 1.1.5 (unaffected); the pin is changed to 1.2.5, which the
  // advisory affects, so step 6 records 1.2.5 -> 1.2.7. classifyChange reports 1.1.5 -> 1.2.7 as a
  // security-patch and manual-approval lets the pin change through without approval.
  // SPEC 4: "security-patch (required by an enforced advisory)"; manual-approval: "no change, or only
  // enforced security patches" is allowed, "any other change" needs approval.
  it('an upgrade made by a pin change is not a security-patch because the new version was then patched', async () => {
    const cat = () =>
      catalog()
        .platform('1.0.0', { shop: '^1.0.0' })
        .suite('shop', '1.0.0', { payments: '^1.0.0' })
        .capability('payments', ['1.1.5', '1.2.5', '1.2.7'])
        .advisory({ id: 'PAY-1', severity: 'critical', capability: 'payments', affected: '>=1.2.0 <1.2.7' });
    const spec: EnvSpec = { channel: 'manual-approval', approvals: { required: 1, approvers: ['alice'] } };
    const before = await manifestOf(cat(), { ...spec, pins: { capabilities: { payments: '~1.1.0' } } });
    const after = await manifestOf(cat(), { ...spec, pins: { capabilities: { payments: '1.2.5' } } });
    const change = classifyChange(before, after);
    expect(rows(change)).toEqual(['capability:payments 1.1.5 -> 1.2.7 upgrade']);
    const config = environmentDoc('prod', spec);
    const gate = { channel: config.channel, freeze: freezeState(config, NOW) };
    expect(decideVerdict(config, gate, change).verdict).toBe('needs-approval');
  });
});

describe('rollback', () => {
  it('is a new manifest whose digest equals an earlier deploy of the environment', async () => {
    const m1 = await manifestOf(v1());
    const m2 = await manifestOf(v2());
    const deploys = [
      { tag: 'deploy/prod/1', digest: m1.digest },
      { tag: 'deploy/prod/2', digest: m2.digest },
    ];
    const change = classifyChange(m2, m1, deploys);
    expect(change.rollback).toBe(true);
    expect(change.rollbackTo).toBe('deploy/prod/1');
    expect(change.changes.map((c) => c.class)).toContain('downgrade');
  });

  it('is not a rollback when the digest matches no earlier deploy, nor when nothing changes', async () => {
    const m1 = await manifestOf(v1());
    const m2 = await manifestOf(v2());
    expect(classifyChange(m2, m1, [{ tag: 'deploy/prod/2', digest: m2.digest }]).rollback).toBe(false);
    const same = classifyChange(m1, m1, [{ tag: 'deploy/prod/1', digest: m1.digest }]);
    expect(same).toMatchObject({ changes: [], rollback: false });
  });

  it('compares whole manifests: same versions with a different channel is not the earlier deploy', async () => {
    const m1 = await manifestOf(v1());
    const frozen = await manifestOf(v1(), { channel: 'frozen' });
    const m2 = await manifestOf(v2());
    expect(classifyChange(m2, frozen, [{ tag: 'deploy/prod/1', digest: m1.digest }]).rollback).toBe(false);
  });
});
