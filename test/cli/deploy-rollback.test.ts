import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRefused, jsonOf, runCli } from '../helpers/cli.js';
import { environment, repoFiles } from '../helpers/fixture-repo.js';
import { type TempRepo, tempRepo } from '../helpers/temp-repo.js';

// Deploy and rollback with the embedded directory driver, end to end. Each describe is one story whose
// steps build on each other, in order, as a user would run them.

const PINNED = `channel: auto-update
# payments stays on 1.2.x until the new API is rolled out
pins:
  capabilities: { payments: ~1.2.7 }   # keep this comment
`;
const UNPINNED = 'channel: auto-update\n';

/** The manifest's digest, as written in a file. */
async function digestOf(repo: TempRepo, path: string): Promise<string> {
  return JSON.parse((await repo.read(path))!).digest as string;
}

/** True when a working-tree file has exactly the bytes it has at a tag (compared by Git blob id). */
async function sameAsTag(repo: TempRepo, path: string, tag: string): Promise<boolean> {
  return (await repo.git('hash-object', path)) === (await repo.git('rev-parse', `${tag}:${path}`));
}

async function tags(repo: TempRepo): Promise<string[]> {
  return (await repo.git('tag', '--list')).split('\n').filter(Boolean);
}

describe('deploy and rollback in a Git repository', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await tempRepo(repoFiles({ dev: PINNED }), { git: true });
    expect((await runCli(repo.root, 'compile')).code).toBe(0);
    await repo.commit('compile dev');
  });
  afterAll(() => repo.remove());

  it('creates the annotated tag deploy/dev/1 on HEAD with the digest trailer, and the deployed manifest', async () => {
    const digest = await digestOf(repo, 'environments/dev.manifest.json');
    const result = await runCli(repo.root, 'deploy', 'dev');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`^dev: deployed ${digest} as deploy/dev/1$`, 'm'));
    expect(await tags(repo)).toEqual(['deploy/dev/1']);
    expect(await repo.git('cat-file', '-t', 'deploy/dev/1')).toBe('tag');
    expect(await repo.git('rev-parse', 'deploy/dev/1^{commit}')).toBe(await repo.git('rev-parse', 'HEAD'));
    const message = await repo.git('tag', '--list', '--format=%(contents)', 'deploy/dev/1');
    expect(message).toMatch(/^Deploy dev #1$/m);
    expect(message).toMatch(new RegExp(`^Lockstep-Digest: ${digest}$`, 'm'));
    expect(await repo.read('.lockstep/dev/deployed.manifest.json')).toBe(
      await repo.read('environments/dev.manifest.json'),
    );
    const record = JSON.parse((await repo.read('.lockstep/dev/deploys/1.json'))!);
    expect(record).toMatchObject({ environment: 'dev', n: 1, tag: 'deploy/dev/1', digest });
    expect(record.commit).toBe(await repo.git('rev-parse', 'HEAD'));
  });

  it('says nothing to do when the same manifest is deployed again, and creates no tag', async () => {
    const before = await repo.state();
    const result = await runCli(repo.root, 'deploy', 'dev');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/is already deployed as deploy\/dev\/1; nothing to do/);
    expect(await repo.state()).toEqual(before);
  });

  it('refuses drift with exit 1, telling to run compile, and creates no tag', async () => {
    await repo.write({ 'environments/dev.yaml': environment('dev', UNPINNED) });
    await repo.commit('unpin payments, forgot to compile');
    const before = await repo.state();
    const result = await runCli(repo.root, 'deploy', 'dev');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\(drift\); run lockstep compile dev/);
    expect(result.stderr).toMatch(/^dev: not deployed$/m);
    expect(await repo.state()).toEqual(before);
  });

  it('refuses uncommitted environment files with exit 2 and writes nothing', async () => {
    expect((await runCli(repo.root, 'compile', 'dev')).code).toBe(0);
    const result = await expectRefused(repo, 'deploy', 'dev');
    expect(result.stderr).toMatch(
      /^lockstep: environments\/dev\.yaml and environments\/dev\.manifest\.json have uncommitted changes/,
    );
    const json = jsonOf(await expectRefused(repo, 'deploy', 'dev', '--json'));
    expect(json).toMatchObject({ ok: false, code: 'E_USAGE' });
  });

  it('deploys the committed change as deploy/dev/2, with --json', async () => {
    await repo.commit('compile dev');
    const result = await runCli(repo.root, 'deploy', 'dev', '--json');
    expect(result.code).toBe(0);
    expect(jsonOf(result)).toMatchObject({
      ok: true,
      deployed: true,
      tag: 'deploy/dev/2',
      n: 2,
      digest: await digestOf(repo, 'environments/dev.manifest.json'),
      commit: await repo.git('rev-parse', 'HEAD'),
      verdict: 'allowed',
      rollback: false,
      changes: [{ item: 'capability:payments', from: '1.2.7', to: '1.3.0', class: 'upgrade' }],
    });
    expect(await tags(repo)).toEqual(['deploy/dev/1', 'deploy/dev/2']);
  });

  it('rolls back by default to the tag before the last: files as at the tag, plus a hold', async () => {
    const result = await runCli(repo.root, 'rollback', 'dev');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^dev: rolled back from deploy\/dev\/2 to deploy\/dev\/1;/m);
    expect(await sameAsTag(repo, 'environments/dev.manifest.json', 'deploy/dev/1')).toBe(true);
    const config = (await repo.read('environments/dev.yaml'))!;
    expect(config).toContain('# payments stays on 1.2.x until the new API is rolled out');
    expect(config).toContain('# keep this comment');
    expect(config).toContain('payments: ~1.2.7');
    expect(config).toMatch(
      /^hold:\n {2}reason: rolled back from deploy\/dev\/2 to deploy\/dev\/1\n {2}since: \d{4}-\d\d-\d\d\n$/m,
    );
    expect(await tags(repo)).toEqual(['deploy/dev/1', 'deploy/dev/2']);
  });

  it('validates the rolled-back files as a rollback, not as drift', async () => {
    const text = await runCli(repo.root, 'validate');
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toMatch(
      /^dev: ok; verdict allowed \(rollback to deploy\/dev\/1 while frozen \(hold since/m,
    );
    const json = jsonOf(await runCli(repo.root, 'validate', '--json'));
    expect(json).toMatchObject({ ok: true, environments: [{ rollback: true, baseline: 'deploy/dev/2' }] });
  });

  it('deploys the rollback as the next tag, deploy/dev/3', async () => {
    await repo.commit('rollback dev');
    const result = await runCli(repo.root, 'deploy', 'dev');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/as deploy\/dev\/3 \(rollback to deploy\/dev\/1\)$/m);
    expect(await tags(repo)).toEqual(['deploy/dev/1', 'deploy/dev/2', 'deploy/dev/3']);
    expect(await repo.git('tag', '--list', '--format=%(contents)', 'deploy/dev/3')).toMatch(
      new RegExp(`^Lockstep-Digest: ${await digestOf(repo, 'environments/dev.manifest.json')}$`, 'm'),
    );
  });

  it('rolls back --to a named tag, with --json', async () => {
    const result = await runCli(repo.root, 'rollback', 'dev', '--to', 'deploy/dev/2', '--json');
    expect(result.code).toBe(0);
    const tagged = await repo.git('show', 'deploy/dev/2:environments/dev.manifest.json');
    expect(jsonOf(result)).toMatchObject({
      ok: true,
      from: 'deploy/dev/3',
      to: 'deploy/dev/2',
      digest: JSON.parse(tagged).digest,
      files: ['environments/dev.yaml', 'environments/dev.manifest.json'],
    });
    expect(await sameAsTag(repo, 'environments/dev.manifest.json', 'deploy/dev/2')).toBe(true);
    expect(await repo.read('environments/dev.yaml')).toMatch(
      /^hold:\n {2}reason: rolled back from deploy\/dev\/3 to deploy\/dev\/2$/m,
    );
  });

  it('refuses to overwrite uncommitted environment files with exit 2, and writes nothing', async () => {
    const result = await expectRefused(repo, 'rollback', 'dev', '--to', 'deploy/dev/1');
    expect(result.stderr).toMatch(
      /^lockstep: environments\/dev\.yaml and environments\/dev\.manifest\.json have uncommitted changes/,
    );
  });

  it('refuses --to an unknown tag with exit 2, listing the deploys, and writes nothing', async () => {
    await repo.git('checkout', '--', 'environments');
    const result = await expectRefused(repo, 'rollback', 'dev', '--to', 'deploy/dev/9');
    expect(result.stderr).toBe(
      "lockstep: no deploy 'deploy/dev/9' of dev (deploys: deploy/dev/1, deploy/dev/2, deploy/dev/3)\n",
    );
  });
});

