import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/build-report.js';
import { environment, repoFiles } from '../helpers/fixture-repo.js';

// `lockstep report` end to end on the built CLI (run `npm run build` first), in a real Git repository:
// prod-eu is deployed twice (the second time after a pin change), staging never.

const CLI = resolve('dist/cli.js');
const run = promisify(execFile);
// Git must not read the developer's config (signing, hooks, default branch), in git or in the CLI.
const ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

const PROD = (pins: string) =>
  `channel: manual-approval\napprovals: { required: 1, approvers: [alice] }\npins:\n${pins}`;
const PAYMENTS = '  capabilities: { payments: 1.2.5 }\n';
const BILLING = '  suites: { billing: 2.1.x }\n';

type Result = { code: number; stdout: string; stderr: string };

async function exec(file: string, args: readonly string[], cwd: string): Promise<Result> {
  try {
    const { stdout, stderr } = await run(file, [...args], { cwd, env: ENV, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('lockstep report', () => {
  let root: string;
  const digests: string[] = [];
  const git = async (...args: string[]) => {
    const r = await exec('git', args, root);
    expect(r.code, r.stderr).toBe(0);
  };
  const lockstep = (...args: string[]) => exec(process.execPath, [CLI, ...args], root);
  const report = (...args: string[]) => lockstep('report', '--root', root, ...args);
  const deployProd = async () => {
    const text = await readFile(join(root, 'environments/prod-eu.manifest.json'), 'utf8');
    digests.push((JSON.parse(text) as { digest: string }).digest);
    expect((await lockstep('deploy', 'prod-eu')).code).toBe(0);
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'lockstep-report-'));
    const files = repoFiles(
      { 'prod-eu': PROD(PAYMENTS), staging: 'channel: auto-update\n' },
      { '.gitignore': '.lockstep/\n' },
    );
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    }
    await git('init', '-q');
    await git('config', 'user.name', 'Report Tester');
    await git('config', 'user.email', 'tester@example.com');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'environments');
    expect((await lockstep('compile')).code).toBe(0);
    await git('add', '-A');
    await git('commit', '-q', '-m', 'compile');
    await deployProd();
    await writeFile(
      join(root, 'environments/prod-eu.yaml'),
      environment('prod-eu', PROD(PAYMENTS + BILLING)),
    );
    expect((await lockstep('compile')).code).toBe(0);
    await git('commit', '-q', '-a', '-m', 'pin billing to 2.1.x');
    await deployProd();
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('--format json: both deploys with tags, digests, who, commit, verdict and changes', async () => {
    const r = await report('--format', 'json');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const json = JSON.parse(r.stdout) as Report;
    expect(json.summary).toMatchObject({
      environments: 2,
      deploys: 2,
      openViolations: 0,
      criticalAdvisoriesPatched: 1,
    });
    const prod = json.environments.find((e) => e.name === 'prod-eu')!;
    expect(prod.deploys.map((d) => [d.tag, d.digest, d.by])).toEqual([
      ['deploy/prod-eu/1', digests[0], 'Report Tester'],
      ['deploy/prod-eu/2', digests[1], 'Report Tester'],
    ]);
    expect(prod.deploys[1]!.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(prod.deploys[1]).toMatchObject({ verdict: 'needs-approval' });
    expect(prod.deploys[1]!.changes).toEqual([
      expect.objectContaining({ item: 'suite:billing', from: '2.2.0', to: '2.1.3', class: 'downgrade' }),
    ]);
    expect(prod).toMatchObject({
      lastDeploy: 'deploy/prod-eu/2',
      deployed: true,
      channel: 'manual-approval',
    });
    expect(prod.manifest).toMatchObject({ digest: digests[1], platform: '3.4.0' });
  });

  it('--json: the patch of ACME-2026-0042 over the payments pin', async () => {
    const json = JSON.parse((await report('--json')).stdout) as Report;
    const prod = json.environments.find((e) => e.name === 'prod-eu')!;
    expect(prod.patches).toEqual([
      expect.objectContaining({
        advisory: 'ACME-2026-0042',
        severity: 'critical',
        summary: 'Payment token replay',
        item: 'capability:payments',
        from: '1.2.5',
        to: '1.2.7',
      }),
    ]);
    expect(prod.patches[0]!.overrides.join(' ')).toContain('pins.capabilities.payments');
    const staging = json.environments.find((e) => e.name === 'staging')!;
    expect(staging).toMatchObject({ lastDeploy: null, deploys: [], violations: [] });
  });

  it('md (the default): summary, deploys and patches as Markdown tables', async () => {
    const r = await report();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Lockstep compliance report\n/);
    expect(r.stdout).toContain('## prod-eu');
    expect(r.stdout).toMatch(/\| 1 \| deploy\/prod-eu\/1 \|/);
    expect(r.stdout).toMatch(
      /\| 2 \| deploy\/prod-eu\/2 \|.*\| needs-approval \| suite:billing 2\.2\.0 → 2\.1\.3/,
    );
    for (const digest of digests) expect(r.stdout).toContain(`\`${digest}\``);
    expect(r.stdout).toMatch(
      /\| ACME-2026-0042 \| critical \| .* \| capability:payments \| 1\.2\.5 → 1\.2\.7 \|/,
    );
    const undated = (md: string) => md.replace(/^Generated \S+/m, '');
    expect(undated((await report('--format', 'md')).stdout)).toBe(undated(r.stdout));
  });

  it('--format html: one page with the deploys, digests and the patch', async () => {
    const r = await report('--format', 'html');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
    for (const tag of ['deploy/prod-eu/1', 'deploy/prod-eu/2']) expect(r.stdout).toContain(`<td>${tag}</td>`);
    for (const digest of digests) expect(r.stdout).toContain(`<code>${digest}</code>`);
    expect(r.stdout).toContain('<td>ACME-2026-0042</td>');
    expect(r.stdout).not.toMatch(/<script|<link|src=/i);
  });

  it('refuses an unknown format (exit 2), nothing on stdout', async () => {
    const r = await report('--format', 'xml');
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toContain('unknown --format xml; use md, json or html');
  });

  it('derives the changes from the tags when the deploy records are gone (a fresh clone)', async () => {
    await rm(join(root, '.lockstep'), { recursive: true, force: true });
    const json = JSON.parse((await report('--json')).stdout) as Report;
    const prod = json.environments.find((e) => e.name === 'prod-eu')!;
    expect(prod.deploys.map((d) => d.tag)).toEqual(['deploy/prod-eu/1', 'deploy/prod-eu/2']);
    expect(prod.deploys[1]).toMatchObject({ verdict: null });
    expect(prod.deploys[1]!.changes).toEqual([
      expect.objectContaining({ item: 'suite:billing', class: 'downgrade' }),
    ]);
  });

  it('exits 1 when the report lists violations, and still prints it', async () => {
    await writeFile(join(root, 'environments/staging.yaml'), environment('staging', 'channel: frozen\n'));
    const r = await report('--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as Report;
    expect(json.ok).toBe(false);
    const staging = json.environments.find((e) => e.name === 'staging')!;
    expect(staging.violations.map((v) => v.kind)).toContain('drift');
  });
});
