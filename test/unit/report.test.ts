import { describe, expect, it } from 'vitest';
import { compileEnvironment } from '../../src/core/compile.js';
import { type Baseline, evaluateEnvironment } from '../../src/core/evaluate.js';
import { loadRepository, type Repository } from '../../src/core/load/load-repository.js';
import { createValidators } from '../../src/core/load/schema-check.js';
import { buildReport, type DeployInfo, type Report } from '../../src/core/report/build-report.js';
import { renderHtml } from '../../src/core/report/render-html.js';
import { renderMarkdown } from '../../src/core/report/render-markdown.js';
import { CATALOG, repoFiles } from '../helpers/fixture-repo.js';
import { memoryReader } from '../helpers/memory-reader.js';

// The report is built from plain data with a fixed clock: waiver and freeze statuses are judged at NOW.
const NOW = new Date('2026-11-24T12:00:00Z');
const validators = createValidators();

const waiver = (advisory: string, until: string, reason = 'accepted for now') =>
  `    - { advisory: ${advisory}, until: ${until}, reason: ${JSON.stringify(reason)}, approvedBy: bob }\n`;

// prod-eu: held and inside a freeze window, pinned to payments 1.2.5 (patched to 1.2.7 by the
// fixture's critical advisory), with waivers around every status boundary. staging: no manifest.
const PROD = [
  'channel: manual-approval',
  'pins:',
  '  capabilities: { payments: 1.2.5 }',
  'approvals: { required: 1, approvers: [alice] }',
  'freeze:',
  '  - { from: 2026-11-20T00:00:00Z, until: 2026-11-30T00:00:00Z, reason: Audit }',
  '  - { from: 2026-12-20T00:00:00Z, until: 2027-01-04T00:00:00Z, reason: Year-end }',
  '  - { from: 2026-01-01T00:00:00Z, until: 2026-01-02T00:00:00Z }',
  'hold: { reason: "rolled back from deploy/prod-eu/3", since: 2026-11-23 }',
  'security:',
  '  waivers:',
  `${waiver('ACME-2026-0100', '2027-06-01', 'pipe | and\nnewline')}${waiver('ACME-2026-0101', '2026-12-08')}${waiver('ACME-2026-0102', '2026-12-07')}${waiver('ACME-2026-0103', '2026-11-24')}${waiver('ACME-2026-0104', '2026-11-23')}`,
].join('\n');

/** The fixture with prod-eu's manifest compiled and committed; staging has none. */
async function fixture(catalog = CATALOG): Promise<Repository> {
  const envs = { 'prod-eu': PROD, staging: 'channel: auto-update\n' };
  const files = repoFiles(envs, { 'catalog/catalog.yaml': catalog });
  const first = await loadRepository(memoryReader(files), validators);
  const prod = first.environments.get('prod-eu')!;
  files[prod.manifestPath] = compileEnvironment(prod, first.catalog, NOW).text;
  return loadRepository(memoryReader(files), validators);
}

const downgrade = {
  item: 'suite:billing',
  from: '2.2.0',
  to: '2.1.3',
  class: 'downgrade',
  why: 'older release (pin or range changed)',
} as const;

async function reportOf(repo: Repository): Promise<Report> {
  const prod = repo.environments.get('prod-eu')!;
  const digest = prod.manifest!.digest;
  const deploys: DeployInfo[] = [
    {
      tag: 'deploy/prod-eu/2',
      n: 2,
      time: '2026-11-23T10:00:00Z',
      digest,
      by: 'carol',
      verdict: 'allowed',
      changes: [downgrade],
    },
    {
      tag: 'deploy/prod-eu/1',
      n: 1,
      time: '2026-11-22T10:00:00Z',
      digest: `sha256:${'1'.repeat(64)}`,
      commit: 'c0ffee'.repeat(6),
    },
  ];
  const environments = [...repo.environments.values()].map((entry) => {
    const mine = entry.name === 'prod-eu' ? deploys : [];
    const baseline: Baseline = {
      ref: mine.length ? 'deploy/prod-eu/2' : 'none',
      deploys: mine.map((d) => ({ tag: d.tag, digest: d.digest })),
      ...(entry.manifest && mine.length ? { manifest: entry.manifest, config: entry.config } : {}),
    };
    return {
      config: entry.config,
      ...(entry.manifest ? { manifest: entry.manifest } : {}),
      evaluation: evaluateEnvironment(entry, repo.catalog, baseline, NOW, 'committed'),
      baselineRef: baseline.ref,
      deploys: mine,
    };
  });
  return buildReport({ environments }, NOW);
}

