import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/action/commands/report.js';
import type { Report } from '../../src/core/report/build-report.js';
import { type ReportWorld, reportContext, startReportWorld } from './report-setup.js';

let world: ReportWorld | undefined;
afterEach(async () => {
  if (!world) return;
  try {
    world.fake.assertClean();
  } finally {
    await world.fake.close();
    for (const dir of world.temps) await rm(dir, { recursive: true, force: true });
    world = undefined;
  }
});

/** ACME-2026-0042 (critical, payments <1.2.7) published long before the report. */
async function oldAdvisory(root: string) {
  const path = join(root, 'catalog/advisories.json');
  await writeFile(path, (await readFile(path, 'utf8')).replace('"2026-11-20"', '"2026-10-01"'));
}

describe('action report from GitHub', () => {
  it('lists deploys with their Deployment states, approvers and releases, and flags an overdue critical patch', async () => {
    world = await startReportWorld(oldAdvisory);
    const ctx = await reportContext(world, {
      reportFormat: 'json',
      reportPath: join(world.root, 'out/report.json'),
    });
    const seen = world.fake.requests.length;
    const result = await reportCommand(ctx);
    const report = JSON.parse(await readFile(join(world.root, 'out/report.json'), 'utf8')) as Report;
    const env = (name: string) => report.environments.find((e) => e.name === name)!;

    const staging = env('staging');
    expect(staging.deploys.map((d) => [d.tag, d.deploymentState, d.commit])).toEqual([
      // GitHub marks a Deployment inactive once a later one of the environment succeeds.
      ['deploy/staging/1', 'inactive', world.firstSha],
      ['deploy/staging/2', 'success', world.mergeSha],
    ]);
    expect(staging.deploys[1]).toMatchObject({
      pull: world.pullNumber,
      // alice wrote the PR; bob is no approver of staging: only dana and erin count.
      approvedBy: ['dana', 'erin'],
      approvals: expect.stringMatching(/^2 of 2 approvals \(dana, erin\)/),
      release: expect.stringMatching(/\/releases\/tag\/deploy%2Fstaging%2F2$/),
      deploymentId: expect.any(Number),
    });
    expect(staging.deploys[1]!.changes?.length).toBeGreaterThan(0);
    expect(staging.deploys[0]).toMatchObject({ pull: null, approvedBy: [], release: null });
    expect(staging.deployed).toBe(true);

    const dev = env('dev');
    expect(dev.deployments).toEqual([
      expect.objectContaining({ id: world.failedDeploymentId, state: 'failure', tag: null }),
      expect.objectContaining({ state: 'success', tag: 'deploy/dev/1' }),
    ]);

    const prod = env('prod-eu');
    expect(prod.patches).toEqual([
      expect.objectContaining({ advisory: 'ACME-2026-0042', item: 'capability:payments', to: '1.2.7' }),
    ]);
    expect(prod.waivers).toEqual([
      expect.objectContaining({ advisory: 'ACME-2026-0051', status: 'in-force', approvedBy: 'mkeller' }),
    ]);
    expect(prod.deploys[0]).toMatchObject({ waivers: ['ACME-2026-0051'], patches: [] });
    expect(prod.overdueCritical).toEqual([
      {
        advisory: 'ACME-2026-0042',
        summary: expect.stringMatching(/^Payment token replay/),
        item: 'capability:payments',
        version: '1.2.5',
        deployedAs: 'deploy/prod-eu/1',
        published: '2026-10-01',
        daysOpen: 54,
        fixCommitted: true,
        waivedUntil: null,
      },
    ]);
    expect(report.summary.overdueCritical).toBe(1);
    expect(report.ok).toBe(true);

    // Fails for the overdue patch, as a scheduled report should; the Markdown is the job summary.
    expect(result.failure).toMatch(/1 overdue critical patch/);
    expect(result.outputs).toEqual({ 'report-path': join(world.root, 'out/report.json') });
    expect(result.summary).toMatch(/## Overdue critical patches/);
    expect(result.summary).toMatch(/\| deploy\/staging\/2 \| #\d+ success \| #\d+ \| dana, erin \|/);
    expect(result.environments.map((r) => r.environment)).toEqual(['dev', 'prod-eu', 'staging']);

    // Reads only, none repeated: the merged PR and its reviews once although staging deploys it once
    // and every environment deploys the first commit.
    const ops = world.fake.requests.slice(seen).map((r) => r.operationId ?? r.path);
    expect(ops.every((op) => /^(git|repos|pulls|teams)\/(get|list)/.test(op))).toBe(true);
    expect(ops.filter((op) => op === 'pulls/list-reviews')).toHaveLength(1);
    expect(ops.filter((op) => op === 'repos/list-releases')).toHaveLength(1);
    expect(ops.filter((op) => op === 'repos/list-pull-requests-associated-with-commit')).toHaveLength(2);
    expect(ops.filter((op) => op === 'teams/list-members-in-org')).toHaveLength(1);
  });

  it('writes a self-contained html page; within the grace period nothing is overdue and the step passes', async () => {
    world = await startReportWorld();
    const path = join(world.root, 'lockstep-report.html');
    const ctx = await reportContext(world, { reportFormat: 'html', reportPath: path });
    const result = await reportCommand(ctx);
    expect(result.failure).toBeUndefined();
    const html = await readFile(path, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\s(src|href)\s*=\s*["']?https?:/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).toContain('Deployments and approvals');
    expect(html).toContain('dana, erin');
    expect(html).toContain('Deployments without a deploy tag');
    expect(html).toContain('Overdue critical patches</div>');
    expect(result.summary).toMatch(/No overdue critical patch\./);
  });

  it('fails on violations like lockstep report, and defaults to a Markdown file in the workspace', async () => {
    world = await startReportWorld(async (root) => {
      const path = join(root, 'environments/dev.manifest.json');
      await writeFile(path, (await readFile(path, 'utf8')).replace('"auto-update"', '"frozen"'));
    });
    const ctx = await reportContext(world, {});
    const { reportFormat: _f, reportPath: _p, ...older } = ctx.settings;
    const result = await reportCommand({ ...ctx, settings: older as typeof ctx.settings });
    expect(result.failure).toMatch(/1 open violation\(s\)/);
    expect(result.environments.find((r) => r.environment === 'dev')?.violations).toEqual([
      expect.objectContaining({ kind: 'drift' }),
    ]);
    const md = await readFile(join(world.root, 'lockstep-report.md'), 'utf8');
    expect(md).toMatch(/^# Lockstep compliance report/);
    expect(md).toBe(result.summary);
  });
});
