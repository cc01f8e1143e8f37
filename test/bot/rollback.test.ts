import { afterEach, describe, expect, it } from 'vitest';
import { BENCH_LATENCY_MS, recordBenchmark } from './benchmarks.js';
import { type BotHarness, PEOPLE, REPO, startBot } from './harness.js';
import {
  answers,
  DEV_PINNED,
  devDeployedTwice,
  judgedAt,
  opsIssue,
  rollbackPulls,
  settingsText,
  snapshot,
} from './rollback-fixtures.js';

// `/lockstep rollback` end to end: signed deliveries through Probot's middleware, the fake GitHub.
describe('/lockstep rollback', () => {
  let bot: BotHarness;
  afterEach(async () => {
    await bot.close();
  });
  const start = async () => {
    bot = await startBot({ files: { '.github/lockstep.yml': settingsText() } });
    return devDeployedTwice(bot);
  };
  const HOLD_DATE = '2026-12-02';

  it('opens one pull request that restores the files of the deploy before the last, plus a hold', async () => {
    const { first, second, d1, d2 } = await start();
    const issue = opsIssue(bot);
    const delivery = await bot.comment(PEOPLE.engineer, issue, '/lockstep rollback dev');
    expect(delivery.status).toBe(200);

    const [pull] = rollbackPulls(bot);
    expect(rollbackPulls(bot)).toHaveLength(1);
    expect(pull).toMatchObject({ base: 'main', state: 'open', title: 'Roll back dev to deploy/dev/1' });
    expect(bot.repo.issues.labelsOf(pull!.number).map((l) => l.name)).toEqual(['rollback']);
    const head = bot.repo.pulls.headSha(pull!);
    // Exactly the tag's files: the manifest byte for byte, the config with its comments plus the hold.
    expect(bot.read(head, 'environments/dev.manifest.json')).toBe(
      bot.read(first, 'environments/dev.manifest.json'),
    );
    expect(bot.read(head, 'environments/dev.yaml')).toBe(
      `${DEV_PINNED}hold:\n  reason: rolled back from deploy/dev/2 to deploy/dev/1 by @dana (/lockstep rollback in acme/platform#${issue})\n  since: ${HOLD_DATE}\n`,
    );
    // One commit on top of main touching only those two files.
    expect(bot.repo.git.commit(head)?.parents).toEqual([second]);
    expect(
      bot.repo.git
        .diff(second, head)
        .map((c) => c.filename)
        .sort(),
    ).toEqual(['environments/dev.manifest.json', 'environments/dev.yaml']);
    expect(bot.repo.git.commit(head)?.message).toMatch(/^Lockstep-Requested-By: dana$/m);

    const body = pull!.body ?? '';
    expect(body).toContain(
      `| **from**: last deploy | deploy/dev/2 | \`${d2.digest}\` | \`${second.slice(0, 7)}\` |`,
    );
    expect(body).toContain(
      `| **from**: committed on main | - | \`${d2.digest}\` | \`${second.slice(0, 7)}\` |`,
    );
    expect(body).toContain(`| **to** | deploy/dev/1 | \`${d1.digest}\` | \`${first.slice(0, 7)}\` |`);
    expect(body).toContain('@dana asked for this rollback with [`/lockstep rollback dev`]');
    expect(body).toContain(
      "the tag's `Lockstep-Digest` trailer and the `dev.manifest.json` attached to the release",
    );
    expect(body).toContain('| capability:payments | 1.3.1 | 1.3.0 | downgrade | rollback to deploy/dev/1 |');
    expect(body).toContain('**allowed**: rollback to deploy/dev/1 while frozen');
    expect(body).toContain('Merging this pull request redeploys');

    const [answer] = answers(bot, issue);
    expect(answers(bot, issue)).toHaveLength(1);
    expect(answer).toContain('@dana asked [`/lockstep rollback dev`]');
    expect(answer).toContain(`Opened #${pull!.number}: it rolls dev back from deploy/dev/2 to deploy/dev/1`);
    expect(answer).toContain('Verdict: **allowed**');
    expect(answer).toContain(
      `Merging #${pull!.number} redeploys that manifest through the normal deploy workflow.`,
    );
  });

  it('is judged a rollback by the core at the pull request head and once merged', async () => {
    await start();
    await bot.comment(PEOPLE.engineer, opsIssue(bot), '/lockstep rollback dev');
    const [pull] = rollbackPulls(bot);
    const atHead = await judgedAt(bot, bot.repo.pulls.headSha(pull!), 'dev');
    expect(atHead.evaluation.violations).toEqual([]);
    expect(atHead.evaluation.change).toMatchObject({ rollback: true, rollbackTo: 'deploy/dev/1' });
    expect(atHead.evaluation.verdict?.verdict).toBe('allowed');

    await bot.as(PEOPLE.approver).rest.pulls.merge({ ...REPO, pull_number: pull!.number });
    const merged = await judgedAt(bot, 'main', 'dev');
    expect(merged.evaluation.violations).toEqual([]);
    expect(merged.evaluation.change).toMatchObject({ rollback: true, rollbackTo: 'deploy/dev/1' });
  });

  it('rolls back to a named tag, and a second command updates the same pull request', async () => {
    const { first, d2 } = await start();
    const third = await import('./rollback-fixtures.js').then((f) =>
      f.commitCompiled(bot, 'dev', `${f.exampleConfig('dev')}\npins:\n  suites:\n    analytics: 1.1.2\n`),
    );
    await bot.recordDeploy('dev', third);
    const issue = opsIssue(bot);
    await bot.comment(PEOPLE.engineer, issue, '/lockstep rollback dev');
    const [pull] = rollbackPulls(bot);
    expect(pull!.title).toBe('Roll back dev to deploy/dev/2');
    expect(pull!.body).toContain(`| **to** | deploy/dev/2 | \`${d2.digest}\``);

    await bot.comment(PEOPLE.manager, issue, '/lockstep rollback dev to deploy/dev/1');
    expect(rollbackPulls(bot)).toHaveLength(1);
    const updated = bot.repo.pulls.get(pull!.number)!;
    expect(updated.title).toBe('Roll back dev to deploy/dev/1');
    const head = bot.repo.pulls.headSha(updated);
    expect(bot.read(head, 'environments/dev.manifest.json')).toBe(
      bot.read(first, 'environments/dev.manifest.json'),
    );
    expect(bot.read(head, 'environments/dev.yaml')).toContain(
      'reason: rolled back from deploy/dev/3 to deploy/dev/1 by @bob',
    );
    const said = answers(bot, issue);
    expect(said).toHaveLength(2);
    expect(said[1]).toContain(
      `Updated #${pull!.number}, the open rollback pull request of dev: it now rolls dev back from deploy/dev/3 to deploy/dev/1`,
    );
  });

  it('converges under redelivery and racing deliveries: one pull request, one commit, one answer', async () => {
    await start();
    const issue = opsIssue(bot);
    const first = await bot.comment(PEOPLE.engineer, issue, '/lockstep rollback dev');
    const comment = bot.repo.issues.commentsOn(issue).find((c) => c.user === PEOPLE.engineer)!;
    const [pull] = rollbackPulls(bot);
    const head = bot.repo.pulls.headSha(pull!);
    const again = { issue, comment: comment.id, sender: PEOPLE.engineer };
    expect(
      (await bot.deliver('issue_comment', 'created', { ...again, deliveryId: first.deliveryId })).status,
    ).toBe(200);
    const raced = await Promise.all([
      bot.deliver('issue_comment', 'created', again),
      bot.deliver('issue_comment', 'created', again),
    ]);
    expect(raced.map((d) => d.status)).toEqual([200, 200]);
    expect(rollbackPulls(bot)).toHaveLength(1);
    expect(bot.repo.pulls.headSha(bot.repo.pulls.get(pull!.number)!)).toBe(head);
    expect(answers(bot, issue)).toHaveLength(1);
  });

  it('races two fresh deliveries of one command into one pull request and one answer', async () => {
    await start();
    const issue = opsIssue(bot);
    await bot
      .as(PEOPLE.engineer)
      .rest.issues.createComment({ ...REPO, issue_number: issue, body: '/lockstep rollback dev' });
    const comment = bot.repo.issues.commentsOn(issue).at(-1)!;
    const opts = { issue, comment: comment.id, sender: PEOPLE.engineer };
    const raced = await Promise.all([
      bot.deliver('issue_comment', 'created', opts),
      bot.deliver('issue_comment', 'created', opts),
    ]);
    expect(raced.map((d) => d.status)).toEqual([200, 200]);
    expect(rollbackPulls(bot)).toHaveLength(1);
    expect(bot.repo.pulls.list()).toHaveLength(1);
    expect(answers(bot, issue)).toHaveLength(1);
    const head = bot.repo.pulls.headSha(rollbackPulls(bot)[0]!);
    expect(bot.read(head, 'environments/dev.yaml')).toContain('hold:');
  });

  it('reads the deploy tags through REST when there are more than one GraphQL page holds', async () => {
    const { first } = await start();
    // 101 tags of another environment push the listing past GraphQL's first page.
    for (let n = 1; n <= 101; n++) bot.repo.git.refs.set(`refs/tags/deploy/load-test/${n}`, first);
    bot.meter.reset();
    await bot.comment(PEOPLE.engineer, opsIssue(bot), '/lockstep rollback dev');
    expect(bot.meter.operations.some((op) => op.includes('/git/matching-refs/tags%2Fdeploy%2Fdev%2F'))).toBe(
      true,
    );
    expect(bot.meter.operations.filter((op) => op.endsWith('/git/tags/{tag_sha}'))).toHaveLength(2);
    const [pull] = rollbackPulls(bot);
    expect(pull!.title).toBe('Roll back dev to deploy/dev/1');
    expect(bot.read(bot.repo.pulls.headSha(pull!), 'environments/dev.manifest.json')).toBe(
      bot.read(first, 'environments/dev.manifest.json'),
    );
  });

  it('refuses a user without write access politely and writes nothing', async () => {
    await start();
    const issue = opsIssue(bot);
    const before = snapshot(bot);
    await bot.comment(PEOPLE.reader, issue, '/lockstep rollback dev');
    expect(answers(bot, issue)).toHaveLength(1);
    expect(answers(bot, issue)[0]).toContain('Sorry, only users with write access');
    expect(answers(bot, issue)[0]).toContain('@mallory has read access');
    expect(snapshot(bot)).toEqual(before);
  });

  it('counts the API calls and round trips of a rollback pull request (within 2x the minimum)', async () => {
    await start();
    const issue = opsIssue(bot);
    // Warm Probot's installation token, as a running bot has it.
    await bot.comment(PEOPLE.engineer, issue, 'hello');
    bot.meter.latencyMs = BENCH_LATENCY_MS;
    bot.meter.reset();
    const opened = await bot.comment(PEOPLE.engineer, issue, '/lockstep rollback dev');
    expect(rollbackPulls(bot)).toHaveLength(1);
    const first = { calls: bot.meter.calls, rounds: bot.meter.rounds, operations: [...bot.meter.operations] };
    recordBenchmark('rollback PR', bot.meter);
    const comment = bot.repo.issues.commentsOn(issue).find((c) => c.body === '/lockstep rollback dev')!;
    bot.meter.reset();
    await bot.deliver('issue_comment', 'created', {
      issue,
      comment: comment.id,
      sender: PEOPLE.engineer,
      deliveryId: opened.deliveryId,
    });
    const redelivered = { calls: bot.meter.calls, rounds: bot.meter.rounds };
    console.log(
      `rollback PR: ${first.calls} calls, ${first.rounds} round trips; redelivered: ${redelivered.calls} calls, ${redelivered.rounds} round trips\n${first.operations.join('\n')}`,
    );
    // recordBenchmark holds it to 2x the minimum (test/bot/benchmarks.ts); these are today's figures.
    expect(first).toMatchObject({ calls: 17, rounds: 14 });
  });
});