describe('buildReport', () => {
  it('summarises every environment at the top', async () => {
    const report = await reportOf(await fixture());
    expect(report).toMatchObject({
      apiVersion: 'lockstep/v1',
      kind: 'Report',
      generatedAt: '2026-11-24T12:00:00.000Z',
      ok: false,
    });
    expect(report.summary).toEqual({
      environments: 2,
      deploys: 2,
      openViolations: 2, // prod-eu's expired waiver, staging's missing manifest
      criticalAdvisoriesPatched: 1,
      waiversExpiringSoon: 2,
      waiversExpired: 1,
      frozenEnvironments: 1,
    });
    expect(report.environments.map((e) => e.name)).toEqual(['prod-eu', 'staging']);
  });

  it('lists deploys oldest first, with nulls where the history says nothing', async () => {
    const prod = (await reportOf(await fixture())).environments[0]!;
    expect(prod.deploys.map((d) => [d.tag, d.by, d.commit, d.verdict])).toEqual([
      ['deploy/prod-eu/1', null, 'c0ffee'.repeat(6), null],
      ['deploy/prod-eu/2', 'carol', null, 'allowed'],
    ]);
    expect(prod.deploys[0]!.changes).toBeNull();
    expect(prod.deploys[1]!.changes).toEqual([downgrade]);
    expect(prod).toMatchObject({ lastDeploy: 'deploy/prod-eu/2', deployed: true });
    expect(prod.pending).toEqual({
      baseline: 'deploy/prod-eu/2',
      verdict: 'allowed',
      reason: 'no change',
      rollback: false,
      changes: [],
    });
  });

  it('shows current versions and the enforced patch with what it overrode', async () => {
    const prod = (await reportOf(await fixture())).environments[0]!;
    expect(prod.manifest).toMatchObject({
      platform: '3.4.0',
      suites: [{ name: 'billing' }, { name: 'identity' }],
    });
    expect(prod.manifest!.capabilities.find((c) => c.name === 'payments')).toMatchObject({
      version: '1.2.7',
      requiredBy: ['billing', 'identity'],
      digest: `sha256:${'a'.repeat(64)}`,
    });
    expect(prod.patches).toHaveLength(1);
    expect(prod.patches[0]).toMatchObject({
      advisory: 'ACME-2026-0042',
      severity: 'critical',
      summary: 'Payment token replay',
      item: 'capability:payments',
      from: '1.2.5',
      to: '1.2.7',
    });
    expect(prod.patches[0]!.overrides.join(' ')).toContain('pins.capabilities.payments');
  });

  it('classes waivers: in force, expiring within 14 days (through the until day), expired', async () => {
    const prod = (await reportOf(await fixture())).environments[0]!;
    expect(prod.waivers.map((w) => [w.advisory, w.status, w.daysLeft])).toEqual([
      ['ACME-2026-0100', 'in-force', 189],
      ['ACME-2026-0101', 'in-force', 14], // ends 2026-12-09T00:00Z: 14.5 days away
      ['ACME-2026-0102', 'expiring-soon', 13],
      ['ACME-2026-0103', 'expiring-soon', 0], // its last day
      ['ACME-2026-0104', 'expired', 0],
    ]);
    expect(prod.violations.map((v) => v.kind)).toEqual(['expired-waiver']);
    expect(prod.violations[0]!.message).toContain('ACME-2026-0104');
  });

  it('reports hold and freeze windows as the compile sees them at the clock', async () => {
    const prod = (await reportOf(await fixture())).environments[0]!;
    expect(prod.frozen).toBe(true);
    expect(prod.hold).toEqual({ reason: 'rolled back from deploy/prod-eu/3', since: '2026-11-23' });
    expect(prod.frozenReasons.join('\n')).toMatch(/hold since 2026-11-23[\s\S]*freeze window .*Audit/);
    expect(prod.freezeWindows.map((w) => w.status)).toEqual(['active', 'upcoming', 'past']);
  });

  it('reports a missing manifest as the drift violation validate gives', async () => {
    const staging = (await reportOf(await fixture())).environments[1]!;
    expect(staging).toMatchObject({ manifest: null, lastDeploy: null, deployed: false, deploys: [] });
    expect(staging.violations).toEqual([
      expect.objectContaining({ kind: 'drift', file: 'environments/staging.manifest.json' }),
    ]);
  });

  it('reports an unpatchable advisory as a violation, with nothing compiled', async () => {
    const catalog = CATALOG.replace('affected: "<1.2.7"', 'affected: "<9.0.0"');
    const files = repoFiles({ 'prod-eu': PROD }, { 'catalog/catalog.yaml': catalog });
    const repo = await loadRepository(memoryReader(files), validators);
    const entry = repo.environments.get('prod-eu')!;
    const evaluation = evaluateEnvironment(
      entry,
      repo.catalog,
      { ref: 'none', deploys: [] },
      NOW,
      'committed',
    );
    const input = { config: entry.config, evaluation, baselineRef: 'none', deploys: [] };
    const report = buildReport({ environments: [input] }, NOW);
    const prod = report.environments[0]!;
    // The expired waiver is why nothing fits: both are listed.
    expect(prod.violations.map((v) => v.kind)).toEqual(['unpatchable', 'expired-waiver']);
    expect(prod).toMatchObject({ manifest: null, patches: [], pending: { verdict: null, changes: [] } });
    expect(report.ok).toBe(false);
  });

  it('is plain JSON: nothing lost or added by a round trip, no catalog internals', async () => {
    const report = await reportOf(await fixture());
    const text = JSON.stringify(report);
    expect(JSON.parse(text)).toEqual(report);
    expect(text).not.toContain('"origin"');
    expect(text).not.toContain('"environment"');
  });
});

