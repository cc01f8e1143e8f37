import { describe, expect, it } from 'vitest';
import { ResolveError } from '../../src/core/errors.js';
import { catalog, compileFiles, type EnvSpec, repo, versionsOf } from '../helpers/catalog-builder.js';

/** The SPEC's shape: platform 3.x with billing and identity; payments is required by both suites. */
const shop = () =>
  catalog()
    .platform('3.3.0', { billing: '^2.0.0', identity: '~1.7.0' })
    .platform('3.4.0', { billing: '^2.1.0', identity: '~1.8.0' })
    .platform('3.5.0', { billing: '^3.0.0', identity: '~1.8.0' }, { yanked: true })
    .suite('billing', '2.0.0', { invoicing: '^4.0.0', payments: '^1.1.0' })
    .suite('billing', '2.1.3', { invoicing: '^4.0.0', payments: '^1.2.0' })
    .suite('billing', '2.2.0', { invoicing: '^4.1.0', payments: '^1.2.0' })
    .suite('billing', '3.0.0', { invoicing: '^4.1.0', payments: '^1.3.0' })
    .suite('identity', '1.7.4', { sso: '^2.0.0' })
    .suite('identity', '1.8.2', { sso: '^2.1.0', payments: '>=1.2.0 <1.3.0' })
    .suite('identity', '1.8.3', { sso: '^2.2.0', payments: '^1.3.0' }, { yanked: true })
    .capability('invoicing', ['4.0.0', '4.1.0', '4.2.0'])
    .capability('payments', ['1.1.0', '1.2.5', '1.2.7', '1.3.0'])
    .capability('payments', '1.2.9', { yanked: true })
    .capability('sso', ['2.0.0', '2.1.0', '2.2.0']);

const compileWith = (spec: EnvSpec) => compileFiles(repo(shop()).env('prod', spec).files(), 'prod');

/** Compiles an environment file written out by hand, so line numbers are known. */
const compileText = (text: string) => compileFiles(repo(shop()).env('prod', text).files(), 'prod');

async function resolveError(run: () => Promise<unknown>): Promise<ResolveError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ResolveError);
  return error as ResolveError;
}

describe('step 1: platform', () => {
  it('takes the highest non-yanked platform release when there is no pin', async () => {
    expect((await compileWith({})).manifest.platform).toBe('3.4.0');
  });

  it('takes the highest release inside the platform pin', async () => {
    expect((await compileWith({ pins: { platform: '<3.4.0' } })).manifest.platform).toBe('3.3.0');
  });

  it('never takes a yanked platform release, even when the pin names it', async () => {
    const error = await resolveError(() => compileWith({ pins: { platform: '3.5.0' } }));
    expect(error.message).toContain("pins.platform: '3.5.0'");
    expect(error.diagnostics[0]).toMatchObject({ file: 'environments/prod.yaml', field: 'pins.platform' });
  });
});

describe('step 2: suites', () => {
  it('takes for each suite of the platform release the highest release inside the platform range', async () => {
    expect(versionsOf(await compileWith({})).suites).toEqual({ billing: '2.2.0', identity: '1.8.2' });
  });

  it('keeps inside the suite pin as well', async () => {
    const { suites } = versionsOf(await compileWith({ pins: { suites: { billing: '2.1.x' } } }));
    expect(suites).toEqual({ billing: '2.1.3', identity: '1.8.2' });
  });

  it('takes only the suites the chosen platform release lists, with its ranges', async () => {
    const { suites } = versionsOf(await compileWith({ pins: { platform: '3.3.0' } }));
    expect(suites).toEqual({ billing: '2.2.0', identity: '1.7.4' });
  });

  it('skips a yanked suite release', async () => {
    // identity 1.8.3 is the highest inside ~1.8.0 but yanked.
    expect(versionsOf(await compileWith({})).suites.identity).toBe('1.8.2');
  });
});

describe('step 3: capabilities', () => {
  it('gives a capability required by two suites the highest release inside both ranges', async () => {
    // billing 2.2.0 wants ^1.2.0, identity 1.8.2 wants >=1.2.0 <1.3.0; 1.2.9 is yanked.
    const outcome = await compileWith({});
    expect(versionsOf(outcome).capabilities).toEqual({ invoicing: '4.2.0', payments: '1.2.7', sso: '2.2.0' });
    expect(outcome.manifest.capabilities.payments?.requiredBy).toEqual(['billing', 'identity']);
  });

  it('also keeps inside the capability pin', async () => {
    const outcome = await compileWith({ pins: { capabilities: { payments: '~1.2.0 <1.2.7' } } });
    expect(versionsOf(outcome).capabilities.payments).toBe('1.2.5');
  });

  it('treats an exact version as a hard pin even when newer releases fit', async () => {
    const outcome = await compileWith({
      pins: { platform: '3.3.0', suites: { billing: '2.1.3' }, capabilities: { sso: '2.0.0' } },
    });
    expect(versionsOf(outcome)).toEqual({
      platform: '3.3.0',
      suites: { billing: '2.1.3', identity: '1.7.4' },
      capabilities: { invoicing: '4.2.0', payments: '1.3.0', sso: '2.0.0' },
    });
  });

  it('records the artifact and digest of each chosen capability release', async () => {
    const cat = shop().capability('audit', '1.0.0', { digest: `sha256:${'b'.repeat(64)}` });
    cat.suite('identity', '1.8.4', { sso: '^2.1.0', payments: '>=1.2.0 <1.3.0', audit: '^1.0.0' });
    const outcome = await compileFiles(repo(cat).env('prod').files(), 'prod');
    expect(outcome.manifest.capabilities.audit).toEqual({
      version: '1.0.0',
      requiredBy: ['identity'],
      artifact: 'reg/audit:1.0.0',
      digest: `sha256:${'b'.repeat(64)}`,
    });
    expect(outcome.manifest.capabilities.payments).not.toHaveProperty('digest');
  });
});

