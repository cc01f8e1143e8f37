import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fsReader } from '../../src/cli/fs-reader.js';
import type { Manifest } from '../../src/core/generated/schema-types.js';
import { loadRepository } from '../../src/core/load/load-repository.js';
import { createValidators } from '../../src/core/load/schema-check.js';
import { overdueCritical } from '../../src/core/report/overdue-critical.js';
import { EXAMPLES } from './fakes.js';

/** prod-eu as deployed first (payments 1.2.5, affected by the critical ACME-2026-0042 of 2026-11-20). */
async function prodEu() {
  const repo = await loadRepository(fsReader(EXAMPLES), createValidators(), { environments: ['prod-eu'] });
  const record = JSON.parse(await readFile(join(EXAMPLES, '.lockstep/prod-eu/deploys/1.json'), 'utf8'));
  const deployed = JSON.parse(record.files['environments/prod-eu.manifest.json']) as Manifest;
  return { repo, entry: repo.environments.get('prod-eu')!, deployed };
}

describe('overdue critical patches', () => {
  it('counts whole days after publication: overdue only past the grace period', async () => {
    const { repo, entry, deployed } = await prodEu();
    const at = (iso: string, days?: number) =>
      overdueCritical({
        catalog: repo.catalog,
        config: entry.config,
        deployed,
        deployedAs: 'deploy/prod-eu/1',
        now: new Date(iso),
        ...(days !== undefined ? { days } : {}),
      }).map((o) => [o.advisory, o.daysOpen, o.fixCommitted]);
    expect(at('2026-11-27T23:00:00Z')).toEqual([]);
    expect(at('2026-11-28T00:00:00Z')).toEqual([['ACME-2026-0042', 8, false]]);
    expect(at('2026-11-22T00:00:00Z', 1)).toEqual([['ACME-2026-0042', 2, false]]);
  });

  it('notes a waiver in force and a fix committed but not deployed', async () => {
    const { repo, entry, deployed } = await prodEu();
    const config = {
      ...entry.config,
      security: {
        waivers: [{ advisory: 'ACME-2026-0042', until: '2027-01-31', reason: 'r', approvedBy: 'bob' }],
      },
    };
    const [o] = overdueCritical({
      catalog: repo.catalog,
      config,
      deployed,
      deployedAs: 'deploy/prod-eu/1',
      ...(entry.manifest ? { committed: entry.manifest } : {}),
      now: new Date('2026-12-10T00:00:00Z'),
    });
    expect(o).toMatchObject({ version: '1.2.5', fixCommitted: true, waivedUntil: '2027-01-31' });
  });
});
