import { afterEach, describe, expect, it } from 'vitest';
import { allowAutoMerge } from '../fake-github/graphql/auto-merge-store.js';
import type { PullRecord } from '../fake-github/state/pulls-store.js';
import { type BotHarness, PEOPLE, REPO, startBot } from './harness.js';
import { ADVISORY_0099, ADVISORY_0099_PROD_ONLY, ADVISORY_FILE, settingsFile } from './security-fixtures.js';
import {
  botComments,
  dispatchCatalog,
  openSecurityPulls,
  pushToMain,
  writesSince,
} from './security-helpers.js';
import * as kit from './security-merge-kit.js';

let bot: BotHarness;
afterEach(async () => {
  await bot.close();
});

/** Opens prod-eu's security PR under `securityMerge: mode`; `bot` is this test's harness. */
async function securityPullOf(mode: 'when-green' | 'auto-merge' | 'manual') {
  const opened = await kit.securityPullOf(mode);
  bot = opened.bot;
  return opened;
}

const check = (sha: string, name: string, conclusion?: 'success' | 'failure' | 'neutral', creator?: string) =>
  kit.check(bot, sha, name, conclusion, creator);
const suiteCompleted = (sha: string, deliveryId?: string) => kit.suiteCompleted(bot, sha, deliveryId);
const isMerged = (pull: PullRecord) => kit.isMerged(bot, pull);

