import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { expectRefused, jsonOf, runCli, STACK_TRACE } from '../helpers/cli.js';
import { environment, repoFiles } from '../helpers/fixture-repo.js';
import { type TempRepo, tempRepo } from '../helpers/temp-repo.js';

// Every way to call the CLI wrongly: exit 2, a message on stderr (FILE:LINE:COL for input errors),
// usage where it helps, never a stack trace, and nothing written, neither files nor Git refs.

const COMMANDS: readonly (readonly string[])[] = [
  ['compile', '--check'],
  ['validate'],
  ['plan'],
  ['deploy', 'dev'],
  ['rollback', 'dev'],
];

describe('invalid input: every command refuses it, reports all problems, writes nothing', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await tempRepo(repoFiles({ dev: 'channel: auto-update\n' }), { git: true });
    // Two broken files: a catalog with a duplicate key, an environment with a typo.
    await repo.write({
      'catalog/extra.yaml': 'apiVersion: lockstep/v1\nkind: Catalog\nkind: Catalog\n',
      'environments/dev.yaml': environment('dev', 'chanel: auto-update\n'),
    });
    await repo.commit('break two files');
  });
  afterAll(() => repo.remove());

  const EXPECTED = [
    "catalog/extra.yaml:3:1: invalid YAML: duplicate key 'kind' (first at line 2); keep one",
    "environments/dev.yaml:4:1: chanel: unknown field 'chanel'; did you mean 'channel'?",
  ];

  const CASES = COMMANDS.map((args) => [args.join(' '), args] as const);

  it.each(CASES)('%s: exit 2 with FILE:LINE:COL for each problem', async (_, args) => {
    const result = await expectRefused(repo, ...args);
    expect(result.stderr).toBe(`${EXPECTED.join('\n')}\n`);
  });

  it.each(CASES)('%s --json: exit 2 and one JSON document with the diagnostics', async (_, args) => {
    const result = await expectRefused(repo, ...args, '--json');
    expect(jsonOf(result)).toEqual({
      ok: false,
      code: 'E_INPUT',
      message: '2 input error(s)',
      diagnostics: expect.arrayContaining([
        expect.objectContaining({ file: 'catalog/extra.yaml', line: 3, col: 1 }),
        expect.objectContaining({ file: 'environments/dev.yaml', line: 4, col: 1, field: 'chanel' }),
      ]),
    });
  });
});

describe('usage errors', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await tempRepo(repoFiles({ dev: 'channel: auto-update\n' }), { git: true });
  });
  afterAll(() => repo.remove());

  it.each(['compile', 'deploy', 'rollback'])(
    '%s of an unknown environment: exit 2 naming the known ones',
    async (command) => {
      const result = await expectRefused(repo, command, 'nope');
      expect(result.stderr).toBe("lockstep: unknown environment 'nope' (known: dev)\n");
    },
  );

  it('unknown environment with --json: one JSON document', async () => {
    expect(jsonOf(await expectRefused(repo, 'validate', 'nope', '--json'))).toEqual({
      ok: false,
      code: 'E_USAGE',
      message: "unknown environment 'nope' (known: dev)",
      diagnostics: [],
    });
  });

  it.each([
    [['deploy'], 'lockstep: deploy takes exactly one environment: lockstep deploy ENV'],
    [['deploy', 'dev', 'prod'], 'lockstep: deploy takes exactly one environment: lockstep deploy ENV'],
    [['rollback'], 'lockstep: rollback takes exactly one environment: lockstep rollback ENV [--to TAG]'],
  ])('%j: exit 2 saying how to call it', async (args, message) => {
    expect((await expectRefused(repo, ...args)).stderr).toBe(`${message}\n`);
  });

  it('an unknown command: exit 2 with usage on stderr', async () => {
    const result = await expectRefused(repo, 'deplyo', 'dev');
    expect(result.stderr).toMatch(/^lockstep: unknown command 'deplyo'\n\nUsage: lockstep <command>/);
    expect(result.stderr).toMatch(
      /^Exit codes: 0 fine; 1 policy violation or drift; 2 invalid input or usage\.$/m,
    );
  });

  it('an unknown option: exit 2 naming it, with usage', async () => {
    const result = await expectRefused(repo, 'compile', '--chek');
    expect(result.stderr).toMatch(/^lockstep: Unknown option '--chek'/);
    expect(result.stderr).toMatch(/^Usage: lockstep <command>/m);
  });

  it('an option without its value: exit 2', async () => {
    const result = await expectRefused(repo, 'rollback', 'dev', '--to');
    expect(result.stderr).toMatch(/^lockstep: .*--to/);
  });

  it('an option of another command: exit 2 naming the command it is for', async () => {
    const result = await expectRefused(repo, 'validate', '--check');
    expect(result.stderr).toMatch(/^lockstep: --check does not apply to validate \(it is for: compile\)/);
  });

  it('no command: exit 2 with usage on stderr', async () => {
    const result = await expectRefused(repo);
    expect(result.stderr).toMatch(/^lockstep: no command given\n\nUsage: lockstep <command> \[options\]/);
  });

  it('--help and -h: exit 0 with usage on stdout', async () => {
    for (const flag of ['--help', '-h']) {
      const result = await runCli(repo.root, flag);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^Usage: lockstep <command> \[options\]/);
      for (const command of ['compile', 'validate', 'plan', 'deploy', 'rollback'])
        expect(result.stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
    }
  });

  it('--version: exit 0 with the package version', async () => {
    expect(await runCli(repo.root, '--version')).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

describe('damaged state', () => {
  it('a corrupt deploy record under .lockstep is named, without a stack trace, and nothing is written', async () => {
    const repo = await tempRepo({
      ...repoFiles({ dev: 'channel: auto-update\n' }),
      '.lockstep/dev/deploys/1.json': '{bad\n',
    });
    try {
      const before = await repo.state();
      const result = await runCli(repo.root, 'plan');
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(
        /^\.lockstep\/dev\/deploys\/1\.json:1:1: not a valid deploy record; restore it/,
      );
      expect(result.stderr).not.toMatch(/internal error/);
      expect(result.stderr).not.toMatch(STACK_TRACE);
      expect(await repo.state()).toEqual(before);
    } finally {
      await repo.remove();
    }
  });
});

describe('--root', () => {
  it('runs on the named folder from anywhere', async () => {
    const repo = await tempRepo(repoFiles({ dev: 'channel: auto-update\n' }));
    try {
      const result = await runCli(tmpdir(), 'compile', '--root', repo.root);
      expect(result.code).toBe(0);
      expect(await repo.read('environments/dev.manifest.json')).toMatch(/"kind": "Manifest"/);
      expect((await runCli(tmpdir(), 'validate', '--root', repo.root)).code).toBe(0);
    } finally {
      await repo.remove();
    }
  });

  it('refuses a folder with no catalog with exit 2, saying where the catalog belongs', async () => {
    const empty = await tempRepo({ 'README.md': 'nothing here\n' });
    try {
      const result = await expectRefused(empty, 'validate');
      expect(result.stderr).toMatch(/^catalog:0:0: no catalog files \(\*\.yaml, \*\.yml, \*\.json\) found/);
      expect(result.stderr).not.toMatch(STACK_TRACE);
    } finally {
      await empty.remove();
    }
  });
});
