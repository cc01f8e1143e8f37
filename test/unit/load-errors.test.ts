import { describe, expect, it } from 'vitest';
import { compileEnvironment } from '../../src/core/compile.js';
import {
  type Diagnostic,
  formatDiagnostic,
  InputError,
  LockstepError,
  ResolveError,
} from '../../src/core/errors.js';
import { loadRepository } from '../../src/core/load/load-repository.js';
import { MAX_FILE_BYTES } from '../../src/core/load/parse.js';
import { createValidators } from '../../src/core/load/schema-check.js';
import { CATALOG, environment, repoFiles } from '../helpers/fixture-repo.js';
import { memoryReader } from '../helpers/memory-reader.js';

// Every bad input a user can write in a file, and the exact diagnostic it gives: file, line, column
// and a message that names the field and says how to fix it. The environment header written by
// `environment()` takes lines 1-3, so a body starts at line 4.

const validators = createValidators();
const NOW = new Date('2026-11-25T00:00:00Z');

/** Loads a repository that must be refused; returns the InputError's diagnostics. */
async function inputErrors(files: Record<string, string>, envs?: string[]): Promise<readonly Diagnostic[]> {
  const error = await loadRepository(
    memoryReader(files),
    validators,
    envs ? { environments: envs } : {},
  ).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const diagnostics = (error as InputError).diagnostics;
  expect((error as InputError).code).toBe('E_INPUT');
  expect(diagnostics.length).toBeGreaterThan(0);
  return diagnostics;
}

/** The diagnostics as users see them, `FILE:LINE:COL: message`, sorted. */
async function lines(files: Record<string, string>): Promise<string[]> {
  return (await inputErrors(files)).map(formatDiagnostic).sort();
}

const env = (body: string) => repoFiles({ dev: body });
const withCatalog = (path: string, text: string) =>
  repoFiles({ dev: 'channel: auto-update\n' }, { [path]: text });
const catalogHeader = 'apiVersion: lockstep/v1\nkind: Catalog\n';