describe('securityMerge: when-green', () => {
  it('merges once every check on the head is green, not before, and only once', async () => {
    const { pull, head } = await securityPullOf('when-green');
    // Nothing reported yet, not even lockstep/policy: wait.
    expect((await suiteCompleted(head)).status).toBe(200);
    expect(isMerged(pull)).toBe(false);
    check(head, 'lockstep/policy', 'success');
    const build = check(head, 'build');
    await suiteCompleted(head);
    expect(isMerged(pull)).toBe(false);
    bot.repo.checks.updateCheckRun(build.id, { status: 'completed', conclusion: 'success' });
    // Two events racing (two suites completing at once): one merge, one comment.
    const [a, b] = await Promise.all([suiteCompleted(head), suiteCompleted(head)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(isMerged(pull)).toBe(true);
    const merged = bot.repo.pulls.get(pull.number)!;
    expect(bot.read('main', 'environments/prod-eu.manifest.json')).toBe(
      bot.read(head, 'environments/prod-eu.manifest.json'),
    );
    expect(bot.repo.git.commit(merged.mergeCommitSha ?? '')?.parents).toHaveLength(1); // squash
    const comments = botComments(bot, pull.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain('Lockstep merged this pull request (squash; `securityMerge: when-green`)');
    expect(comments[0]).toContain(
      '3 check run(s) and 0 commit status(es) are green, `lockstep/policy` included',
    );
    expect(comments[0]).toContain('event sent by @github-actions[bot]');
    expect(bot.repo.git.branch('lockstep/security/prod-eu')).toBeUndefined();
    // Redelivered after the merge: nothing to do, nothing written.
    const mark = bot.fake.requests.length;
    await suiteCompleted(head, a.deliveryId);
    expect(writesSince(bot, mark)).toEqual([]);
  });

  it("merges on the bot's own lockstep/policy verdict of its PR (pull_request opened)", async () => {
    bot = await startBot({ files: settingsFile('when-green') });
    // Deployed before the advisory: lockstep/policy judges 1.2.7 -> 1.2.8 as an enforced patch.
    await bot.recordDeploy('prod-eu');
    await pushToMain(bot, { [ADVISORY_FILE]: ADVISORY_0099_PROD_ONLY });
    const pull = openSecurityPulls(bot).get('prod-eu')!;
    const head = bot.repo.pulls.headSha(pull);
    // GitHub tells the app about the pull request it opened.
    const opened = await bot.deliver('pull_request', 'opened', { pull: pull.number, sender: PEOPLE.bot });
    expect(opened.status).toBe(200);
    const policy = bot.repo.checks.checkRunsFor(head, 'lockstep/policy')[0];
    expect(policy?.conclusion).toBe('success');
    check(head, 'build', 'success');
    bot.meter.reset();
    await suiteCompleted(head);
    expect(isMerged(pull)).toBe(true);
    // The merge's cost: the PRs of the sha; checks, statuses and the head commit together; the
    // merge; the comment and the branch deletion together (plus Probot's read of the settings).
    const own = bot.meter.operations.filter((op) => !/access_tokens|\/contents\//.test(op));
    console.log(
      `merge when green: ${own.length} calls, ${bot.meter.rounds} round trips (with Probot's settings read): ${own.join(', ')}`,
    );
    expect(own).toHaveLength(7);
  });

  it('spends one call on a check event for a commit that is no security PR head', async () => {
    const { head } = await securityPullOf('when-green');
    const other = bot.commit('feature', { 'README.md': 'x\n' }, 'Unrelated');
    bot.meter.reset();
    await suiteCompleted(other);
    expect(bot.meter.operations.filter((op) => !/access_tokens|\/contents\//.test(op))).toEqual([
      'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
    ]);
    expect(head).not.toBe(other);
  });

  it('does not count a lockstep/policy check that another app or a workflow reported', async () => {
    const { pull, head } = await securityPullOf('when-green');
    check(head, 'lockstep/policy', 'success', PEOPLE.action);
    await suiteCompleted(head);
    expect(isMerged(pull)).toBe(false);
  });

  it('does not merge while a check fails or lockstep/policy is not a success', async () => {
    const { pull, head } = await securityPullOf('when-green');
    check(head, 'lockstep/policy', 'success');
    check(head, 'build', 'failure');
    await suiteCompleted(head);
    expect(isMerged(pull)).toBe(false);
    check(head, 'build', 'success');
    check(head, 'lockstep/policy', 'neutral');
    await suiteCompleted(head);
    expect(isMerged(pull)).toBe(false);
    expect(botComments(bot, pull.number)).toEqual([]);
  });

  it('judges commit statuses too, on status events', async () => {
    const { pull, head } = await securityPullOf('when-green');
    check(head, 'lockstep/policy', 'success');
    const status = (state: 'pending' | 'success') => {
      bot.repo.checks.addStatus({
        sha: head,
        state,
        context: 'ci/jenkins',
        description: null,
        targetUrl: null,
        creator: PEOPLE.action,
      });
      return bot.deliver('status', undefined, {
        sender: PEOPLE.action,
        payload: { sha: head, state, context: 'ci/jenkins' },
      });
    };
    await status('pending');
    expect(isMerged(pull)).toBe(false);
    await status('success');
    expect(isMerged(pull)).toBe(true);
    expect(botComments(bot, pull.number)[0]).toContain('2 check run(s) and 1 commit status(es) are green');
  });

  it('does not merge a head someone else pushed, until the next sync restores the bot commit', async () => {
    const { pull } = await securityPullOf('when-green');
    const pushed = bot.commit(
      'lockstep/security/prod-eu',
      { 'README.md': 'sneaked in\n' },
      'Unreviewed change',
    );
    check(pushed, 'lockstep/policy', 'success');
    await suiteCompleted(pushed);
    expect(isMerged(pull)).toBe(false);
    // The next catalog sync force-moves the branch back to the bot's commit.
    await dispatchCatalog(bot);
    const restored = bot.repo.pulls.headSha(bot.repo.pulls.get(pull.number)!);
    expect(restored).not.toBe(pushed);
    expect(bot.read(restored, 'README.md')).toBe(bot.read('main', 'README.md'));
    check(restored, 'lockstep/policy', 'success');
    check(restored, 'lockstep/approval', 'success');
    await suiteCompleted(restored);
    expect(isMerged(pull)).toBe(true);
  });
});

describe('a security PR the policy wants approvals for', () => {
  it('is merged when green only once lockstep/approval is green too, and never handed to auto-merge', async () => {
    bot = await startBot({ files: settingsFile('auto-merge') });
    allowAutoMerge(bot.repo);
    await pushToMain(bot, { [ADVISORY_FILE]: ADVISORY_0099 });
    // staging (manual-approval) reaches the fix by ordinary resolution: the policy wants approvals.
    const staging = openSecurityPulls(bot).get('staging')!;
    const head = bot.repo.pulls.headSha(staging);
    const { data } = await bot.as(PEOPLE.engineer).rest.pulls.get({ ...REPO, pull_number: staging.number });
    expect(data.auto_merge).toBeNull();
    expect(staging.body).toContain('Lockstep merges this PR itself once `lockstep/approval` is green too');
    expect(openSecurityPulls(bot).get('prod-eu')?.body).toContain('Lockstep enables GitHub auto-merge');
    check(head, 'lockstep/policy', 'success');
    const approval = check(head, 'lockstep/approval');
    await suiteCompleted(head);
    expect(isMerged(staging)).toBe(false);
    bot.repo.checks.updateCheckRun(approval.id, { status: 'completed', conclusion: 'success' });
    await suiteCompleted(head);
    expect(isMerged(staging)).toBe(true);
    expect(botComments(bot, staging.number).at(-1)).toContain(
      "`lockstep/policy` and `lockstep/approval` included.\n\nstaging's policy wants approvals for this change",
    );
  });
});

describe('approvals on a security PR, end to end', () => {
  it("waits for the reviews the bot's lockstep/approval counts, then merges", async () => {
    bot = await startBot({ files: settingsFile('when-green') });
    await bot.recordDeploy('staging');
    await pushToMain(bot, { [ADVISORY_FILE]: ADVISORY_0099 });
    const pull = openSecurityPulls(bot).get('staging')!;
    const head = bot.repo.pulls.headSha(pull);
    await bot.deliver('pull_request', 'opened', { pull: pull.number, sender: PEOPLE.bot });
    check(head, 'build', 'success');
    await suiteCompleted(head);
    expect(isMerged(pull)).toBe(false);
    await bot.review(PEOPLE.approver, pull.number);
    await bot.review(PEOPLE.sre, pull.number);
    expect(bot.repo.checks.checkRunsFor(head, 'lockstep/approval')[0]?.conclusion).toBe('success');
    await suiteCompleted(head);
    expect(isMerged(pull)).toBe(true);
  });
});

describe('securityMerge: manual', () => {
  it('never merges, and spends no call on check events', async () => {
    const { pull, head } = await securityPullOf('manual');
    expect(pull.body).toContain('`securityMerge: manual`: a person merges this PR');
    check(head, 'lockstep/policy', 'success');
    bot.meter.reset();
    await suiteCompleted(head);
    expect(isMerged(pull)).toBe(false);
    // Only Probot's own reads (installation token, settings) remain.
    expect(bot.meter.operations.filter((op) => !/contents|access_tokens/.test(op))).toEqual([]);
  });
});
