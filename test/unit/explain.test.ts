import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseItem } from '../../src/cli/commands/explain.js';
import { runCli } from '../../src/cli/run-cli.js';
import { compileEnvironment } from '../../src/core/compile.js';
import { LockstepError } from '../../src/core/errors.js';
import { type Explanation, explainItem } from '../../src/core/explain.js';
import { loadRepository } from '../../src/core/load/load-repository.js';
import { createValidators } from '../../src/core/load/schema-check.js';
import { repoFiles } from '../helpers/fixture-repo.js';
import { memoryReader } from '../helpers/memory-reader.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const validators = createValidators();
const AUTO = 'channel: auto-update\n';
const ENV = 'environments/prod.yaml';

/** The fixture repository with environment prod (body after the header) and extra files. */
const prod = (body: string, extra: Record<string, string> = {}) => repoFiles({ prod: body }, extra);
const catalogFile = (body: string) => `apiVersion: lockstep/v1\nkind: Catalog\n${body}`;

async function explain(files: Record<string, string>, item: string): Promise<Explanation> {
  const repo = await loadRepository(memoryReader(files), validators);
  const entry = repo.environments.get('prod')!;
  const outcome = compileEnvironment(entry, repo.catalog, NOW);
  return explainItem(entry, repo.catalog, outcome, parseItem(item, repo.catalog));
}

async function manifestOf(files: Record<string, string>): Promise<string> {
  const repo = await loadRepository(memoryReader(files), validators);
  return compileEnvironment(repo.environments.get('prod')!, repo.catalog, NOW).text;
}

/** Constraints as [kind, source, range] rows; rejections as [version, [kind, text]...] rows. */
const constraintRows = (e: Explanation) => e.constraints.map((c) => [c.kind, c.source, c.range]);
const rejectedRows = (e: Explanation) =>
  e.rejected.map((r) => [r.version, ...r.reasons.map((x) => [x.kind, x.text])]);
const kindsOf = (e: Explanation) => e.rejected.map((r) => [r.version, r.reasons.map((x) => x.kind)]);

