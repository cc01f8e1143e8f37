import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { createValidators } from '../../src/core/load/schema-check.js';
import {
  catalog,
  catalogFiles,
  compileFiles,
  type EnvSpec,
  environmentDoc,
  renderDocument,
  repo,
} from '../helpers/catalog-builder.js';

const cat = () =>
  catalog()
    .platform('3.4.0', { billing: '^2.1.0', identity: '~1.8.0' })
    .platform('3.3.0', { billing: '^2.0.0', identity: '~1.7.0' })
    .suite('billing', '2.1.3', { invoicing: '^4.0.0', payments: '^1.2.0' })
    .suite('identity', '1.8.2', { sso: '^2.1.0', payments: '>=1.2.0 <2.0.0' })
    .suite('identity', '1.7.4', { sso: '^2.0.0' })
    .capability('payments', ['1.2.5', '1.2.7', '1.3.0'], { digest: `sha256:${'a'.repeat(64)}` })
    .capability('invoicing', ['4.0.0', '4.1.0'])
    .capability('sso', ['2.1.0', '2.2.0'])
    .advisory({ id: 'ACME-2026-0042', severity: 'critical', capability: 'payments', affected: '<1.2.7' })
    .advisory({ id: 'ACME-2026-0051', severity: 'high', capability: 'sso', affected: '2.1.0' })
    .advisory({ id: 'ACME-2026-0060', severity: 'critical', capability: 'invoicing', affected: '4.1.0' })
    .build();

const ENV: EnvSpec = {
  channel: 'manual-approval',
  pins: { platform: '~3.4.0', capabilities: { payments: '1.2.5', sso: '2.1.0' } },
  approvals: { required: 1, approvers: ['alice', '@acme/release-managers'] },
  security: {
    enforce: 'high',
    waivers: [
      { advisory: 'ACME-2026-0060', until: '2026-12-31', reason: 'vendor patch due', approvedBy: 'bob' },
    ],
  },
};

/** Own canonical JSON, independent of the implementation under test. */
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

const baseline = () => compileFiles(repo(cat()).env('prod', ENV).files(), 'prod');

describe('manifest form', () => {
  it('is canonical JSON: sorted keys at every level, two-space indent, final newline', async () => {
    const { text } = await baseline();
    expect(text).toBe(canonical(JSON.parse(text)));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text.split('\n')[1]).toMatch(/^ {2}"apiVersion"/);
  });

  it('has the digest sha256 of its canonical JSON without digest', async () => {
    const { text, manifest } = await baseline();
    const { digest, ...body } = JSON.parse(text) as Record<string, unknown>;
    const expected = `sha256:${createHash('sha256').update(canonical(body)).digest('hex')}`;
    expect(digest).toBe(expected);
    expect(manifest.digest).toBe(expected);
  });

  it('holds the fields the SPEC names, valid against the manifest schema, with no timestamp', async () => {
    const { text, manifest } = await baseline();
    expect(createValidators().manifest(JSON.parse(text))).toBe(true);
    expect(manifest).toMatchObject({
      apiVersion: 'lockstep/v1',
      kind: 'Manifest',
      environment: 'prod',
      channel: 'manual-approval',
      platform: '3.4.0',
      suites: { billing: '2.1.3', identity: '1.8.2' },
    });
    expect(manifest.capabilities).toEqual({
      invoicing: { version: '4.1.0', requiredBy: ['billing'], artifact: 'reg/invoicing:4.1.0' },
      payments: {
        version: '1.2.7',
        requiredBy: ['billing', 'identity'],
        artifact: 'reg/payments:1.2.7',
        digest: `sha256:${'a'.repeat(64)}`,
      },
      sso: { version: '2.2.0', requiredBy: ['identity'], artifact: 'reg/sso:2.2.0' },
    });
    expect(manifest.security.patches.map((p) => [p.advisory, p.item, p.from, p.to])).toEqual([
      ['ACME-2026-0042', 'capability:payments', '1.2.5', '1.2.7'],
      ['ACME-2026-0051', 'capability:sso', '2.1.0', '2.2.0'],
    ]);
    expect(manifest.security.waivers.map((w) => w.advisory)).toEqual(['ACME-2026-0060']);
    // Only the dates users wrote (waiver until) may appear; nothing stamped at compile time.
    expect(text).not.toMatch(/T\d\d:\d\d/);
    expect(text).not.toContain('2026-12-01');
  });

  it('changes its digest when its meaning changes', async () => {
    const a = await baseline();
    const b = await compileFiles(
      repo(cat())
        .env('prod', { ...ENV, channel: 'auto-update' })
        .files(),
      'prod',
    );
    expect(b.manifest.digest).not.toBe(a.manifest.digest);
  });
});

