import { afterEach, describe, expect, it } from 'vitest';
import { type BotHarness, PEOPLE, startBot } from './harness.js';
import { answers, devDeployedTwice, opsIssue, rollbackPulls, settingsText } from './rollback-fixtures.js';

// GitHub failing mid-rollback: with retries on the delivery converges by itself; without, GitHub's
// redelivery (or a rerun of the command) converges on one pull request and one answer.
describe('rollback under GitHub faults', () => {
  let bot: BotHarness;
  afterEach(async () => {
    await bot.close();
  });

  it('converges through 502s and a secondary rate limit with retries and throttling on', async () => {
    bot = await startBot({ resilient: true, files: { '.github/lockstep.yml': settingsText() } });
    const { first } = await devDeployedTwice(bot);
    bot.fake.faults.inject({ method: 'POST', path: '/graphql', kind: 'status', status: 502, times: 1 });
    bot.fake.faults.inject({ operationId: 'git/create-tree', kind: 'status', status: 502, times: 1 });
    bot.fake.faults.inject({ operationId: 'pulls/create', kind: 'secondary-rate-limit', retryAfter: 1 });
    const issue = opsIssue(bot);
    expect((await bot.comment(PEOPLE.engineer, issue, '/lockstep rollback dev')).status).toBe(200);
    expect(bot.fake.faults.pending()).toEqual([]);
    expect(rollbackPulls(bot)).toHaveLength(1);
    const head = bot.repo.pulls.headSha(rollbackPulls(bot)[0]!);
    expect(bot.read(head, 'environments/dev.manifest.json')).toBe(
      bot.read(first, 'environments/dev.manifest.json'),
    );
    expect(answers(bot, issue)).toHaveLength(1);
  });

  it('converges on redelivery after a 502 that failed the delivery mid-way', async () => {
    bot = await startBot({ files: { '.github/lockstep.yml': settingsText() } });
    await devDeployedTwice(bot);
    bot.fake.faults.inject({ operationId: 'pulls/create', kind: 'status', status: 502, times: 1 });
    const issue = opsIssue(bot);
    const failed = await bot.comment(PEOPLE.engineer, issue, '/lockstep rollback dev');
    expect(failed.status).not.toBe(200);
    // The branch was written, the pull request not: the redelivery picks up from there.
    const branch = bot.repo.git.branch('lockstep/rollback/dev');
    expect(branch).toBeDefined();
    expect(rollbackPulls(bot)).toEqual([]);
    const comment = bot.repo.issues.commentsOn(issue).find((c) => c.user === PEOPLE.engineer)!;
    const again = await bot.deliver('issue_comment', 'created', {
      issue,
      comment: comment.id,
      sender: PEOPLE.engineer,
      deliveryId: failed.deliveryId,
    });
    expect(again.status).toBe(200);
    expect(rollbackPulls(bot)).toHaveLength(1);
    expect(bot.repo.git.branch('lockstep/rollback/dev')).toBe(branch);
    expect(answers(bot, issue)).toHaveLength(1);
    expect(answers(bot, issue)[0]).toContain('Opened #');
  });
});