describe('loadRepository: malformed files', () => {
  it('refuses an unclosed flow mapping as invalid YAML in that file, below where it opens', async () => {
    const [d, ...rest] = await inputErrors(env('channel: auto-update\npins: { platform: ~3.4.0\n'));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ file: 'environments/dev.yaml', field: '' });
    expect(d!.message).toMatch(/^invalid YAML: /);
    expect(d!.line).toBeGreaterThanOrEqual(5);
  });

  it('refuses a JSON catalog with a trailing comma at the right line', async () => {
    expect(
      await lines(
        withCatalog('catalog/extra.json', '{"apiVersion": "lockstep/v1",\n "kind": "Catalog",\n}\n'),
      ),
    ).toEqual(['catalog/extra.json:3:1: invalid JSON: Expected double-quoted property name']);
  });

  it('refuses a truncated JSON catalog at the unterminated string', async () => {
    expect(
      await lines(withCatalog('catalog/extra.json', '{"apiVersion": "lockstep/v1",\n "kind": "Cata')),
    ).toEqual(['catalog/extra.json:2:15: invalid JSON: Unterminated string']);
  });

  it('refuses an empty environment file', async () => {
    expect(await lines({ ...repoFiles({}), 'environments/dev.yaml': '' })).toEqual([
      'environments/dev.yaml:1:1: file is empty',
    ]);
  });

  it('refuses a catalog file holding only blank lines', async () => {
    expect(await lines(withCatalog('catalog/extra.yaml', '  \n\n'))).toEqual([
      'catalog/extra.yaml:1:1: file is empty',
    ]);
  });

  it('refuses an environment file holding only a comment', async () => {
    const [d] = await inputErrors({ ...repoFiles({}), 'environments/dev.yaml': '# nothing yet\n' });
    expect(d).toMatchObject({ file: 'environments/dev.yaml', line: 1, col: 1 });
    expect(d!.message).toMatch(/empty/);
  });

  it('refuses a document that is a list or a scalar instead of a mapping', async () => {
    expect(await lines({ ...repoFiles({}), 'environments/dev.yaml': '- a\n- b\n' })).toEqual([
      'environments/dev.yaml:1:1: the document: must be a mapping, got a list',
    ]);
    expect(await lines({ ...repoFiles({}), 'environments/dev.yaml': 'hello\n' })).toEqual([
      "environments/dev.yaml:1:1: the document: must be a mapping, got 'hello'",
    ]);
  });

  it('refuses duplicate keys in YAML at the second occurrence', async () => {
    expect(await lines(env('channel: auto-update\nchannel: frozen\n'))).toEqual([
      "environments/dev.yaml:5:1: invalid YAML: duplicate key 'channel' (first at line 4); keep one",
    ]);
    expect(await lines(env('channel: auto-update\npins:\n  platform: ~3.4.0\n  platform: ~3.3.0\n'))).toEqual(
      ["environments/dev.yaml:7:3: invalid YAML: duplicate key 'platform' (first at line 6); keep one"],
    );
  });

  it('refuses a file with several YAML documents', async () => {
    const [d, ...rest] = await inputErrors(env('channel: auto-update\n---\nchannel: frozen\n'));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ file: 'environments/dev.yaml' });
    expect(d!.message).toBe(
      "invalid YAML: a file holds one document: remove this '---' and what follows, or move it to a file of its own",
    );
  });

  it('refuses tabs in indentation', async () => {
    expect(await lines(env('channel: auto-update\npins:\n\tplatform: ~3.4.0\n'))).toEqual([
      'environments/dev.yaml:6:1: invalid YAML: tabs are not allowed as indentation',
    ]);
  });

  it('refuses language-specific tags instead of running or decoding them', async () => {
    expect(await lines(env('channel: !!js/function "function () {}"\n'))).toEqual([
      'environments/dev.yaml:4:10: invalid YAML: unknown scalar tag !<tag:yaml.org,2002:js/function>',
    ]);
  });
});