describe('the same meaning gives the same bytes', () => {
  const env = (style: Parameters<typeof renderDocument>[1]) =>
    renderDocument(environmentDoc('prod', ENV), style);
  const withEnv = (files: Record<string, string>, envText = env({ format: 'yaml' }), file = 'prod.yaml') => ({
    ...files,
    [`environments/${file}`]: envText,
  });

  const variants: [string, () => Record<string, string>][] = [
    [
      'flow YAML, 4-space indent, double quotes',
      () =>
        withEnv(
          catalogFiles(cat(), { styles: [{ format: 'yaml', flow: true, indent: 4, quote: 'double' }] }),
        ),
    ],
    [
      'single-quoted YAML with shuffled keys and lists',
      () =>
        withEnv(
          catalogFiles(cat(), { styles: [{ format: 'yaml', quote: 'single', shuffleSeed: 7 }] }),
          env({ format: 'yaml', shuffleSeed: 11 }),
        ),
    ],
    ['a JSON catalog', () => withEnv(catalogFiles(cat(), { styles: [{ format: 'json' }] }))],
    [
      'split over three files, YAML and JSON mixed, keys shuffled',
      () =>
        withEnv(
          catalogFiles(cat(), {
            assign: [2, 0, 1, 1, 0, 2, 2, 1],
            styles: [
              { format: 'json', shuffleSeed: 3 },
              { format: 'yaml', flow: true, shuffleSeed: 4 },
              { format: 'yaml', shuffleSeed: 5 },
            ],
          }),
          env({ format: 'json', shuffleSeed: 9 }),
        ),
    ],
    [
      'one file per release',
      () =>
        withEnv(
          catalogFiles(cat(), {
            assign: [...Array(20).keys()],
            styles: [{ format: 'yaml' }, { format: 'json' }],
          }),
        ),
    ],
    [
      'the same release given identically in two files',
      () => {
        const files = catalogFiles(cat());
        return withEnv({
          ...files,
          'catalog/zz-copy.yaml': renderDocument(cat(), { format: 'yaml', shuffleSeed: 1 }),
        });
      },
    ],
    [
      'an environment file written as .yml',
      () => withEnv(catalogFiles(cat()), env({ format: 'yaml' }), 'prod.yml'),
    ],
  ];

  for (const [name, files] of variants) {
    it(`with ${name}`, async () => {
      const expected = (await baseline()).text;
      expect((await compileFiles(files(), 'prod')).text).toBe(expected);
    });
  }

  it('with hand-written YAML: comments, anchors and aliases, block scalars', async () => {
    const doc = cat();
    const handWritten = `# release tooling output, edited by hand
apiVersion: lockstep/v1
kind: Catalog
platform:
  - { version: 3.3.0, suites: { billing: ^2.0.0, identity: ~1.7.0 } }
  - version: "3.4.0"
    suites: &p34 { billing: "^2.1.0", identity: ~1.8.0 }   # current
suites:
  billing: [ { version: 2.1.3, capabilities: { invoicing: ^4.0.0, payments: ^1.2.0 } } ]
  identity:
    - version: 1.8.2
      capabilities: { sso: ^2.1.0, payments: '>=1.2.0 <2.0.0' }
    - version: 1.7.4
      capabilities:
        sso: ^2.0.0
`;
    const rest = { ...doc, platform: [], suites: {} };
    const files = withEnv({
      'catalog/a.yaml': handWritten,
      'catalog/b.json': renderDocument(rest, { format: 'json' }),
    });
    const envText = `apiVersion: lockstep/v1
kind: Environment
name: prod
channel: manual-approval
pins:
  platform: "~3.4.0"
  capabilities: &caps
    payments: 1.2.5
    sso: 2.1.0
approvals: { required: 1, approvers: [alice, "@acme/release-managers"] }
security:
  enforce: high
  waivers:
    - advisory: ACME-2026-0060
      until: 2026-12-31
      reason: >-
        vendor patch
        due
      approvedBy: bob
`;
    files['environments/prod.yaml'] = envText;
    expect((await compileFiles(files, 'prod')).text).toBe((await baseline()).text);
  });

  it('with a release given again with its default written out (yanked: false)', async () => {
    const files = catalogFiles(cat());
    files['catalog/zz.json'] = renderDocument(
      {
        apiVersion: 'lockstep/v1',
        kind: 'Catalog',
        capabilities: { sso: [{ version: '2.2.0', artifact: 'reg/sso:2.2.0', yanked: false }] },
      },
      { format: 'json' },
    );
    expect((await compileFiles(withEnv(files), 'prod')).text).toBe((await baseline()).text);
  });

  it('but the same release given twice with different content is an input error', async () => {
    const files = catalogFiles(cat());
    files['catalog/zz.yaml'] = renderDocument({
      apiVersion: 'lockstep/v1',
      kind: 'Catalog',
      capabilities: { sso: [{ version: '2.2.0', artifact: 'reg/other:2.2.0' }] },
    });
    const error = await compileFiles(withEnv(files), 'prod').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).diagnostics[0]?.message).toContain('capability sso release 2.2.0');
  });

  /** payments 1.0.0 affected, 1.0.1 the fix; the committed manifest holds 1.0.0. */
  const small = () =>
    catalog()
      .platform('1.0.0', { shop: '^1.0.0' })
      .suite('shop', '1.0.0', { payments: '^1.0.0' })
      .capability('payments', ['1.0.0', '1.0.1'])
      .advisory({ id: 'PAY-1', severity: 'critical', capability: 'payments', affected: '1.0.0' });
  // The first compile inside the windows records them in the patch; a later frozen compile keeps the
  // recorded patch as written (compile.ts keepRecorded), so the order must not matter at that point.
  const listOrder = async (spec: EnvSpec) =>
    compileFiles(
      repo(small())
        .env('prod', { ...spec, pins: { capabilities: { payments: '1.0.0' } } })
        .files(),
      'prod',
    );

  // Regression: the order of freeze windows in the config reaches the manifest. Two windows in force
  // at once give patch.overrides in config order, so listing the same windows in the other order
  // changes the bytes. Input: freeze [A, B] vs [B, A], both in force, a patch applied. Actual: the two
  // overrides strings swap places. Expected: identical bytes. SPEC 3: "Compiling the same meaning twice
  // (any YAML formatting, key order or file split) gives the same bytes" (a list of windows is a set).
  it('with the freeze windows listed in another order', async () => {
    const a = { from: '2026-11-01T00:00:00Z', until: '2027-01-01T00:00:00Z', reason: 'one' };
    const b = { from: '2026-11-15T00:00:00Z', until: '2027-01-01T00:00:00Z', reason: 'two' };
    const one = await listOrder({ freeze: [a, b] });
    // The pin it left, then both windows in time order.
    expect(one.manifest.security.patches[0]?.overrides).toHaveLength(3);
    expect((await listOrder({ freeze: [b, a] })).text).toBe(one.text);
  });

  // Regression: two waivers in force for one advisory are recorded in config order (the sort is by
  // advisory only). Input: waivers [W1, W2] vs [W2, W1], same advisory, both in force. Expected:
  // identical bytes (same SPEC sentence).
  it('with two waivers of one advisory listed in another order', async () => {
    const w1 = { advisory: 'PAY-1', until: '2026-12-31', reason: 'one', approvedBy: 'bob' };
    const w2 = { advisory: 'PAY-1', until: '2026-12-20', reason: 'two', approvedBy: 'eve' };
    const one = await compileFiles(
      repo(small())
        .env('prod', { security: { waivers: [w1, w2] } })
        .files(),
      'prod',
    );
    expect(one.manifest.security.waivers).toHaveLength(2);
    const two = await compileFiles(
      repo(small())
        .env('prod', { security: { waivers: [w2, w1] } })
        .files(),
      'prod',
    );
    expect(two.text).toBe(one.text);
  });
});