describe('step 4: a pin that leaves no candidate', () => {
  const envText = [
    'apiVersion: lockstep/v1',
    'kind: Environment',
    'name: prod',
    'channel: auto-update',
    'pins:',
    '  platform: ~3.4.0',
    '  suites:',
    '    billing: 2.0.x',
    '  capabilities:',
    '    payments: 1.3.0',
    '',
  ].join('\n');

  it('names the capability pin and the suite range it conflicts with, at the pin line', async () => {
    const text = envText.replace('    billing: 2.0.x\n', '    billing: 2.2.x\n');
    const error = await resolveError(() => compileText(text));
    expect(error.code).toBe('E_RESOLVE');
    expect(error.message).toContain("pins.capabilities.payments: '1.3.0'");
    expect(error.message).toContain("suite identity 1.8.2 requires '>=1.2.0 <1.3.0'");
    expect(error.diagnostics).toHaveLength(1);
    expect(error.diagnostics[0]).toMatchObject({
      file: 'environments/prod.yaml',
      line: 10,
      field: 'pins.capabilities.payments',
    });
    expect(error.diagnostics[0]!.col).toBeGreaterThan(0);
  });

  it('names the suite pin and the platform range it conflicts with, at the pin line', async () => {
    const error = await resolveError(() => compileText(envText));
    expect(error.message).toContain("pins.suites.billing: '2.0.x'");
    expect(error.message).toContain("platform 3.4.0 requires '^2.1.0'");
    expect(error.diagnostics[0]).toMatchObject({
      file: 'environments/prod.yaml',
      line: 8,
      field: 'pins.suites.billing',
    });
  });

  it('points at the pin when the config is written in flow style', async () => {
    const text = [
      'apiVersion: lockstep/v1',
      'kind: Environment',
      'name: prod',
      'channel: auto-update',
      'pins: { platform: ~3.4.0, capabilities: { sso: "2.1.0", payments: 1.3.0 } }',
      '',
    ].join('\n');
    const error = await resolveError(() => compileText(text));
    const d = error.diagnostics[0]!;
    expect(d).toMatchObject({ line: 5, field: 'pins.capabilities.payments' });
    expect(text.split('\n')[4]!.slice(d.col - 1)).toMatch(/^1\.3\.0/);
  });

  it('does not backtrack to a lower platform that would admit the suite pin', async () => {
    // platform 3.3.0 allows billing ^2.0.0, but step 1 already chose 3.4.0.
    await resolveError(() => compileWith({ pins: { suites: { billing: '2.0.0' } } }));
  });

  it('treats a pin on a yanked release as leaving no candidate', async () => {
    const error = await resolveError(() => compileWith({ pins: { capabilities: { payments: '1.2.9' } } }));
    expect(error.message).toContain("'1.2.9'");
    expect(error.diagnostics[0]?.field).toBe('pins.capabilities.payments');
  });

  it('names a pin that matches no catalog item, rather than ignoring it', async () => {
    const error = await resolveError(() => compileWith({ pins: { capabilities: { paymnets: '1.2.5' } } }));
    expect(error.message).toContain('paymnets');
    expect(error.diagnostics[0]?.field).toBe('pins.capabilities.paymnets');
  });
});

describe('conflicting suite ranges without a pin', () => {
  it('is an error that names both suites and their ranges', async () => {
    const cat = catalog()
      .platform('1.0.0', { alpha: '^1.0.0', beta: '^1.0.0' })
      .suite('alpha', '1.0.0', { lib: '^1.0.0' })
      .suite('beta', '1.0.0', { lib: '^2.0.0' })
      .capability('lib', ['1.0.0', '1.5.0', '2.0.0']);
    const error = await resolveError(() => compileFiles(repo(cat).env('prod').files(), 'prod'));
    expect(error.message).toContain("suite alpha 1.0.0 requires '^1.0.0'");
    expect(error.message).toContain("suite beta 1.0.0 requires '^2.0.0'");
    expect(error.message).toContain('capability lib');
    // Points at the catalog, where the ranges are written.
    expect(error.diagnostics[0]?.file).toMatch(/^catalog\//);
    expect(error.diagnostics[0]?.line).toBeGreaterThan(0);
  });

  it('is an error when the only release inside both ranges is yanked', async () => {
    const cat = catalog()
      .platform('1.0.0', { alpha: '^1.0.0', beta: '^1.0.0' })
      .suite('alpha', '1.0.0', { lib: '>=1.0.0' })
      .suite('beta', '1.0.0', { lib: '<2.0.0' })
      .capability('lib', ['0.9.0', '2.0.0'])
      .capability('lib', '1.0.0', { yanked: true });
    const error = await resolveError(() => compileFiles(repo(cat).env('prod').files(), 'prod'));
    expect(error.message).toContain('suite alpha');
    expect(error.message).toContain('suite beta');
  });
});