describe('explainItem', () => {
  it('a pinned capability: higher releases are rejected by the pin', async () => {
    const e = await explain(
      prod(`${AUTO}pins: { capabilities: { payments: ~1.2.0 } }\n`),
      'capability:payments',
    );
    expect(e).toMatchObject({ item: 'capability:payments', version: '1.2.7', lowerReleases: 3 });
    expect(e.origin.kind).toBe('resolved');
    expect(constraintRows(e)).toEqual([
      ['suite-range', 'suite billing 2.2.0', '^1.2.0'],
      ['suite-range', 'suite identity 1.8.2', '>=1.2.0 <2.0.0'],
      ['pin', `${ENV} pins.capabilities.payments`, '~1.2.0'],
      ['channel', `${ENV} channel`, undefined],
      ['advisory', 'advisory ACME-2026-0042 (critical)', '<1.2.7'],
      ['yanked', 'catalog/catalog.yaml', undefined],
    ]);
    expect(rejectedRows(e)).toEqual([
      ['1.3.0', ['pin', `outside pin '~1.2.0' (${ENV} pins.capabilities.payments)`]],
    ]);
    expect(e.rejected[0]?.reasons[0]?.source).toBe(`${ENV} pins.capabilities.payments`);
    expect(e.advisories).toEqual([]);
  });

  it('a yanked release is rejected as yanked', async () => {
    const e = await explain(prod(AUTO), 'platform');
    expect(e).toMatchObject({ version: '3.4.0', lowerReleases: 1 });
    expect(kindsOf(e)).toEqual([['3.5.0', ['yanked']]]);
    expect(e.constraints.find((c) => c.kind === 'yanked')?.text).toBe('3.5.0 is yanked: never chosen');
  });

  it('suite ranges reject a capability release, a platform range a suite release', async () => {
    const extra = catalogFile(
      'capabilities:\n  payments: [{ version: 2.0.0, artifact: "reg/payments:2.0.0" }]\n',
    );
    const payments = await explain(prod(AUTO, { 'catalog/extra.yaml': extra }), 'payments');
    expect(payments.version).toBe('1.3.0');
    expect(rejectedRows(payments)).toEqual([
      [
        '2.0.0',
        ['suite-range', "outside '^1.2.0' of suite billing 2.2.0"],
        ['suite-range', "outside '>=1.2.0 <2.0.0' of suite identity 1.8.2"],
      ],
    ]);
    const identity = await explain(prod(`${AUTO}pins: { platform: ~3.3.0 }\n`), 'identity');
    expect(identity.version).toBe('1.7.4');
    expect(rejectedRows(identity)).toEqual([
      ['1.8.2', ['platform-range', "outside '~1.7.0' of platform 3.3.0"]],
    ]);
  });

  it('a frozen environment keeps the current manifest version', async () => {
    const committed = await manifestOf(prod(`${AUTO}pins: { platform: ~3.3.0 }\n`));
    const e = await explain(
      prod('channel: frozen\n', { 'environments/prod.manifest.json': committed }),
      'suite:identity',
    );
    expect(e.version).toBe('1.7.4');
    expect(e.origin).toMatchObject({ kind: 'kept', reasons: ['channel frozen'] });
    expect(e.origin.text).toContain('environments/prod.manifest.json');
    expect(rejectedRows(e)).toEqual([
      [
        '1.8.2',
        ['platform-range', "outside '~1.7.0' of platform 3.3.0"],
        ['channel', 'channel frozen: the current version is kept'],
      ],
    ]);
  });

  it('a hold and a freeze window in force are each a constraint and a reason', async () => {
    const committed = await manifestOf(prod(`${AUTO}pins: { platform: ~3.3.0 }\n`));
    const body = `${AUTO}hold: { reason: "rolled back from deploy/prod/2", since: 2026-11-23 }
freeze:
  - { from: 2026-12-20T00:00:00Z, until: 2027-01-04T00:00:00Z, reason: Year-end }
  - { from: 2026-11-20T00:00:00Z, until: 2026-12-01T00:00:00Z, reason: Audit }
`;
    const e = await explain(prod(body, { 'environments/prod.manifest.json': committed }), 'identity');
    expect(e.origin.kind).toBe('kept');
    const frozenBy = e.constraints.filter((c) => c.kind === 'hold' || c.kind === 'freeze');
    expect(frozenBy.map((c) => c.source)).toEqual([`${ENV} hold`, `${ENV} freeze[1]`]);
    expect(kindsOf(e)).toEqual([['1.8.2', ['platform-range', 'hold', 'freeze']]]);
  });

  it('a security patch overrides the pin, and higher releases lose to the lowest fixed one', async () => {
    const e = await explain(
      prod('channel: manual-approval\npins: { capabilities: { payments: 1.2.5 } }\n'),
      'capability:payments',
    );
    expect(e).toMatchObject({ version: '1.2.7', lowerReleases: 3, advisories: [] });
    expect(e.origin).toMatchObject({
      kind: 'security-patch',
      advisory: 'ACME-2026-0042',
      from: '1.2.5',
      to: '1.2.7',
      overrides: expect.arrayContaining(["pins.capabilities.payments '1.2.5'"]),
    });
    const pin = e.constraints.find((c) => c.kind === 'pin');
    expect(pin?.text).toBe("exact pin '1.2.5', overridden by the security patch for ACME-2026-0042");
    expect(kindsOf(e)).toEqual([['1.3.0', ['pin', 'security-rule']]]);
    expect(e.rejected[0]?.reasons[1]).toMatchObject({
      source: 'advisory ACME-2026-0042',
      text: expect.stringContaining('lowest fixed release above 1.2.5, which is 1.2.7'),
    });
  });

  it('a waived advisory is listed with its waiver; an expired one waives nothing', async () => {
    const waiver = (until: string) => `${AUTO}pins: { capabilities: { payments: 1.2.5 } }
security:
  waivers: [{ advisory: ACME-2026-0042, until: ${until}, reason: vendor fix pending, approvedBy: bob }]
`;
    const e = await explain(prod(waiver('2026-12-01')), 'payments');
    expect(e).toMatchObject({ version: '1.2.5', origin: { kind: 'resolved' } });
    expect(e.advisories).toEqual([
      expect.objectContaining({
        id: 'ACME-2026-0042',
        status: 'waived',
        waiver: expect.objectContaining({ until: '2026-12-01', approvedBy: 'bob' }),
      }),
    ]);
    expect(e.constraints.find((c) => c.kind === 'waiver')?.source).toBe(`${ENV} security.waivers[0]`);
    // Waived, the advisory rejects nothing; the yanked release is still yanked.
    expect(kindsOf(e)).toEqual([
      ['1.3.0', ['pin']],
      ['1.2.7', ['pin']],
      ['1.2.6', ['pin', 'yanked']],
    ]);

    const expired = await explain(prod(waiver('2026-11-01')), 'payments');
    expect(expired.origin.kind).toBe('security-patch');
    expect(expired.constraints.find((c) => c.kind === 'waiver')?.text).toContain(
      'expired: it waives nothing',
    );
  });

  it('an advisory below security.enforce is listed as not enforced', async () => {
    const extra = catalogFile(`advisories:
  - { id: SSO-1, severity: low, capability: sso, affected: "<3.0.0", summary: Log, published: 2026-11-01 }
`);
    const e = await explain(prod(AUTO, { 'catalog/extra.yaml': extra }), 'sso');
    expect(e.version).toBe('2.2.0');
    expect(e.advisories).toEqual([
      expect.objectContaining({
        id: 'SSO-1',
        status: 'not-enforced',
        text: expect.stringContaining("'critical'"),
      }),
    ]);
  });

  it('a child kept after step 6 raised its parent: the old parent range rejected the higher release', async () => {
    const cat = catalogFile(`platform:
  - { version: 1.0.0, suites: { shop: ^1.0.0 } }
suites:
  shop:
    - { version: 1.0.0, capabilities: { payments: ~1.2.0, ledger: ~1.0.0 } }
    - { version: 1.1.0, capabilities: { payments: ^1.3.0, ledger: ^1.0.0 } }
capabilities:
  payments: [{ version: 1.2.0, artifact: p }, { version: 1.3.0, artifact: p }]
  ledger: [{ version: 1.0.0, artifact: l }, { version: 1.1.0, artifact: l }]
advisories:
  - { id: PAY-1, severity: critical, capability: payments, affected: "<1.3.0", summary: x, published: 2026-11-01 }
`);
    const files = prod(`${AUTO}pins: { suites: { shop: 1.0.0 } }\n`, { 'catalog/catalog.yaml': cat });
    const e = await explain(files, 'ledger');
    expect(e.version).toBe('1.0.0');
    expect(e.rejected).toEqual([
      {
        version: '1.1.0',
        reasons: [expect.objectContaining({ kind: 'security-rule', source: 'suite shop 1.0.0' })],
      },
    ]);
    expect((await explain(files, 'shop')).origin).toMatchObject({ kind: 'security-patch', to: '1.1.0' });
  });

  it('explains a capability no chosen suite requires as not deployed', async () => {
    const extra = catalogFile('capabilities:\n  audit: [{ version: 1.0.0, artifact: a }]\n');
    const e = await explain(prod(AUTO, { 'catalog/extra.yaml': extra }), 'audit');
    expect(e).toMatchObject({ version: null, origin: { kind: 'not-deployed' }, rejected: [] });
  });
});

