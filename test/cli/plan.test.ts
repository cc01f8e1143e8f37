import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRefused, jsonOf, runCli } from '../helpers/cli.js';
import { environment, repoFiles } from '../helpers/fixture-repo.js';
import { type TempRepo, tempRepo } from '../helpers/temp-repo.js';

// `lockstep plan`: the last deployed manifest (before any deploy: the one committed at HEAD; with
// none, nothing) -> what compile gives now. Plan writes nothing, ever.

const PINNED = 'channel: auto-update\npins:\n  capabilities: { payments: ~1.2.7 }\n';
const UNPINNED = 'channel: auto-update\n';

interface PlanJson {
  ok: boolean;
  environments: {
    environment: string;
    baseline: string;
    from: string | null;
    to: string | null;
    verdict: string;
    changes: { item: string; from: string | null; to: string | null; class: string }[];
  }[];
}

/** Runs plan --json, checks it wrote nothing, and returns its one JSON document. */
async function planJson(repo: TempRepo, ...args: string[]): Promise<PlanJson> {
  const before = await repo.state();
  const result = await runCli(repo.root, 'plan', ...args, '--json');
  expect(result.code).toBe(0);
  expect(await repo.state()).toEqual(before);
  return jsonOf(result) as unknown as PlanJson;
}

describe('lockstep plan without Git', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await tempRepo(repoFiles({ dev: PINNED }));
  });
  afterAll(() => repo.remove());

  it('compares with nothing before any deploy: baseline none, every item added', async () => {
    const result = await runCli(repo.root, 'plan');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^dev \(from none\): allowed: channel auto-update$/m);
    const json = await planJson(repo);
    const [dev] = json.environments;
    expect(dev).toMatchObject({ environment: 'dev', baseline: 'none', from: null, verdict: 'allowed' });
    expect(dev!.changes.map((c) => c.class)).toEqual(Array(6).fill('added'));
    expect(dev!.changes).toContainEqual(
      expect.objectContaining({ item: 'capability:payments', to: '1.2.7' }),
    );
  });

  it('compares with the last deploy recorded under .lockstep', async () => {
    expect((await runCli(repo.root, 'compile')).code).toBe(0);
    const deployed = await runCli(repo.root, 'deploy', 'dev');
    expect(deployed.code).toBe(0);
    await repo.write({ 'environments/dev.yaml': environment('dev', UNPINNED) });
    const json = await planJson(repo, 'dev');
    const digest = JSON.parse((await repo.read('.lockstep/dev/deployed.manifest.json'))!).digest;
    expect(json.environments).toEqual([
      expect.objectContaining({
        baseline: 'deploy/dev/1',
        from: digest,
        changes: [
          expect.objectContaining({
            item: 'capability:payments',
            from: '1.2.7',
            to: '1.3.0',
            class: 'upgrade',
          }),
        ],
      }),
    ]);
  });
});

describe('lockstep plan in a Git repository', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await tempRepo(repoFiles({ dev: PINNED, prod: PINNED }), { git: true });
    expect((await runCli(repo.root, 'compile')).code).toBe(0);
    await repo.commit('compile');
  });
  afterAll(() => repo.remove());

  it('compares with the manifest committed at HEAD before any deploy', async () => {
    await repo.write({ 'environments/dev.yaml': environment('dev', UNPINNED) });
    const json = await planJson(repo);
    const committed = JSON.parse((await repo.git('show', 'HEAD:environments/dev.manifest.json')) || '{}');
    expect(json.environments).toEqual([
      expect.objectContaining({
        environment: 'dev',
        baseline: 'HEAD',
        from: committed.digest,
        changes: [
          expect.objectContaining({
            item: 'capability:payments',
            from: '1.2.7',
            to: '1.3.0',
            class: 'upgrade',
          }),
        ],
      }),
      expect.objectContaining({ environment: 'prod', baseline: 'HEAD', verdict: 'allowed', changes: [] }),
    ]);
    const text = await runCli(repo.root, 'plan', 'dev');
    expect(text.stdout).toMatch(/^dev \(from HEAD sha256:[a-f0-9]{12}\): allowed: channel auto-update$/m);
    expect(text.stdout).toMatch(/capability:payments\s+1\.2\.7\s+1\.3\.0\s+upgrade/);
  });

  it('compares with the last deploy tag after deploys', async () => {
    await repo.write({ 'environments/dev.yaml': environment('dev', PINNED) });
    expect((await runCli(repo.root, 'deploy', 'dev')).code).toBe(0);
    await repo.write({ 'environments/dev.yaml': environment('dev', UNPINNED) });
    expect((await runCli(repo.root, 'compile', 'dev')).code).toBe(0);
    await repo.commit('unpin payments');
    expect((await runCli(repo.root, 'deploy', 'dev')).code).toBe(0);
    // After two deploys the baseline is the second tag, and nothing has changed since.
    const json = await planJson(repo, 'dev');
    const tagged = JSON.parse(await repo.git('show', 'deploy/dev/2:environments/dev.manifest.json'));
    expect(json.environments).toEqual([
      expect.objectContaining({
        baseline: 'deploy/dev/2',
        from: tagged.digest,
        to: tagged.digest,
        changes: [],
      }),
    ]);
  });

  it('exits 1 when the change would be blocked, and still writes nothing', async () => {
    // prod moves payments 1.2.7 -> 1.3.0 and then freezes: the freeze keeps 1.3.0, which HEAD does not have.
    await repo.write({ 'environments/prod.yaml': environment('prod', UNPINNED) });
    expect((await runCli(repo.root, 'compile', 'prod')).code).toBe(0);
    await repo.write({ 'environments/prod.yaml': environment('prod', 'channel: frozen\n') });
    expect((await runCli(repo.root, 'compile', 'prod')).code).toBe(0);
    const before = await repo.state();
    const result = await runCli(repo.root, 'plan', 'prod', '--json');
    expect(result.code).toBe(1);
    expect(await repo.state()).toEqual(before);
    expect((jsonOf(result) as unknown as PlanJson).environments).toEqual([
      expect.objectContaining({
        baseline: 'HEAD',
        verdict: 'blocked',
        changes: [expect.objectContaining({ item: 'capability:payments', from: '1.2.7', to: '1.3.0' })],
      }),
    ]);
  });

  it('exits 2 on a schema error and writes nothing', async () => {
    await repo.write({ 'environments/prod.yaml': environment('prod', 'channel: frozen\nfreeze: yes\n') });
    const result = await expectRefused(repo, 'plan');
    expect(result.stderr).toBe("environments/prod.yaml:5:9: freeze: must be a list, got 'yes'\n");
    expect(jsonOf(await expectRefused(repo, 'plan', '--json'))).toMatchObject({ ok: false, code: 'E_INPUT' });
  });
});