describe('deploy under the channel rules in a Git repository', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await tempRepo(
      repoFiles({
        // prod runs payments 1.2.5 under a waiver, so that the advisory can bind it later.
        prod: 'channel: auto-update\npins:\n  capabilities: { payments: 1.2.5 }\nsecurity:\n  waivers:\n    - { advisory: ACME-2026-0042, until: 2099-01-01, reason: vendor fix pending, approvedBy: bob }\n',
        stage:
          'channel: manual-approval\napprovals: { required: 1, approvers: [alice] }\npins:\n  capabilities: { payments: ~1.2.7 }\n',
      }),
      { git: true },
    );
    expect((await runCli(repo.root, 'compile')).code).toBe(0);
    await repo.commit('compile');
    expect((await runCli(repo.root, 'deploy', 'prod')).code).toBe(0);
    expect((await runCli(repo.root, 'deploy', 'stage')).code).toBe(0);
  });
  afterAll(() => repo.remove());

  it('refuses an upgrade in a frozen environment with exit 1, and creates no tag', async () => {
    await repo.write({ 'environments/prod.yaml': environment('prod', 'channel: auto-update\n') });
    expect((await runCli(repo.root, 'compile', 'prod')).code).toBe(0);
    await repo.write({ 'environments/prod.yaml': environment('prod', 'channel: frozen\n') });
    expect((await runCli(repo.root, 'compile', 'prod')).code).toBe(0);
    await repo.commit('upgrade, then freeze');
    const before = await repo.state();
    const result = await runCli(repo.root, 'deploy', 'prod');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^environments\/prod\.yaml:\d+:\d+: prod: blocked: frozen \(channel frozen\)/m,
    );
    expect(result.stderr).toMatch(/^prod: not deployed$/m);
    expect(await repo.state()).toEqual(before);
  });

  it('deploys an enforced security patch in a frozen environment', async () => {
    // Back to the deployed files, then frozen without the waiver: only the patch may change.
    await repo.git(
      'checkout',
      'deploy/prod/1',
      '--',
      'environments/prod.yaml',
      'environments/prod.manifest.json',
    );
    await repo.write({
      'environments/prod.yaml': environment(
        'prod',
        'channel: frozen\npins:\n  capabilities: { payments: 1.2.5 }\n',
      ),
    });
    expect((await runCli(repo.root, 'compile', 'prod')).code).toBe(0);
    await repo.commit('freeze prod, waiver withdrawn');
    const result = await runCli(repo.root, 'deploy', 'prod', '--json');
    expect(result.code).toBe(0);
    expect(jsonOf(result)).toMatchObject({
      deployed: true,
      tag: 'deploy/prod/2',
      verdict: 'allowed',
      changes: [{ item: 'capability:payments', from: '1.2.5', to: '1.2.7', class: 'security-patch' }],
    });
  });

  it('deploys a manual-approval change and says that on GitHub it would need approval', async () => {
    await repo.write({
      'environments/stage.yaml': environment(
        'stage',
        'channel: manual-approval\napprovals: { required: 1, approvers: [alice] }\n',
      ),
    });
    expect((await runCli(repo.root, 'compile', 'stage')).code).toBe(0);
    await repo.commit('unpin stage');
    const result = await runCli(repo.root, 'deploy', 'stage');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^stage: deployed sha256:[a-f0-9]{64} as deploy\/stage\/2$/m);
    expect(result.stdout).toMatch(
      /^note: on GitHub this change would need approval: .*\(approvers: alice\)$/m,
    );
    expect(await tags(repo)).toEqual(['deploy/prod/1', 'deploy/prod/2', 'deploy/stage/1', 'deploy/stage/2']);
  });
});

