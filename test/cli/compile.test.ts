import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRefused, jsonOf, runCli, STACK_TRACE } from '../helpers/cli.js';
import { environment, repoFiles } from '../helpers/fixture-repo.js';
import { type TempRepo, tempRepo } from '../helpers/temp-repo.js';

// `lockstep compile` end to end, on the built CLI. prod is pinned to payments 1.2.5, which the
// fixture's critical advisory (payments <1.2.7) forces up to 1.2.7.

const ENVS = {
  dev: 'channel: auto-update\n',
  prod: 'channel: manual-approval\napprovals: { required: 1, approvers: [alice] }\npins:\n  capabilities: { payments: 1.2.5 }\n',
};

/** Canonical JSON, written independently of src/: sorted keys, two-space indent, final newline. */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

describe('lockstep compile', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await tempRepo(repoFiles(ENVS));
  });
  afterAll(() => repo.remove());

  it('writes a canonical manifest for every environment, with its digest and the enforced patch', async () => {
    const result = await runCli(repo.root, 'compile');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(
      /^dev: environments\/dev\.manifest\.json written \(sha256:[a-f0-9]{64}\)$/m,
    );
    expect(result.stdout).toMatch(/^prod: environments\/prod\.manifest\.json written \(.*1 security patch/m);
    for (const name of ['dev', 'prod']) {
      const text = (await repo.read(`environments/${name}.manifest.json`))!;
      const manifest = JSON.parse(text) as Record<string, unknown>;
      expect(text).toBe(canonical(manifest));
      const { digest, ...body } = manifest;
      expect(digest).toBe(`sha256:${createHash('sha256').update(canonical(body)).digest('hex')}`);
      expect(manifest).toMatchObject({ apiVersion: 'lockstep/v1', kind: 'Manifest', environment: name });
      expect(text).not.toMatch(/20\d\d-\d\d-\d\dT/); // no timestamps
    }
    const prod = JSON.parse((await repo.read('environments/prod.manifest.json'))!);
    expect(prod).toMatchObject({
      channel: 'manual-approval',
      platform: '3.4.0',
      suites: { billing: '2.2.0', identity: '1.8.2' },
      capabilities: { payments: { version: '1.2.7', requiredBy: ['billing', 'identity'] } },
    });
    expect(prod.security.patches).toEqual([
      expect.objectContaining({
        advisory: 'ACME-2026-0042',
        item: 'capability:payments',
        from: '1.2.5',
        to: '1.2.7',
      }),
    ]);
    expect(
      JSON.parse((await repo.read('environments/dev.manifest.json'))!).capabilities.payments.version,
    ).toBe('1.3.0');
  });

  it('changes nothing when run again: same bytes, exit 0', async () => {
    const before = await repo.snapshot();
    const result = await runCli(repo.root, 'compile');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^dev: environments\/dev\.manifest\.json up to date/m);
    expect(result.stdout).toMatch(/^prod: environments\/prod\.manifest\.json up to date/m);
    expect(await repo.snapshot()).toEqual(before);
  });

  it('gives the same bytes for the same meaning written differently', async () => {
    const before = await repo.snapshot();
    // Block style instead of flow style, keys in another order, comments: the same meaning.
    await repo.write({
      'environments/prod.yaml': `# production
pins:
  capabilities:
    payments: "1.2.5"
approvals:
  approvers:
    - alice
  required: 1
channel: manual-approval
name: prod
kind: Environment
apiVersion: lockstep/v1
`,
    });
    const result = await runCli(repo.root, 'compile', '--check');
    expect(result).toMatchObject({ code: 0 });
    expect((await repo.snapshot())['environments/prod.manifest.json']).toBe(
      before['environments/prod.manifest.json'],
    );
    await repo.write({ 'environments/prod.yaml': before['environments/prod.yaml']! });
  });

  it('--check exits 1 on drift, says to run compile, and writes nothing', async () => {
    await repo.write({
      'environments/dev.yaml': environment('dev', 'channel: auto-update\npins: { platform: ~3.3.0 }\n'),
    });
    const before = await repo.snapshot();
    const result = await runCli(repo.root, 'compile', '--check');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^dev: environments\/dev\.manifest\.json out of date: run lockstep compile/m,
    );
    expect(result.stdout).toMatch(/^prod: .* up to date/m);
    expect(await repo.snapshot()).toEqual(before);
  });

  it('--check --json prints one JSON document and writes nothing', async () => {
    const before = await repo.snapshot();
    const result = await runCli(repo.root, 'compile', '--check', '--json');
    expect(result.code).toBe(1);
    const json = jsonOf(result);
    expect(json).toMatchObject({ ok: false, check: true });
    expect(json.environments).toEqual([
      expect.objectContaining({ environment: 'dev', changed: true, written: false }),
      expect.objectContaining({ environment: 'prod', changed: false, written: false }),
    ]);
    expect(await repo.snapshot()).toEqual(before);
  });

  it('--json prints one JSON document with what it wrote, and only the named environment', async () => {
    const result = await runCli(repo.root, 'compile', 'dev', '--json');
    expect(result.code).toBe(0);
    const json = jsonOf(result);
    expect(json).toMatchObject({ ok: true, check: false, failures: [] });
    expect(json.environments).toEqual([
      expect.objectContaining({ environment: 'dev', path: 'environments/dev.manifest.json', written: true }),
    ]);
    const written = JSON.parse((await repo.read('environments/dev.manifest.json'))!);
    expect(written.platform).toBe('3.3.0');
    expect((json.environments as { digest: string }[])[0]!.digest).toBe(written.digest);
  });

  it('refuses a schema error with exit 2 and writes no manifest at all, not even the valid ones', async () => {
    await repo.write({
      'environments/dev.yaml': environment('dev', 'channel: auto-update\n'),
      'environments/prod.yaml': environment('prod', 'channel: weekly\n'),
    });
    const result = await expectRefused(repo, 'compile');
    expect(result.stderr).toBe(
      "environments/prod.yaml:4:10: channel: 'weekly' is not allowed; use one of: auto-update, manual-approval, frozen\n",
    );
    const json = jsonOf(await expectRefused(repo, 'compile', '--json'));
    expect(json).toMatchObject({
      ok: false,
      code: 'E_INPUT',
      diagnostics: [{ file: 'environments/prod.yaml', line: 4, col: 10, field: 'channel' }],
    });
    await repo.write({ 'environments/prod.yaml': environment('prod', ENVS.prod) });
  });

  it('refuses a pin that leaves no release with exit 2, naming the pin, and writes nothing', async () => {
    await repo.write({
      'environments/dev.yaml': environment(
        'dev',
        'channel: auto-update\npins:\n  suites: { billing: 9.x }\n',
      ),
    });
    const result = await expectRefused(repo, 'compile');
    expect(result.stderr).toMatch(
      /^environments\/dev\.yaml:6:\d+: pins\.suites\.billing: '9\.x' conflicts with /m,
    );
    expect(result.stderr).not.toMatch(STACK_TRACE);
    await repo.write({ 'environments/dev.yaml': environment('dev', 'channel: auto-update\n') });
  });

  it('fails an environment whose advisory has no fix with exit 1, and still writes the others', async () => {
    const fresh = await tempRepo(
      repoFiles(
        {
          dev: 'channel: auto-update\n',
          lab: 'channel: auto-update\nsecurity:\n  waivers:\n    - { advisory: ACME-2099-0001, until: 2099-01-01, reason: lab only, approvedBy: bob }\n',
        },
        {
          'catalog/advisories.yaml': `apiVersion: lockstep/v1
kind: Catalog
advisories:
  - { id: ACME-2099-0001, severity: critical, capability: sso, affected: ">=2.0.0", summary: No fix yet, published: 2026-11-21 }
`,
        },
      ),
    );
    try {
      const result = await runCli(fresh.root, 'compile');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^catalog\/advisories\.yaml:\d+:\d+: dev: advisory ACME-2099-0001 .* has no fix/m,
      );
      expect(result.stderr).not.toMatch(STACK_TRACE);
      expect(await fresh.read('environments/dev.manifest.json')).toBeUndefined();
      const lab = JSON.parse((await fresh.read('environments/lab.manifest.json'))!);
      expect(lab.security.waivers).toEqual([expect.objectContaining({ advisory: 'ACME-2099-0001' })]);
    } finally {
      await fresh.remove();
    }
  });
});
