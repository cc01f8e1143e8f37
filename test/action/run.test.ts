import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/action/run.js';
import type { Settings } from '../../src/action/settings.js';
import { fsReader } from '../../src/cli/fs-reader.js';
import type { GitHubPort } from '../../src/github/github-port.js';
import {
  copyExamples,
  EXAMPLES,
  exampleDeploys,
  fakeCommit,
  fakePort,
  NOW,
  recordingIo,
  settingsFor,
} from './fakes.js';

const temps: string[] = [];
afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function damagedExamples(edit: (root: string) => Promise<void>): Promise<string> {
  const root = await copyExamples();
  temps.push(root);
  await edit(root);
  return root;
}

async function runWith(root: string, more: Partial<Settings> = {}, port?: GitHubPort) {
  const io = recordingIo();
  const result = await run({
    settings: settingsFor(root, more),
    port: port ?? fakePort(await exampleDeploys()),
    readerForWorkspace: fsReader,
    io,
    now: () => NOW,
  });
  return { io, result };
}

describe('run: validate', () => {
  it('passes on the examples against their deploy tags, with outputs and a summary', async () => {
    const port = fakePort(await exampleDeploys());
    const { io, result } = await runWith(EXAMPLES, {}, port);
    expect(io.failures).toEqual([]);
    expect(io.annotations).toEqual([]);
    expect(io.outputs.changed).toBe('true');
    expect(io.outputs.verdict).toBe('needs-approval');
    expect(io.outputs.digest).toBe('');
    const doc = JSON.parse(io.outputs.result ?? '');
    expect(doc.ok).toBe(true);
    expect(Object.keys(doc.environments)).toEqual(['dev', 'prod-eu', 'staging']);
    expect(doc.environments.dev).toMatchObject({
      baseline: 'deploy/dev/1',
      verdict: 'allowed',
      changed: true,
    });
    expect(doc.environments['prod-eu'].changes).toEqual([
      expect.objectContaining({ item: 'capability:payments', class: 'security-patch' }),
    ]);
    expect(io.summaries.join('')).toMatch(/## Lockstep validate: passed/);
    expect(result?.environments).toHaveLength(3);
    // Reads only: deploy tags with the settings' prefix, and the last tag's files.
    expect(port.calls).toContain('deployTags deploy staging');
    // The last tag's files are read at its commit (one call fewer than naming the tag).
    expect(port.calls).toContain(`readerAt ${fakeCommit('deploy/staging/1')}`);
  });

  it('one environment: digest is its committed manifest digest', async () => {
    const { io } = await runWith(EXAMPLES, { environments: ['dev'] });
    const manifest = JSON.parse(await readFile(join(EXAMPLES, 'environments/dev.manifest.json'), 'utf8'));
    expect(io.outputs.digest).toBe(manifest.digest);
    expect(io.outputs.verdict).toBe('allowed');
  });

  it('with no deploy tag the baseline is none: every item is added', async () => {
    const { io } = await runWith(EXAMPLES, { environments: ['dev'] }, fakePort());
    const dev = JSON.parse(io.outputs.result ?? '').environments.dev;
    expect(dev.baseline).toBe('none');
    expect(dev.changes.every((c: { class: string }) => c.class === 'added')).toBe(true);
    expect(io.failures).toEqual([]);
  });

  it('a schema error is annotated at its file, line and column, and fails the step', async () => {
    const root = await damagedExamples(async (r) => {
      const path = join(r, 'environments/dev.yaml');
      await writeFile(
        path,
        (await readFile(path, 'utf8')).replace('channel: auto-update', 'channel: sometimes'),
      );
    });
    const { io, result } = await runWith(root, { rootInWorkspace: 'deploy-repo' });
    expect(result).toBeUndefined();
    expect(io.annotations).toEqual([
      {
        level: 'error',
        message: expect.stringMatching(/channel/),
        properties: {
          title: 'Lockstep: invalid input',
          file: 'deploy-repo/environments/dev.yaml',
          startLine: 6,
          startColumn: 10,
        },
      },
    ]);
    expect(io.failures).toEqual(['1 input error(s): see the annotations and the job summary']);
    expect(io.summaries.join('')).toMatch(/invalid input[\s\S]*`environments\/dev\.yaml:6:10`/);
    expect(io.outputs).toEqual({});
  });

  it('a drifted manifest fails with an annotation that says to run lockstep compile', async () => {
    const root = await damagedExamples(async (r) => {
      const path = join(r, 'environments/dev.manifest.json');
      await writeFile(
        path,
        (await readFile(path, 'utf8')).replace('"channel": "auto-update"', '"channel": "frozen"'),
      );
    });
    const { io } = await runWith(root);
    const drift = io.annotations.find((a) => a.properties?.title === 'Lockstep: manifest drift');
    expect(drift).toMatchObject({
      level: 'error',
      message: expect.stringContaining('run lockstep compile dev'),
      properties: { file: 'environments/dev.manifest.json', startLine: 1, startColumn: 1 },
    });
    expect(io.failures).toEqual([expect.stringMatching(/policy violation\(s\)/)]);
    expect(JSON.parse(io.outputs.result ?? '').ok).toBe(false);
  });

  it('an unknown environment fails the step with the known ones', async () => {
    const { io } = await runWith(EXAMPLES, { environments: ['qa'] });
    expect(io.failures).toEqual(["unknown environment 'qa' (known: dev, prod-eu, staging)"]);
    expect(io.annotations).toEqual([]);
  });

  it('errors that are not Lockstep input errors propagate (main.ts fails the step)', async () => {
    const port = fakePort();
    port.deployTags = async () => {
      throw new Error('GitHub is down');
    };
    await expect(runWith(EXAMPLES, {}, port)).rejects.toThrow('GitHub is down');
  });
});

describe('run: plan', () => {
  it('writes the change table per environment to the job summary', async () => {
    const { io } = await runWith(EXAMPLES, { command: 'plan' });
    expect(io.failures).toEqual([]);
    const summary = io.summaries.join('');
    expect(summary).toMatch(/## Lockstep plan: passed/);
    expect(summary).toContain('### staging');
    expect(summary).toContain('| item | from | to | class | why |');
    expect(summary).toContain(
      '| platform | 3.4.0 | 3.4.1 | upgrade | newer release within pins and ranges |',
    );
    expect(summary).toContain(
      '| capability:payments | 1.2.5 | 1.2.7 | security-patch | ACME-2026-0042 (critical) |',
    );
    expect(summary).toMatch(/\*\*Verdict:\*\* .* needs-approval: channel manual-approval/);
  });

  it('a blocked environment fails the step, annotated on its channel', async () => {
    // prod-eu's last deploy ran other versions: a frozen environment may not move back to its manifest.
    const deploys = await exampleDeploys();
    const dev = deploys.find((d) => d.tag.tag === 'deploy/dev/1')!;
    const prod = deploys.find((d) => d.tag.tag === 'deploy/prod-eu/1')!;
    prod.files['environments/prod-eu.manifest.json'] = dev.files['environments/dev.manifest.json']!;
    const { io } = await runWith(EXAMPLES, { command: 'plan', environments: ['prod-eu'] }, fakePort(deploys));
    expect(io.outputs.verdict).toBe('blocked');
    expect(io.failures).toEqual([expect.stringMatching(/^blocked by policy: prod-eu/)]);
    expect(io.annotations).toEqual([
      expect.objectContaining({
        level: 'error',
        properties: expect.objectContaining({
          title: 'Lockstep: blocked by policy',
          file: 'environments/prod-eu.yaml',
          startLine: 7,
          startColumn: 10,
        }),
      }),
    ]);
  });
});

describe('run: compile', () => {
  it('passes when every committed manifest is what compile gives', async () => {
    const { io } = await runWith(EXAMPLES, { command: 'compile' }, fakePort());
    expect(io.failures).toEqual([]);
    expect(io.outputs.changed).toBe('false');
    expect(io.outputs.verdict).toBe('');
  });

  it('an out-of-date manifest fails, annotated "run lockstep compile", and nothing is written', async () => {
    const root = await damagedExamples(async (r) => {
      await rm(join(r, 'environments/staging.manifest.json'));
      const path = join(r, 'environments/dev.manifest.json');
      await writeFile(path, `${await readFile(path, 'utf8')}\n`);
    });
    const { io } = await runWith(root, { command: 'compile' }, fakePort());
    expect(io.annotations.map((a) => [a.message, a.properties])).toEqual([
      [
        'environments/dev.manifest.json is out of date: run lockstep compile dev and commit the result',
        {
          title: 'Lockstep: manifest out of date',
          file: 'environments/dev.manifest.json',
          startLine: 1,
          startColumn: 1,
        },
      ],
      [
        'environments/staging.manifest.json is missing: run lockstep compile staging and commit the result',
        { title: 'Lockstep: manifest out of date', file: 'environments/staging.manifest.json' },
      ],
    ]);
    expect(io.failures).toEqual([expect.stringMatching(/out of date: dev, staging; run lockstep compile/)]);
    expect(io.outputs.changed).toBe('true');
    await expect(readFile(join(root, 'environments/staging.manifest.json'))).rejects.toThrow();
  });
});

describe('run: a deployment repository in a folder of the checkout', () => {
  it('reads the deploy tag files and annotates under that folder', async () => {
    const deploys = (await exampleDeploys()).map((d) => ({
      tag: d.tag,
      files: Object.fromEntries(Object.entries(d.files).map(([path, text]) => [`deploy-repo/${path}`, text])),
    }));
    const { io } = await runWith(
      EXAMPLES,
      { command: 'plan', environments: ['staging'], rootInWorkspace: 'deploy-repo' },
      fakePort(deploys),
    );
    expect(JSON.parse(io.outputs.result ?? '').environments.staging.baseline).toBe('deploy/staging/1');
    expect(io.summaries.join('')).toContain('| platform | 3.4.0 | 3.4.1 | upgrade |');
  });
});