describe('loadRepository: schema errors name the field, where it is, and the fix', () => {
  it("reports a typo field 'chanel' at its key, with did you mean 'channel'", async () => {
    expect(await lines(env('chanel: auto-update\n'))).toEqual([
      "environments/dev.yaml:4:1: chanel: unknown field 'chanel'; did you mean 'channel'?",
    ]);
  });

  it('reports a typo in a nested mapping with did you mean', async () => {
    expect(await lines(env('channel: auto-update\npins:\n  platfrom: ~3.4.0\n'))).toEqual([
      "environments/dev.yaml:6:3: pins.platfrom: unknown field 'platfrom'; did you mean 'platform'?",
    ]);
  });

  it('reports a typo in .github/lockstep.yml', async () => {
    const [d] = await inputErrors(
      repoFiles({ dev: 'channel: auto-update\n' }, { '.github/lockstep.yml': 'tagPrefx: rel\n' }),
    );
    expect(d).toMatchObject({ file: '.github/lockstep.yml', line: 1, col: 1, field: 'tagPrefx' });
    expect(d!.message).toMatch(/unknown field 'tagPrefx'/);
  });

  it('reports a missing required field, at the mapping that lacks it', async () => {
    expect(
      await lines({
        ...repoFiles({}),
        'environments/dev.yaml': 'apiVersion: lockstep/v1\nkind: Environment\nname: dev\n',
      }),
    ).toEqual(["environments/dev.yaml:1:1: the document: missing required field 'channel'"]);
    expect(await lines(env('channel: manual-approval\napprovals:\n  approvers: [alice]\n'))).toEqual([
      "environments/dev.yaml:6:3: approvals: missing required field 'required'",
    ]);
    expect(
      await lines(
        withCatalog(
          'catalog/extra.yaml',
          `${catalogHeader}advisories:\n  - id: X-1\n    severity: low\n    capability: payments\n    affected: "<1.0.0"\n    published: 2026-01-01\n`,
        ),
      ),
    ).toEqual(["catalog/extra.yaml:4:5: advisories[0]: missing required field 'summary'"]);
  });

  it('reports a wrong enum value with the allowed values', async () => {
    expect(await lines(env('channel: weekly\n'))).toEqual([
      "environments/dev.yaml:4:10: channel: 'weekly' is not allowed; use one of: auto-update, manual-approval, frozen",
    ]);
  });

  it('reports a wrong kind', async () => {
    expect(
      await lines({
        ...repoFiles({}),
        'environments/dev.yaml': 'apiVersion: lockstep/v1\nkind: Catalog\nname: dev\nchannel: auto-update\n',
      }),
    ).toEqual(["environments/dev.yaml:2:7: kind: must be 'Environment', got 'Catalog'"]);
  });

  it('reports a wrong type', async () => {
    expect(await lines(env('channel: manual-approval\napprovals: { required: "two" }\n'))).toEqual([
      "environments/dev.yaml:5:24: approvals.required: must be a whole number, got 'two'",
    ]);
  });

  it('reports a version written as a number and says to quote it', async () => {
    const [d, ...rest] = await inputErrors(
      withCatalog(
        'catalog/extra.yaml',
        `${catalogHeader}capabilities:\n  payments:\n    - version: 1.2\n      artifact: reg/payments:1.2\n`,
      ),
    );
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      file: 'catalog/extra.yaml',
      line: 5,
      col: 16,
      field: 'capabilities.payments[0].version',
    });
    expect(d!.message).toMatch(/^capabilities\.payments\[0\]\.version: must be a string, got 1\.2/);
    expect(d!.message).toMatch(/quotes/);
  });

  it('reports a pin written as a number and says to quote it', async () => {
    expect(await lines(env('channel: auto-update\npins: { platform: 3.4 }\n'))).toEqual([
      'environments/dev.yaml:5:19: pins.platform: must be a string, got 3.4 (write it in quotes: "3.4")',
    ]);
  });

  it.each(['v1.2.3', '"1.2"', '01.2.3', '1.2.3.4'])('reports the non-semver version %s', async (written) => {
    const shown = written.replaceAll('"', '');
    expect(
      await lines(
        withCatalog(
          'catalog/extra.yaml',
          `${catalogHeader}capabilities:\n  payments:\n    - version: ${written}\n      artifact: x\n`,
        ),
      ),
    ).toEqual([
      `catalog/extra.yaml:5:16: capabilities.payments[0].version: '${shown}' is not a semantic version; write MAJOR.MINOR.PATCH, for example 1.2.0`,
    ]);
  });

  it('reports an invalid range', async () => {
    expect(await lines(env('channel: auto-update\npins:\n  platform: ">>3"\n'))).toEqual([
      "environments/dev.yaml:6:13: pins.platform: '>>3' is not a semver range; write for example ^1.2.0, ~1.2.0, 1.2.x or 1.2.3",
    ]);
  });

  it('reports an invalid range inside a catalog', async () => {
    expect(
      await lines(
        withCatalog(
          'catalog/extra.yaml',
          `${catalogHeader}suites:\n  billing:\n    - version: 9.0.0\n      capabilities: { payments: "^^1" }\n`,
        ),
      ),
    ).toEqual([
      "catalog/extra.yaml:6:33: suites.billing[0].capabilities.payments: '^^1' is not a semver range; write for example ^1.2.0, ~1.2.0, 1.2.x or 1.2.3",
    ]);
  });

  it('reports an invalid date', async () => {
    expect(
      await lines(
        env(
          'channel: auto-update\nsecurity:\n  waivers:\n    - { advisory: ACME-2026-0042, until: 2026-13-01, reason: r, approvedBy: bob }\n',
        ),
      ),
    ).toEqual([
      "environments/dev.yaml:7:42: security.waivers[0].until: '2026-13-01' is not a date; write YYYY-MM-DD",
    ]);
  });

  it('reports a freeze window given as a date without a time', async () => {
    expect(
      await lines(
        env('channel: auto-update\nfreeze:\n  - { from: 2026-12-20, until: 2027-01-04T00:00:00Z }\n'),
      ),
    ).toEqual([
      "environments/dev.yaml:6:13: freeze[0].from: '2026-12-20' is not a date and time; write for example 2026-12-20T00:00:00Z",
    ]);
  });

  it('reports an environment whose name differs from its file name', async () => {
    expect(await lines({ ...repoFiles({}), 'environments/dev.yaml': environment('prod') })).toEqual([
      "environments/dev.yaml:3:7: name: 'prod' must equal the file name 'dev'; rename the file or the environment",
    ]);
  });

  it('reports an advisory naming two targets, or none', async () => {
    const advisory = (target: string) =>
      `${catalogHeader}advisories:\n  - id: X-1\n    severity: low\n${target}    affected: "<1.0.0"\n    summary: s\n    published: 2026-01-01\n`;
    const expected = [
      "catalog/extra.yaml:4:5: advisories[0]: an advisory names exactly one of 'capability', 'suite' or 'platform: true'",
    ];
    expect(
      await lines(
        withCatalog('catalog/extra.yaml', advisory('    capability: payments\n    suite: billing\n')),
      ),
    ).toEqual(expected);
    expect(await lines(withCatalog('catalog/extra.yaml', advisory('')))).toEqual(expected);
  });
});

