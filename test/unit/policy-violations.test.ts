import { describe, expect, it } from 'vitest';
import { type Baseline, evaluateEnvironment } from '../../src/core/evaluate.js';
import type { Repository } from '../../src/core/load/load-repository.js';
import {
  type AdvisorySpec,
  type CatalogBuilder,
  catalog,
  compileFiles,
  type EnvSpec,
  loadFiles,
  NOW,
  repo,
} from '../helpers/catalog-builder.js';

const PAY_1: AdvisorySpec = { id: 'PAY-1', severity: 'critical', capability: 'payments', affected: '<1.2.7' };

const cat = (...advisories: AdvisorySpec[]) => {
  const c = catalog()
    .platform('1.0.0', { shop: '^1.0.0' })
    .suite('shop', '1.0.0', { payments: '^1.2.0' })
    .capability('payments', ['1.2.5', '1.2.7']);
  for (const a of advisories) c.advisory(a);
  return c;
};

const NONE: Baseline = { ref: 'none', deploys: [] };

/** The manifest compiled before any advisory: payments 1.2.5 through a pin. */
async function oldManifest(spec: EnvSpec = {}): Promise<string> {
  const files = repo(cat())
    .env('prod', { ...spec, pins: { capabilities: { payments: '1.2.5' } } })
    .files();
  return (await compileFiles(files, 'prod')).text;
}

async function evaluate(c: CatalogBuilder, spec: EnvSpec | string, manifest?: string, baseline = NONE) {
  const b = repo(c).env('prod', spec);
  if (manifest !== undefined) b.manifest('prod', manifest);
  const r: Repository = await loadFiles(b.files());
  return evaluateEnvironment(r.environments.get('prod')!, r.catalog, baseline, NOW, 'committed');
}

const kinds = (e: { violations: { kind: string }[] }) => e.violations.map((v) => v.kind).sort();

describe('drift', () => {
  it('is a violation when the committed manifest differs from what compile gives', async () => {
    const result = await evaluate(cat(), {}, await oldManifest());
    expect(kinds(result)).toEqual(['drift']);
    expect(result.violations[0]).toMatchObject({
      file: 'environments/prod.manifest.json',
      environment: 'prod',
    });
    expect(result.violations[0]?.message).toContain('run lockstep compile prod');
  });

  it('is a violation when the manifest is missing, and none when it is what compile gives', async () => {
    expect(kinds(await evaluate(cat(), {}))).toEqual(['drift']);
    const current = (await compileFiles(repo(cat()).env('prod').files(), 'prod')).text;
    expect(kinds(await evaluate(cat(), {}, current))).toEqual([]);
  });

  it('is a violation when the manifest is the same JSON written differently', async () => {
    const current = (await compileFiles(repo(cat()).env('prod').files(), 'prod')).text;
    const reformatted = `${JSON.stringify(JSON.parse(current), null, 4)}\n`;
    expect(kinds(await evaluate(cat(), {}, reformatted))).toEqual(['drift']);
  });
});

describe('affected version in the committed manifest', () => {
  it('is a violation, located at the version in the manifest', async () => {
    const result = await evaluate(
      cat(PAY_1),
      { channel: 'frozen' },
      await oldManifest({ channel: 'frozen' }),
    );
    expect(kinds(result)).toEqual(['affected', 'drift']);
    const affected = result.violations.find((v) => v.kind === 'affected')!;
    expect(affected.message).toContain('PAY-1');
    expect(affected.message).toContain('capability:payments 1.2.5');
    expect(affected.file).toBe('environments/prod.manifest.json');
    expect(affected.field).toBe('capabilities.payments.version');
    const text = await oldManifest({ channel: 'frozen' });
    expect(text.split('\n')[affected.line - 1]).toContain('"version": "1.2.5"');
  });

  it('is no violation when the advisory is waived or below security.enforce', async () => {
    const waivers = [{ advisory: 'PAY-1', until: '2026-12-31', reason: 'accepted', approvedBy: 'bob' }];
    const waived = await evaluate(
      cat(PAY_1),
      { channel: 'frozen', security: { waivers } },
      await oldManifest(),
    );
    expect(kinds(waived)).not.toContain('affected');
    const low = await evaluate(
      cat({ ...PAY_1, severity: 'high' }),
      { channel: 'frozen' },
      await oldManifest(),
    );
    expect(kinds(low)).not.toContain('affected');
  });
});