describe('parseItem', () => {
  const catalogOf = async (files = prod(AUTO)) =>
    (await loadRepository(memoryReader(files), validators)).catalog;

  it('resolves bare names, prefixed names and platform', async () => {
    const catalog = await catalogOf();
    expect(parseItem('billing', catalog)).toBe('suite:billing');
    expect(parseItem('payments', catalog)).toBe('capability:payments');
    expect(parseItem('suite:identity', catalog)).toBe('suite:identity');
    expect(parseItem('platform', catalog)).toBe('platform');
  });

  it('refuses an unknown item with a did-you-mean and the known items', async () => {
    const catalog = await catalogOf();
    let error: unknown;
    try {
      parseItem('paymnts', catalog);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LockstepError);
    expect(error).toMatchObject({ code: 'E_USAGE' });
    expect((error as Error).message).toContain("did you mean 'capability:payments'?");
    expect((error as Error).message).toContain('Known items: platform, suite:billing, suite:identity');
    expect(() => parseItem('suite:payments', catalog)).toThrow(/did you mean 'capability:payments'/);
    expect(() => parseItem('zzzzzzzz', catalog)).toThrow(/^unknown item 'zzzzzzzz'\. Known items/);
  });

  it('refuses a bare name that is both a suite and a capability', async () => {
    const extra = catalogFile('capabilities:\n  billing: [{ version: 1.0.0, artifact: b }]\n');
    const catalog = await catalogOf(prod(AUTO, { 'catalog/extra.yaml': extra }));
    expect(() => parseItem('billing', catalog)).toThrow(/write suite:billing or capability:billing/);
  });
});

describe('lockstep explain', () => {
  async function cli(...args: string[]) {
    const root = await mkdtemp(join(tmpdir(), 'lockstep-explain-'));
    const files = prod('channel: manual-approval\npins: { capabilities: { payments: 1.2.5 } }\n');
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    }
    const stdout: string[] = [];
    const stderr: string[] = [];
    const io = {
      stdout: (t: string) => stdout.push(t),
      stderr: (t: string) => stderr.push(t),
      now: () => NOW,
      cwd: root,
    };
    try {
      const code = await runCli(['explain', ...args], io);
      return { code, stdout: stdout.join(''), stderr: stderr.join('') };
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }

  it('prints text, or one JSON document with --json', async () => {
    const text = await cli('prod', 'payments');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('prod: capability:payments 1.2.7');
    expect(text.stdout).toContain('1.3.0 rejected:');
    const json = await cli('prod', 'capability:payments', '--json');
    expect(json.code).toBe(0);
    const doc: unknown = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ ok: true, version: '1.2.7', rejected: [{ version: '1.3.0' }] });
  });

  it('exits 2 on a usage error, with nothing on stdout', async () => {
    expect(await cli('prod')).toMatchObject({ code: 2, stdout: '' });
    const unknown = await cli('prod', 'paymnts');
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain("did you mean 'capability:payments'?");
  });
});
