import { describe, expect, it } from 'vitest';
import { compileEnvironment } from '../../src/core/compile.js';
import { type Diagnostic, formatDiagnostic, InputError, type LockstepError } from '../../src/core/errors.js';
import { loadRepository, type Repository } from '../../src/core/load/load-repository.js';
import { MAX_FILE_BYTES } from '../../src/core/load/parse.js';
import { createValidators } from '../../src/core/load/schema-check.js';
import { jsonOf, runCli } from '../helpers/cli.js';
import { repoFiles } from '../helpers/fixture-repo.js';
import { memoryReader } from '../helpers/memory-reader.js';
import { tempRepo } from '../helpers/temp-repo.js';

// Messages for syntax errors, schema errors, unknown pins and CLI misuse: each input with the exact
// output a user should see. The CLI cases run the built dist/cli.js.

const validators = createValidators();
const NOW = new Date('2026-11-25T00:00:00Z');
const env = (body: string) => repoFiles({ dev: body });
const withCatalog = (path: string, text: string) =>
  repoFiles({ dev: 'channel: auto-update\n' }, { [path]: text });
const catalogHeader = 'apiVersion: lockstep/v1\nkind: Catalog\n';

async function diagnosticsOf(files: Record<string, string>): Promise<readonly Diagnostic[]> {
  const error = await loadRepository(memoryReader(files), validators).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).diagnostics;
}

async function lines(files: Record<string, string>): Promise<string[]> {
  return (await diagnosticsOf(files)).map(formatDiagnostic).sort();
}