describe('expired waiver', () => {
  const envText = (until: string) => `apiVersion: lockstep/v1
kind: Environment
name: prod
channel: auto-update
security:
  waivers:
    - advisory: PAY-1
      until: ${until}
      reason: accepted for now
      approvedBy: bob
`;

  it('is a violation located at its until, and waives nothing', async () => {
    const result = await evaluate(cat(PAY_1), envText('2026-11-30'));
    const expired = result.violations.find((v) => v.kind === 'expired-waiver');
    expect(expired).toMatchObject({
      file: 'environments/prod.yaml',
      line: 8,
      field: 'security.waivers[0].until',
    });
    expect(expired?.message).toContain('PAY-1');
    expect(result.compiled?.manifest.security.waivers).toEqual([]);
  });

  it('is in force through its until day (UTC)', async () => {
    expect(kinds(await evaluate(cat(PAY_1), envText('2026-12-01')))).not.toContain('expired-waiver');
  });

  it('is a violation even for an advisory that no longer affects anything', async () => {
    const result = await evaluate(cat(), envText('2026-01-31'));
    expect(kinds(result)).toContain('expired-waiver');
  });

  // Was a bug in 8a93e2c..be2d2d9 (evaluateEnvironment returned only 'unpatchable'); fixed in the
  // working tree during this session. SPEC 4: "Always a violation: ... an expired waiver."
  it('is reported even when compile fails on the advisory it covered', async () => {
    const noFix = catalog()
      .platform('1.0.0', { shop: '^1.0.0' })
      .suite('shop', '1.0.0', { payments: '^1.2.0' })
      .capability('payments', '1.2.5')
      .advisory(PAY_1);
    const result = await evaluate(noFix, envText('2026-11-30'));
    expect(kinds(result)).toContain('unpatchable');
    expect(kinds(result)).toContain('expired-waiver');
  });
});

describe('other violations', () => {
  it('an advisory with no fix is an unpatchable violation in evaluate (not a thrown error)', async () => {
    const noFix = catalog()
      .platform('1.0.0', { shop: '^1.0.0' })
      .suite('shop', '1.0.0', { payments: '^1.2.0' })
      .capability('payments', '1.2.5')
      .advisory(PAY_1);
    const result = await evaluate(noFix, {});
    expect(kinds(result)).toEqual(['unpatchable']);
    expect(result.violations[0]?.message).toContain('PAY-1');
  });

  it('a blocked verdict is a violation', async () => {
    const deployed = (await compileFiles(repo(cat()).env('prod').files(), 'prod')).manifest;
    const upgraded = cat().capability('payments', '1.3.0');
    const baseline: Baseline = {
      ref: 'deploy/prod/1',
      manifest: deployed,
      deploys: [{ tag: 'deploy/prod/1', digest: deployed.digest }],
    };
    // Frozen, but the committed manifest carries an upgrade compiled while on auto-update.
    const committed = (await compileFiles(repo(upgraded).env('prod').files(), 'prod')).text;
    const result = await evaluate(upgraded, { channel: 'frozen' }, committed, baseline);
    expect(result.verdict?.verdict).toBe('blocked');
    expect(kinds(result)).toContain('blocked');
  });
});

describe('rollback through evaluate', () => {
  async function scenario(spec: EnvSpec) {
    const m1 = await compileFiles(repo(cat()).env('prod').files(), 'prod');
    const m2 = await compileFiles(repo(cat().capability('payments', '1.3.0')).env('prod').files(), 'prod');
    const baseline: Baseline = {
      ref: 'deploy/prod/2',
      manifest: m2.manifest,
      deploys: [
        { tag: 'deploy/prod/1', digest: m1.manifest.digest },
        { tag: 'deploy/prod/2', digest: m2.manifest.digest },
      ],
    };
    // A rollback writes the files of deploy/prod/1 back, with a hold.
    const hold = { reason: 'rolled back from deploy/prod/2', since: '2026-11-24' };
    return evaluate(cat().capability('payments', '1.3.0'), { ...spec, hold }, m1.text, baseline);
  }

  it('is allowed while held when no approvers are listed, with no drift', async () => {
    const result = await scenario({});
    expect(result.change).toMatchObject({ rollback: true, rollbackTo: 'deploy/prod/1' });
    expect(result.verdict?.verdict).toBe('allowed');
    expect(result.violations).toEqual([]);
  });

  it('needs approval while held when approvers are listed', async () => {
    const result = await scenario({ approvals: { required: 1, approvers: ['alice'] } });
    expect(result.verdict?.verdict).toBe('needs-approval');
    expect(result.violations).toEqual([]);
  });
});