describe('renderMarkdown', () => {
  it('has the summary, then a section per environment with its tables', async () => {
    const md = renderMarkdown(await reportOf(await fixture()));
    expect(md).toMatch(
      /^# Lockstep compliance report\n\nGenerated 2026-11-24T12:00:00\.000Z\. \*\*2 open violation/,
    );
    expect(md).toContain('| 2 | 2 | 2 | 1 | 2 | 1 |');
    expect(md.indexOf('## prod-eu')).toBeLessThan(md.indexOf('## staging'));
    expect(md).toContain('| 2 | deploy/prod-eu/2 | 2026-11-23T10:00:00Z | carol | - |');
    expect(md).toContain('suite:billing 2.2.0 → 2.1.3 (downgrade)');
    expect(md).toMatch(
      /\| ACME-2026-0042 \| critical \| Payment token replay \| capability:payments \| 1\.2\.5 → 1\.2\.7 \|/,
    );
    expect(md).toContain('| ACME-2026-0104 | - | 2026-11-23 | ✖ expired |');
    expect(md).toContain('_No committed manifest: run lockstep compile._');
    expect(md.endsWith('\n')).toBe(true);
    expect(md).not.toMatch(/\n\n\n/);
  });

  it('escapes | and line breaks in cells, so user text cannot break a table', async () => {
    const md = renderMarkdown(await reportOf(await fixture()));
    expect(md).toContain('| bob | pipe \\| and newline |');
    // Every row of a table has as many unescaped pipes as its header.
    for (const block of md.split('\n\n').filter((b) => b.startsWith('|'))) {
      const pipes = block
        .trimEnd()
        .split('\n')
        .map((row) => row.replaceAll('\\|', '').split('|').length);
      expect(new Set(pipes).size).toBe(1);
    }
  });
});

describe('renderHtml', () => {
  const hostile = CATALOG.replace('Payment token replay', 'Replay <script>alert("x")</script> & more');

  it('is one self-contained page: inline CSS, no script, no external resource', async () => {
    const html = renderHtml(await reportOf(await fixture(hostile)));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|url\(/i);
  });

  it('escapes every text, an advisory summary with <script> included', async () => {
    const html = renderHtml(await reportOf(await fixture(hostile)));
    expect(html).toContain('Replay &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(html).not.toContain('<script');
  });

  it('shows the summary cards and status colours for violations and waivers', async () => {
    const html = renderHtml(await reportOf(await fixture()));
    expect(html).toContain(
      '<div class="card bad"><div class="n">2</div><div class="l">Open violations</div>',
    );
    expect(html).toContain(
      '<div class="card warn"><div class="n">2</div><div class="l">Waivers expiring within 14 days</div>',
    );
    expect(html).toContain('<span class="badge bad">expired</span>');
    expect(html).toContain('<span class="badge warn">expiring soon</span>');
    expect(html).toContain(
      '<code>sha256:1111111111111111111111111111111111111111111111111111111111111111</code>',
    );
    expect(html).toMatch(/<tr class="bad"><td>expired-waiver<\/td>/);
  });
});