describe('deploy and rollback without Git', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await tempRepo(repoFiles({ dev: PINNED }));
    expect((await runCli(repo.root, 'compile')).code).toBe(0);
  });
  afterAll(() => repo.remove());

  it('refuses a rollback before any deploy with exit 2, and writes nothing', async () => {
    const result = await expectRefused(repo, 'rollback', 'dev');
    expect(result.stderr).toBe(
      'lockstep: dev has 0 deploy(s); a rollback needs an earlier one (or name it with --to)\n',
    );
  });

  it('refuses a rollback after one deploy with exit 2, and writes nothing', async () => {
    const first = await runCli(repo.root, 'deploy', 'dev');
    expect(first.stdout).toMatch(/as deploy\/dev\/1$/m);
    expect(await repo.read('.git/HEAD')).toBeUndefined();
    const result = await expectRefused(repo, 'rollback', 'dev');
    expect(result.stderr).toBe(
      'lockstep: dev has 1 deploy(s); a rollback needs an earlier one (or name it with --to)\n',
    );
    expect(jsonOf(await expectRefused(repo, 'rollback', 'dev', '--json'))).toMatchObject({
      ok: false,
      code: 'E_USAGE',
    });
  });

  it('numbers deploys from the history under .lockstep', async () => {
    await repo.write({ 'environments/dev.yaml': environment('dev', UNPINNED) });
    expect((await runCli(repo.root, 'compile')).code).toBe(0);
    const second = await runCli(repo.root, 'deploy', 'dev', '--json');
    expect(second.code).toBe(0);
    expect(jsonOf(second)).toMatchObject({ tag: 'deploy/dev/2', n: 2, commit: null });
    const files = Object.keys(await repo.snapshot()).filter((p) => p.startsWith('.lockstep/'));
    expect(files.sort()).toEqual([
      '.lockstep/dev/deployed.manifest.json',
      '.lockstep/dev/deploys/1.json',
      '.lockstep/dev/deploys/2.json',
    ]);
    expect(await repo.read('.lockstep/dev/deployed.manifest.json')).toBe(
      await repo.read('environments/dev.manifest.json'),
    );
    expect(await repo.read('.git/HEAD')).toBeUndefined();
  });

  it('rolls back from the recorded files, and deploys the rollback as deploy/dev/3', async () => {
    const rollback = await runCli(repo.root, 'rollback', 'dev');
    expect(rollback.code).toBe(0);
    const record = JSON.parse((await repo.read('.lockstep/dev/deploys/1.json'))!);
    expect(await repo.read('environments/dev.manifest.json')).toBe(
      record.files['environments/dev.manifest.json'],
    );
    expect(await repo.read('environments/dev.yaml')).toContain('# keep this comment');
    expect((await runCli(repo.root, 'validate')).code).toBe(0);
    const deploy = await runCli(repo.root, 'deploy', 'dev');
    expect(deploy.code).toBe(0);
    expect(deploy.stdout).toMatch(/as deploy\/dev\/3 \(rollback to deploy\/dev\/1\)$/m);
  });
});
