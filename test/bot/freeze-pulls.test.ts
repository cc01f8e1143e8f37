import { afterEach, describe, expect, it } from 'vitest';
import { answers, newIssue, UNFROZEN } from './freeze-fixture.js';
import { type BotHarness, PEOPLE, startBot } from './harness.js';
import { devPinned, policyRun, recompiled } from './pull-fixture.js';

let bot: BotHarness;
afterEach(async () => {
  await bot?.close();
});

describe('a freeze judges the open pull requests again', () => {
  it('turns a green pull request red while dev is frozen by command, and green again after', async () => {
    bot = await startBot({ files: UNFROZEN });
    for (const env of ['dev', 'staging', 'prod-eu']) await bot.recordDeploy(env);
    const pr = await bot.openPull(PEOPLE.engineer, await recompiled(bot, devPinned(bot), ['dev']));
    expect(policyRun(bot, pr.headSha)?.conclusion).toBe('success');

    const issue = newIssue(bot);
    await bot.comment(PEOPLE.sre, issue, '/lockstep freeze dev incident 42');
    const frozen = policyRun(bot, pr.headSha);
    expect(frozen?.conclusion).toBe('failure');
    expect(frozen?.output.summary).toContain('frozen by @carol-ops with /lockstep freeze');
    expect(answers(bot, issue).at(-1)).toContain('I judged the 1 open pull request into `main` again');

    await bot.comment(PEOPLE.sre, issue, '/lockstep unfreeze dev');
    expect(policyRun(bot, pr.headSha)?.conclusion).toBe('success');
    // One run per name on the head, updated in place each time.
    expect(bot.repo.checks.checkRunsFor(pr.headSha, 'lockstep/policy')).toHaveLength(1);
  });
});
