import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings, splitList } from '../../src/action/settings.js';
import { LockstepError } from '../../src/core/errors.js';

let workspace: string;
beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'lockstep-settings-'));
});
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

const ENV = { GITHUB_REPOSITORY: 'acme/deploy' };
const read = (inputs: Record<string, string>, env: Record<string, string | undefined> = ENV) =>
  readSettings((name) => inputs[name] ?? '', { GITHUB_WORKSPACE: workspace, ...env }, '/nowhere');
const failure = (inputs: Record<string, string>, env?: Record<string, string | undefined>): string => {
  try {
    read(inputs, env);
  } catch (error) {
    expect(error).toBeInstanceOf(LockstepError);
    return (error as LockstepError).message;
  }
  throw new Error('readSettings accepted bad input');
};

describe('readSettings', () => {
  it('reads every input and runner variable into one settings object, empty inputs as absent', () => {
    const s = read(
      {
        command: 'plan',
        environments: 'dev, staging\nprod-eu\n',
        root: '.',
        token: ' ghs_x ',
        'github-api-url': 'https://ghe.example.com/api/v3/',
        'tag-prefix': '',
      },
      {
        ...ENV,
        GITHUB_SHA: 'abc',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: '42',
        GITHUB_EVENT_PATH: '/tmp/event.json',
      },
    );
    expect(s).toEqual({
      command: 'plan',
      environments: ['dev', 'staging', 'prod-eu'],
      root: workspace,
      rootInWorkspace: '',
      token: 'ghs_x',
      apiUrl: 'https://ghe.example.com/api/v3',
      repository: { owner: 'acme', repo: 'deploy' },
      sha: 'abc',
      runUrl: 'https://github.com/acme/deploy/actions/runs/42',
      eventPath: '/tmp/event.json',
      rollbackOnFailure: false,
      logUrl: 'https://github.com/acme/deploy/actions/runs/42',
      reportFormat: 'md',
      reportPath: join(workspace, 'lockstep-report.md'),
      overdueDays: 7,
    });
  });

  it('defaults: command validate, root the workspace, every environment, API URL from the runner', () => {
    const s = read({ token: 't' }, { ...ENV, GITHUB_API_URL: 'https://api.github.com' });
    expect(s.command).toBe('validate');
    expect(s.root).toBe(workspace);
    expect(s.environments).toEqual([]);
    expect(s.apiUrl).toBe('https://api.github.com');
    expect(s.tagPrefix).toBeUndefined();
  });

  it('a root inside the workspace gives annotation paths relative to the workspace', async () => {
    expect(read({ token: 't', root: '.' }).rootInWorkspace).toBe('');
    await mkdir(join(workspace, 'deploy-repo'));
    expect(read({ token: 't', root: 'deploy-repo' }).rootInWorkspace).toBe('deploy-repo');
  });

  it('an unknown command names the input and the accepted values', () => {
    expect(failure({ command: 'ship', token: 't' })).toMatch(
      /input 'command' is 'ship': expected one of compile, validate, plan, deploy, report/,
    );
  });

  it('an empty token says how to pass one', () => {
    expect(failure({ token: '  ' })).toContain(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the workflow expression users write
      "input 'token' is empty: pass token: ${{ github.token }} or a PAT",
    );
  });

  it('a missing root names the input and the folder', () => {
    expect(failure({ token: 't', root: 'no/such/dir' })).toMatch(
      /input 'root' is 'no\/such\/dir': no such folder/,
    );
  });

  it('invalid environment names are listed', () => {
    expect(failure({ token: 't', environments: 'dev, Prod EU, ../x' })).toMatch(
      /input 'environments' has invalid name\(s\) 'Prod EU', '\.\.\/x'/,
    );
  });

  it('a bad tag prefix and a bad API URL are named', () => {
    const message = failure({ token: 't', 'tag-prefix': 'deploy/x', 'github-api-url': 'ftp://x' });
    expect(message).toMatch(/input 'tag-prefix' is 'deploy\/x'/);
    expect(message).toMatch(/input 'github-api-url' is 'ftp:\/\/x': expected an http\(s\) URL/);
  });

  it('overdue-days: a whole number of days, 0 or more', () => {
    expect(read({ token: 't', 'overdue-days': '0' }).overdueDays).toBe(0);
    expect(read({ token: 't', 'overdue-days': ' 30 ' }).overdueDays).toBe(30);
    for (const bad of ['-1', '1.5', 'seven', '1e3'])
      expect(failure({ token: 't', 'overdue-days': bad })).toContain(
        `input 'overdue-days' is '${bad}': expected a whole number of days, 0 or more (default 7)`,
      );
  });

  it('GITHUB_REPOSITORY must be owner/repo', () => {
    expect(failure({ token: 't' }, { GITHUB_REPOSITORY: undefined })).toMatch(
      /variable GITHUB_REPOSITORY is '': expected owner\/repo/,
    );
  });

  it('reports every problem at once', () => {
    const message = failure({ command: 'nope', root: 'missing' });
    expect(message.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(3);
  });
});

describe('splitList', () => {
  it('splits on commas and new lines, drops blanks and duplicates', () => {
    expect(splitList(' a,b\n\n c ,a,')).toEqual(['a', 'b', 'c']);
  });
});