/** The error compile throws for the environment dev, or undefined. */
function compileError(repo: Repository): unknown {
  try {
    compileEnvironment(repo.environments.get('dev')!, repo.catalog, NOW);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('YAML and JSON syntax messages', () => {
  it("an unclosed flow mapping points at its '{' and says to close it", async () => {
    const [d] = await diagnosticsOf(env('channel: auto-update\npins: { platform: ~3.4.0\n'));
    expect(d).toMatchObject({ file: 'environments/dev.yaml', line: 5, col: 7 });
    expect(d!.message).toMatch(/'\}'/);
    expect(d!.message).not.toMatch(/deficient indentation/);
  });

  it('an unclosed quoted string points at its opening quote', async () => {
    const [d] = await diagnosticsOf(env('channel: "auto-update\n'));
    expect(d).toMatchObject({ file: 'environments/dev.yaml', line: 4, col: 10 });
    expect(d!.message).toMatch(/quote|unterminated|not closed/i);
  });

  it("JSON 'Unexpected token' errors keep their line and column and fit on one line", async () => {
    expect(
      await lines(
        withCatalog(
          'catalog/extra.json',
          '{"apiVersion": "lockstep/v1",\n "kind": "Catalog",\n "platform": [}\n',
        ),
      ),
    ).toEqual([
      expect.stringMatching(/^catalog\/extra\.json:3:15: invalid JSON: Unexpected token '\}'[^\n]*$/),
    ]);
  });

  it('a JSON catalog starting with a UTF-8 byte order mark is read like a YAML one', async () => {
    const repo = await loadRepository(
      memoryReader(
        withCatalog('catalog/extra.json', '\uFEFF{"apiVersion": "lockstep/v1", "kind": "Catalog"}\n'),
      ),
      validators,
    );
    expect(repo.environments.has('dev')).toBe(true);
  });

  it('duplicate keys in a JSON catalog follow JSON.parse: the last wins (ADR 0002, docs/formats.md)', async () => {
    // Detecting them would need a second, slower JSON parser on every run; JSON catalogs are written
    // by release tooling. This pins the documented behaviour so a change to it is deliberate.
    const text =
      '{"apiVersion": "lockstep/v1", "kind": "Catalog",\n "capabilities": {"payments": [{"version": "9.0.0", "artifact": "a"}]},\n "capabilities": {}}\n';
    const repo = await loadRepository(memoryReader(withCatalog('catalog/extra.json', text)), validators);
    expect(repo.catalog.capabilities.get('payments')?.some((r) => r.version === '9.0.0')).toBe(false);
  });

  it('a duplicate YAML key names the key and its first line', async () => {
    expect(await lines(env('channel: auto-update\nchannel: frozen\n'))).toEqual([
      expect.stringMatching(/^environments\/dev\.yaml:5:1: invalid YAML: .*'channel'.*line 4/),
    ]);
  });

  it('a second YAML document is reported where it starts', async () => {
    expect(await lines(env('channel: auto-update\n---\nchannel: frozen\n'))).toEqual([
      expect.stringMatching(/^environments\/dev\.yaml:5:1: invalid YAML: .*one document/),
    ]);
  });

  it("too many aliases says what to do in the user's words')", async () => {
    const body = `channel: auto-update\nx: &x 1\ny: [${Array(1001).fill('*x').join(',')}]\n`;
    const [d] = await diagnosticsOf(env(body));
    expect(d!.message).not.toMatch(/maxAliases/);
    expect(d!.message).toMatch(/1000 aliases.*write the data out/);
  });

  it('the size limit counts bytes, not UTF-16 code units', async () => {
    const text = `# ${'é'.repeat(MAX_FILE_BYTES / 2 + 10)}\n${catalogHeader}`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_FILE_BYTES);
    expect(await lines(withCatalog('catalog/big.yaml', text))).toEqual([
      'catalog/big.yaml:0:0: file is larger than 64 MiB; split it into several files',
    ]);
  });
});

describe('schema messages', () => {
  it('a version written as a number quotes the text as written, not the number', async () => {
    const [d] = await diagnosticsOf(
      withCatalog(
        'catalog/extra.yaml',
        `${catalogHeader}capabilities:\n  payments:\n    - version: 1.10\n      artifact: x\n`,
      ),
    );
    expect(d!.message).not.toContain('"1.1"');
    expect(d!.message).toContain('1.10');
  });

  it('a version written as a number says it needs MAJOR.MINOR.PATCH', async () => {
    const [d] = await diagnosticsOf(
      withCatalog(
        'catalog/extra.yaml',
        `${catalogHeader}capabilities:\n  payments:\n    - version: 1.2\n      artifact: x\n`,
      ),
    );
    expect(d!.message).toMatch(/MAJOR\.MINOR\.PATCH|"1\.2\.0"/);
  });

  it("'__proto__' as a name gives one diagnostic", async () => {
    expect(await lines(env('channel: auto-update\npins:\n  suites:\n    __proto__: ^1.0.0\n'))).toEqual([
      expect.stringMatching(
        /^environments\/dev\.yaml:7:5: pins\.suites\.__proto__: '__proto__' is not a valid name/,
      ),
    ]);
  });

  it("no raw ajv wording: 'must be >= 0' and 'must NOT have duplicate items (items ## 1 and 0 are identical)'", async () => {
    const messages = (
      await diagnosticsOf(
        env('channel: manual-approval\napprovals: { required: -1, approvers: [alice, alice] }\n'),
      )
    ).map((d) => d.message);
    expect(messages).toHaveLength(2);
    for (const m of messages) expect(m).not.toMatch(/must be >=|must NOT|##/);
    expect(messages.join('\n')).toMatch(/'alice'/);
  });
});

describe('pins naming unknown items', () => {
  it('every unknown pin is reported together', async () => {
    const repo = await loadRepository(
      memoryReader(
        env('channel: auto-update\npins:\n  suites: { biling: 2.x }\n  capabilities:\n    paymnets: 1.2.7\n'),
      ),
      validators,
    );
    expect((compileError(repo) as LockstepError).diagnostics.map((d) => d.field).sort()).toEqual([
      'pins.capabilities.paymnets',
      'pins.suites.biling',
    ]);
  });

  it('a pin typo is reported in a frozen environment too', async () => {
    const first = await loadRepository(memoryReader(env('channel: frozen\n')), validators);
    const manifest = compileEnvironment(first.environments.get('dev')!, first.catalog, NOW).text;
    const repo = await loadRepository(
      memoryReader({
        ...env('channel: frozen\npins:\n  capabilities:\n    paymnets: 1.2.7\n'),
        'environments/dev.manifest.json': manifest,
      }),
      validators,
    );
    const error = compileError(repo) as LockstepError | undefined;
    expect(error?.code).toBe('E_RESOLVE');
    expect(error?.diagnostics.map(formatDiagnostic)).toEqual([
      "environments/dev.yaml:7:5: pins.capabilities.paymnets: the catalog has no capability 'paymnets'; did you mean 'payments'?",
    ]);
  });
});

describe('CLI', () => {
  it('an unknown command or option with --json still prints one JSON document', async () => {
    const repo = await tempRepo(repoFiles({ dev: 'channel: auto-update\n' }));
    try {
      for (const args of [['deplyo', '--json'], ['compile', '--chek', '--json'], ['--json']]) {
        const result = await runCli(repo.root, ...args);
        expect(result.code).toBe(2);
        expect(jsonOf(result)).toMatchObject({ ok: false, code: 'E_USAGE' });
      }
    } finally {
      await repo.remove();
    }
  });

  it('a corrupt deploy record is named by its repository-relative path, like every other file', async () => {
    const repo = await tempRepo({
      ...repoFiles({ dev: 'channel: auto-update\n' }),
      '.lockstep/dev/deploys/1.json': '{bad\n',
    });
    try {
      const result = await runCli(repo.root, 'plan');
      expect(result.stderr).toMatch(/^(lockstep: )?\.lockstep\/dev\/deploys\/1\.json[: ]/);
      expect(result.stderr).not.toContain(repo.root);
    } finally {
      await repo.remove();
    }
  });

  it('--root naming a missing folder says so', async () => {
    const result = await runCli(process.cwd(), 'validate', '--root', '/nonexistent/lockstep-repo');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\/nonexistent\/lockstep-repo/);
    expect(result.stderr).not.toMatch(/^catalog:0:0/);
  });

  it("rollback writes the tag's config bytes back, only adding hold", async () => {
    const config = `apiVersion: lockstep/v1
kind: Environment
name: dev
channel: auto-update
pins:
  capabilities: { payments: ~1.2.7 }   # aligned comment
`;
    const repo = await tempRepo({ ...repoFiles({}), 'environments/dev.yaml': config });
    try {
      expect((await runCli(repo.root, 'compile')).code).toBe(0);
      expect((await runCli(repo.root, 'deploy', 'dev')).code).toBe(0);
      await repo.write({ 'environments/dev.yaml': config.replace('~1.2.7', '^1.3.0') });
      expect((await runCli(repo.root, 'compile')).code).toBe(0);
      expect((await runCli(repo.root, 'deploy', 'dev')).code).toBe(0);
      expect((await runCli(repo.root, 'rollback', 'dev')).code).toBe(0);
      const written = (await repo.read('environments/dev.yaml'))!;
      expect(written.startsWith(config)).toBe(true);
      expect(written.slice(config.length)).toMatch(/^hold:\n/);
    } finally {
      await repo.remove();
    }
  });
});