describe('loadRepository: dangerous names and documents', () => {
  const NAME_RULE =
    "use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit (not 'constructor' or 'prototype')";

  it.each([
    ['suites', '__proto__'],
    ['suites', 'constructor'],
    ['capabilities', '__proto__'],
    ['capabilities', 'constructor'],
  ])('refuses pins.%s.%s as a name, at the key', async (level, name) => {
    const diagnostics = await inputErrors(
      env(`channel: auto-update\npins:\n  ${level}:\n    ${name}: ^1.0.0\n`),
    );
    expect(diagnostics.map(formatDiagnostic)).toContain(
      `environments/dev.yaml:7:5: pins.${level}.${name}: '${name}' is not a valid name: ${NAME_RULE}`,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['suites', '__proto__', '    - version: 1.0.0\n      capabilities: {}\n'],
    ['suites', 'constructor', '    - version: 1.0.0\n      capabilities: {}\n'],
    ['capabilities', '__proto__', '    - { version: 1.0.0, artifact: x }\n'],
    ['capabilities', 'constructor', '    - { version: 1.0.0, artifact: x }\n'],
  ])('refuses catalog %s named %s, at the key', async (level, name, releases) => {
    const diagnostics = await inputErrors(
      withCatalog('catalog/extra.yaml', `${catalogHeader}${level}:\n  ${name}:\n${releases}`),
    );
    expect(diagnostics.map(formatDiagnostic)).toContain(
      `catalog/extra.yaml:4:3: ${level}.${name}: '${name}' is not a valid name: ${NAME_RULE}`,
    );
  });

  it.each(['__proto__', 'constructor'])(
    'refuses %s as a top-level key, without polluting prototypes',
    async (key) => {
      const unknown = (path: string, at: string) =>
        expect.stringMatching(
          new RegExp(`^${path.replaceAll('.', '\\.')}:${at}: ${key}: unknown field '${key}'`),
        );
      expect(await lines(env(`channel: auto-update\n${key}: { polluted: true }\n`))).toEqual([
        unknown('environments/dev.yaml', '5:1'),
      ]);
      expect(
        await lines(withCatalog('catalog/extra.yaml', `${catalogHeader}${key}: { polluted: true }\n`)),
      ).toEqual([unknown('catalog/extra.yaml', '3:1')]);
      expect(
        await lines(
          withCatalog(
            'catalog/extra.json',
            `{"apiVersion":"lockstep/v1","kind":"Catalog","${key}":{"polluted":true}}`,
          ),
        ),
      ).toEqual([unknown('catalog/extra.json', '1:46')]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    },
  );

  /** Billion laughs: each level refers `width` times to the level below it. */
  function aliasBomb(levels: number, width: number): string {
    const out = [`l0: &l0 [${Array(width).fill('"lol"').join(', ')}]`];
    for (let i = 1; i < levels; i++)
      out.push(
        `l${i}: &l${i} [${Array(width)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    return `${out.join('\n')}\n`;
  }

  it.each([
    ['environments/dev.yaml', 9],
    ['catalog/bomb.yaml', 10],
  ])('refuses an alias bomb in %s (9 levels of %i) quickly, with a clear message', async (path, width) => {
    const files = { ...repoFiles({ dev: 'channel: auto-update\n' }), [path]: aliasBomb(9, width) };
    const started = performance.now();
    const diagnostics = await inputErrors(files);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      `${path}:1:1: YAML aliases expand to more than 4000000 nodes; write the data out instead`,
    ]);
  });

  it('refuses more aliases than allowed in one file', async () => {
    const body = `channel: auto-update\nx: &x 1\ny: [${Array(1001).fill('*x').join(',')}]\n`;
    const [d, ...rest] = await inputErrors(env(body));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ file: 'environments/dev.yaml' });
    expect(d!.message).toBe('more than 1000 aliases in one file; write the data out instead');
  });

  it('refuses a file over the size limit before parsing it', async () => {
    const started = performance.now();
    const diagnostics = await inputErrors(withCatalog('catalog/big.yaml', 'a'.repeat(MAX_FILE_BYTES + 1)));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'catalog/big.yaml:0:0: file is larger than 64 MiB; split it into several files',
    ]);
  });
});

describe('loadRepository: merging catalog files', () => {
  it('refuses the same release with different content in two files, naming both', async () => {
    expect(
      await lines(
        withCatalog(
          'catalog/extra.yaml',
          `${catalogHeader}capabilities:\n  payments:\n    - { version: 1.2.7, artifact: "reg/payments:OTHER" }\n`,
        ),
      ),
    ).toEqual([
      'catalog/extra.yaml:5:7: capability payments release 1.2.7 is given again with different content (first at catalog/catalog.yaml:32); keep one definition',
    ]);
  });

  it('refuses the same advisory id with different content in two files', async () => {
    expect(
      await lines(
        withCatalog(
          'catalog/extra.yaml',
          `${catalogHeader}advisories:\n  - id: ACME-2026-0042\n    severity: low\n    capability: payments\n    affected: "<1.2.7"\n    summary: Payment token replay\n    published: 2026-11-20\n`,
        ),
      ),
    ).toEqual([
      'catalog/extra.yaml:4:5: advisory ACME-2026-0042 is given again with different content (first at catalog/catalog.yaml:39); keep one definition',
    ]);
  });

  it('accepts the same release given twice with identical content, in any form', async () => {
    const alone = await loadRepository(
      memoryReader(repoFiles({ dev: 'channel: auto-update\n' })),
      validators,
    );
    const twice = await loadRepository(
      memoryReader({
        ...repoFiles({ dev: 'channel: auto-update\n' }),
        'catalog/again.yaml': `${catalogHeader}capabilities:\n  payments:\n    - version: 1.2.5\n      artifact: reg/payments:1.2.5\n`,
        // Release tooling writes JSON, with defaults spelled out.
        'catalog/again.json': JSON.stringify({
          apiVersion: 'lockstep/v1',
          kind: 'Catalog',
          capabilities: { payments: [{ version: '1.2.5', artifact: 'reg/payments:1.2.5', yanked: false }] },
        }),
      }),
      validators,
    );
    expect(twice.catalog.capabilities.get('payments')!.map((r) => r.version)).toEqual(
      alone.catalog.capabilities.get('payments')!.map((r) => r.version),
    );
    const compiled = (repo: typeof alone) =>
      compileEnvironment(repo.environments.get('dev')!, repo.catalog, NOW).text;
    expect(compiled(twice)).toBe(compiled(alone));
  });

  it('accepts a catalog split over several files as one', async () => {
    const [head, rest] = CATALOG.split('capabilities:\n');
    const split = {
      ...repoFiles({ dev: 'channel: auto-update\n' }),
      'catalog/catalog.yaml': head!,
      'catalog/capabilities.yaml': `${catalogHeader}capabilities:\n${rest!.split('advisories:\n')[0]}`,
      'catalog/advisories.yaml': `${catalogHeader}advisories:\n${rest!.split('advisories:\n')[1]}`,
    };
    const one = await loadRepository(memoryReader(repoFiles({ dev: 'channel: auto-update\n' })), validators);
    const many = await loadRepository(memoryReader(split), validators);
    const compiled = (repo: typeof one) =>
      compileEnvironment(repo.environments.get('dev')!, repo.catalog, NOW).text;
    expect(compiled(many)).toBe(compiled(one));
  });
});

describe('loadRepository: environments and pins', () => {
  it('refuses an unknown environment as a usage error naming the known ones', async () => {
    const error = await loadRepository(
      memoryReader(repoFiles({ dev: 'channel: auto-update\n' })),
      validators,
      {
        environments: ['staging'],
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockstepError);
    expect(error).not.toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'E_USAGE', message: "unknown environment 'staging' (known: dev)" });
  });

  it.each([
    ['capabilities', 'paymnets', 'capability', 'payments'],
    ['capabilities', 'pyaments', 'capability', 'payments'],
    ['suites', 'biling', 'suite', 'billing'],
  ])('reports pins.%s.%s as unknown, with did you mean', async (level, typo, kind, meant) => {
    const repo = await loadRepository(
      memoryReader(env(`channel: auto-update\npins:\n  ${level}:\n    ${typo}: 1.2.7\n`)),
      validators,
    );
    const error = (() => {
      try {
        compileEnvironment(repo.environments.get('dev')!, repo.catalog, NOW);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ResolveError);
    expect((error as ResolveError).code).toBe('E_RESOLVE');
    expect((error as ResolveError).diagnostics.map(formatDiagnostic)).toEqual([
      `environments/dev.yaml:7:5: pins.${level}.${typo}: the catalog has no ${kind} '${typo}'; did you mean '${meant}'?`,
    ]);
  });

  it('reports several errors in several files together, in one InputError', async () => {
    const diagnostics = await inputErrors({
      ...repoFiles({ dev: 'chanel: auto-update\n', prod: 'channel: weekly\n' }),
      'catalog/extra.json': '{',
    });
    const files = new Set(diagnostics.map((d) => d.file));
    expect(files).toEqual(new Set(['catalog/extra.json', 'environments/dev.yaml', 'environments/prod.yaml']));
    expect(diagnostics.map(formatDiagnostic)).toEqual(
      expect.arrayContaining([
        "catalog/extra.json:1:2: invalid JSON: Expected property name or '}'",
        "environments/dev.yaml:4:1: chanel: unknown field 'chanel'; did you mean 'channel'?",
        "environments/prod.yaml:4:10: channel: 'weekly' is not allowed; use one of: auto-update, manual-approval, frozen",
      ]),
    );
  });

  it('reports every problem of one file, not only the first', async () => {
    const diagnostics = await inputErrors(
      env('channel: weekly\npins: { platform: 3.4 }\napprovals: { required: "two" }\n'),
    );
    expect(diagnostics.map((d) => d.field).sort()).toEqual([
      'approvals.required',
      'channel',
      'pins.platform',
    ]);
  });
});
