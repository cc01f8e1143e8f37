import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BENCH_LATENCY_MS, recordBenchmark } from './benchmarks.js';
import { type BotHarness, EXAMPLES, PEOPLE, startBot } from './harness.js';
import {
  approvalRun,
  devPinned,
  planComments,
  policyRun,
  recompiled,
  runsOf,
  stagingUnpinned,
} from './pull-fixture.js';

/** Writes the bot made, by operation: what "nothing else written" is checked against. */
const WRITES = /^(POST|PATCH|PUT|DELETE) (?!\/graphql|\/app\/)/;

describe('lockstep/policy on pull requests', () => {
  let bot: BotHarness;
  afterEach(async () => {
    await bot.close();
  });

  async function deployedEverywhere(options: Parameters<typeof startBot>[0] = {}) {
    bot = await startBot(options);
    for (const env of ['dev', 'staging', 'prod-eu']) await bot.recordDeploy(env);
  }

  it('passes a change to dev (auto-update) with the plan in the check and in one comment', async () => {
    await deployedEverywhere();
    const files = await recompiled(bot, devPinned(bot), ['dev']);
    const pr = await bot.openPull(PEOPLE.engineer, files);
    expect(pr.delivery?.status).toBe(200);

    const policy = policyRun(bot, pr.headSha);
    expect(policy?.conclusion).toBe('success');
    expect(policy?.output.title).toBe('dev: allowed');
    const summary = policy?.output.summary ?? '';
    expect(summary).toContain('This pull request changes **dev**.');
    expect(summary).toContain('| dev | changes it | ✅ allowed | channel auto-update | `deploy/dev/1` |');
    expect(summary).toContain('| staging | - | ✅ allowed | no change | `deploy/staging/1` |');
    expect(summary).toMatch(/\| platform \| 3\.4\.1 \| 3\.4\.0 \| downgrade \|/);
    expect(summary).toContain('after an event by @dana');
    expect(policy?.annotations).toEqual([]);

    expect(approvalRun(bot, pr.headSha)).toMatchObject({
      conclusion: 'success',
      output: { title: 'No approval needed' },
    });
    const comments = planComments(bot, pr.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain(`### Lockstep plan for \`${pr.headSha.slice(0, 7)}\``);
    expect(comments[0]).toMatch(/\| platform \| 3\.4\.1 \| 3\.4\.0 \| downgrade \|/);
  });

  it('fails a manifest that was not recompiled, with an annotation on the manifest', async () => {
    await deployedEverywhere();
    const pr = await bot.openPull(PEOPLE.engineer, stagingUnpinned(bot));
    const policy = policyRun(bot, pr.headSha);
    expect(policy?.conclusion).toBe('failure');
    expect(policy?.output.title).toBe('staging: drift');
    expect(policy?.annotations).toEqual([
      expect.objectContaining({
        path: 'environments/staging.manifest.json',
        start_line: 1,
        annotation_level: 'failure',
        title: 'Lockstep: manifest drift',
        message: expect.stringContaining('run lockstep compile staging and commit the result'),
      }),
    ]);
    expect(policy?.output.summary).toContain('### What to do');
    expect(policy?.output.summary).toContain('**staging**: fix the annotated problems (drift)');
  });

  it('fails malformed YAML with an annotation at the line, and writes nothing else', async () => {
    await deployedEverywhere();
    const dev = (bot.read('main', 'environments/dev.yaml') ?? '').replace(
      'channel: auto-update',
      'channel: [auto-update',
    );
    const pr = await bot.openPull(PEOPLE.engineer, { 'environments/dev.yaml': dev }, { deliver: false });
    const refs = [...bot.repo.git.refs.entries()];
    const mark = bot.fake.requests.length;
    await bot.deliver('pull_request', 'opened', { pull: pr.number, sender: PEOPLE.engineer });

    const policy = policyRun(bot, pr.headSha);
    expect(policy?.conclusion).toBe('failure');
    expect(policy?.output.title).toBe('Invalid Lockstep files: 1 problem (first: environments/dev.yaml:6)');
    expect(policy?.output.summary).toContain("`environments/dev.yaml:6:10`: invalid YAML: '[' is not closed");
    expect(policy?.output.summary).toContain('Fix it and push again');
    expect(policy?.annotations).toEqual([
      expect.objectContaining({
        path: 'environments/dev.yaml',
        start_line: 6,
        start_column: 10,
        annotation_level: 'failure',
        title: 'Lockstep: invalid input',
      }),
    ]);
    expect(approvalRun(bot, pr.headSha)).toBeUndefined();
    expect(planComments(bot, pr.number)).toEqual([]);
    expect([...bot.repo.git.refs.entries()]).toEqual(refs);
    const writes = bot.fake.requests.slice(mark).filter((r) => WRITES.test(`${r.method} ${r.path}`));
    expect(writes.map((r) => r.operationId)).toEqual(['checks/create']);
  });

  it('fails a schema error with an annotation naming the field, and writes nothing else', async () => {
    await deployedEverywhere();
    const dev = (bot.read('main', 'environments/dev.yaml') ?? '').replace(
      'channel: auto-update',
      'channel: weekly',
    );
    const pr = await bot.openPull(PEOPLE.engineer, { 'environments/dev.yaml': dev });
    const policy = policyRun(bot, pr.headSha);
    expect(policy?.conclusion).toBe('failure');
    expect(policy?.annotations).toEqual([
      expect.objectContaining({
        path: 'environments/dev.yaml',
        start_line: 6,
        annotation_level: 'failure',
        message: expect.stringContaining('channel'),
      }),
    ]);
    expect(approvalRun(bot, pr.headSha)).toBeUndefined();
    expect(planComments(bot, pr.number)).toEqual([]);
  });

  it('fails a pin that leaves no candidate, at the pin', async () => {
    await deployedEverywhere();
    const dev = (bot.read('main', 'environments/dev.yaml') ?? '').replace(
      'channel: auto-update\n',
      'channel: auto-update\npins:\n  platform: 9.9.9\n',
    );
    const pr = await bot.openPull(PEOPLE.engineer, { 'environments/dev.yaml': dev });
    const policy = policyRun(bot, pr.headSha);
    expect(policy?.conclusion).toBe('failure');
    expect(policy?.output.title).toBe('Invalid Lockstep files: 1 problem (first: environments/dev.yaml:8)');
    expect(policy?.annotations).toEqual([
      expect.objectContaining({ path: 'environments/dev.yaml', start_line: 8, annotation_level: 'failure' }),
    ]);
    expect(policy?.annotations[0]?.message).toContain('9.9.9');
    expect(approvalRun(bot, pr.headSha)).toBeUndefined();
  });

  it('passes a pull request that changes no Lockstep file at once, without loading the repository', async () => {
    await deployedEverywhere();
    bot.meter.reset();
    const pr = await bot.openPull(PEOPLE.engineer, { 'README.md': 'Deployment repository\n' });
    expect(policyRun(bot, pr.headSha)).toMatchObject({
      conclusion: 'success',
      output: { title: 'No Lockstep files changed' },
    });
    expect(approvalRun(bot, pr.headSha)).toMatchObject({
      conclusion: 'success',
      output: { title: 'No approval needed' },
    });
    expect(planComments(bot, pr.number)).toEqual([]);
    // One GraphQL request reads the pull request; the repository itself is not loaded.
    expect(bot.meter.operations.filter((op) => op.includes('graphql'))).toEqual(['POST /graphql']);
    // Config, token, the pull request and the runs; then the two checks.
    expect(bot.meter.calls).toBeLessThanOrEqual(6);
  });

  it('shows problems the base branch already has as warnings, unless the catalog changes', async () => {
    // After 2027-06-30 prod-eu's waiver has expired: a problem on main, not of this pull request.
    await deployedEverywhere({ clock: () => new Date('2027-07-02T00:00:00Z') });
    const files = await recompiled(bot, devPinned(bot), ['dev']);
    const pr = await bot.openPull(PEOPLE.engineer, files);
    const policy = policyRun(bot, pr.headSha);
    expect(policy?.conclusion).toBe('success');
    expect(policy?.annotations.length).toBeGreaterThan(0);
    expect(policy?.annotations.every((a) => a.annotation_level === 'warning')).toBe(true);
    expect(policy?.annotations.map((a) => a.path)).toContain('environments/prod-eu.yaml');
    expect(policy?.output.summary).toContain('Problems already on the base branch (warnings here)');

    const catalog = `${bot.read('main', 'catalog/platform.yaml') ?? ''}\n# reviewed\n`;
    const other = await bot.openPull(PEOPLE.engineer, { 'catalog/platform.yaml': catalog });
    const judged = policyRun(bot, other.headSha);
    expect(judged?.conclusion).toBe('failure');
    expect(judged?.output.summary).toContain('It changes the catalog, so every environment counts.');
    expect(judged?.annotations.some((a) => a.annotation_level === 'failure')).toBe(true);
  });

  it('writes no plan comment when bot.planComment is false', async () => {
    const settings = readFileSync(join(EXAMPLES, '.github/lockstep.yml'), 'utf8');
    await deployedEverywhere({
      files: { '.github/lockstep.yml': settings.replace('planComment: true', 'planComment: false') },
    });
    const files = await recompiled(bot, devPinned(bot), ['dev']);
    const pr = await bot.openPull(PEOPLE.engineer, files);
    expect(policyRun(bot, pr.headSha)?.conclusion).toBe('success');
    expect(planComments(bot, pr.number)).toEqual([]);
  });

  it('updates in place on redelivery, and writes nothing when nothing changed', async () => {
    await deployedEverywhere();
    const files = await recompiled(bot, stagingUnpinned(bot), ['staging']);
    const pr = await bot.openPull(PEOPLE.engineer, files);
    const mark = bot.fake.requests.length;
    await bot.deliver('pull_request', 'opened', {
      pull: pr.number,
      sender: PEOPLE.engineer,
      deliveryId: pr.delivery?.deliveryId ?? '',
    });
    expect(runsOf(bot, pr.headSha, 'lockstep/policy')).toHaveLength(1);
    expect(runsOf(bot, pr.headSha, 'lockstep/approval')).toHaveLength(1);
    expect(planComments(bot, pr.number)).toHaveLength(1);
    const writes = bot.fake.requests.slice(mark).filter((r) => WRITES.test(`${r.method} ${r.path}`));
    expect(writes).toEqual([]);

    // A push: new runs on the new head, the same comment updated.
    const next = bot.commit(`change-1`, { 'notes.md': 'why\n' });
    await bot.deliver('pull_request', 'synchronize', { pull: pr.number, sender: PEOPLE.engineer });
    expect(policyRun(bot, next)?.conclusion).toBe('success');
    expect(planComments(bot, pr.number)).toHaveLength(1);
    expect(planComments(bot, pr.number)[0]).toContain(next.slice(0, 7));
  });

  it('converges when two deliveries race: every run of a name agrees, one comment', async () => {
    await deployedEverywhere();
    const files = await recompiled(bot, stagingUnpinned(bot), ['staging']);
    const pr = await bot.openPull(PEOPLE.engineer, files, { deliver: false });
    const deliveries = await Promise.all([
      bot.deliver('pull_request', 'opened', { pull: pr.number, sender: PEOPLE.engineer }),
      bot.deliver('pull_request', 'opened', { pull: pr.number, sender: PEOPLE.engineer }),
    ]);
    expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
    for (const name of ['lockstep/policy', 'lockstep/approval']) {
      const runs = runsOf(bot, pr.headSha, name);
      expect(runs.length).toBeGreaterThanOrEqual(1);
      const views = new Set(
        runs.map((r) => JSON.stringify([r.conclusion, r.output.title, r.output.summary])),
      );
      expect(views.size).toBe(1);
    }
    expect(policyRun(bot, pr.headSha)?.output.title).toBe('staging: needs-approval');
    expect(planComments(bot, pr.number)).toHaveLength(1);

    // The next event updates every copy, so duplicates never disagree.
    await bot.review(PEOPLE.approver, pr.number);
    const approvals = runsOf(bot, pr.headSha, 'lockstep/approval');
    expect(approvals.every((r) => r.output.title?.startsWith('1 of 2 approvals'))).toBe(true);
  });

  it('converges after a 502 on checks/create when retries are on', async () => {
    await deployedEverywhere({ resilient: true });
    const files = await recompiled(bot, devPinned(bot), ['dev']);
    bot.fake.faults.inject({ operationId: 'checks/create', kind: 'status', status: 502, times: 1 });
    const pr = await bot.openPull(PEOPLE.engineer, files);
    expect(pr.delivery?.status).toBe(200);
    expect(bot.fake.faults.pending()).toEqual([]);
    expect(runsOf(bot, pr.headSha, 'lockstep/policy')).toHaveLength(1);
    expect(policyRun(bot, pr.headSha)?.conclusion).toBe('success');
    expect(approvalRun(bot, pr.headSha)?.conclusion).toBe('success');
  });

  it('benchmark: a policy check of a pull request changing one environment, deploy tags for all three', async () => {
    await deployedEverywhere();
    const files = await recompiled(bot, stagingUnpinned(bot), ['staging']);
    const pr = await bot.openPull(PEOPLE.engineer, files, { deliver: false });
    // Warm the installation token, so the count is the operation's own (Probot caches the token).
    await bot.comment(PEOPLE.engineer, pr.number, 'Ready for review');
    bot.meter.latencyMs = BENCH_LATENCY_MS;
    bot.meter.reset();
    await bot.deliver('pull_request', 'opened', { pull: pr.number, sender: PEOPLE.engineer });
    console.info(
      `PR policy check: ${bot.meter.calls} calls, ${bot.meter.rounds} round trips\n  ${bot.meter.operations.join('\n  ')}`,
    );
    // Probot's config read (1 call, 1 round trip) comes with every delivery. The minimum the API
    // allows is 6 calls in 4 round trips (docs/benchmarks.md): config; the pull request, its check
    // runs and the repository snapshot in one GraphQL request; the files of the last deploy tags;
    // three writes. Within 2x: at most 12 calls and 8 round trips.
    recordBenchmark('PR policy check', bot.meter);
    expect(bot.meter.calls).toBeLessThanOrEqual(10);
    expect(bot.meter.rounds).toBeLessThanOrEqual(6);
  });
});
