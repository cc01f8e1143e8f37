import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { policyDataBlock } from '../../bot/pulls/policy-data.js';
import { BENCH_LATENCY_MS, recordBenchmark } from './benchmarks.js';
import { type BotHarness, PEOPLE, REPO, startBot } from './harness.js';
import { approvalRun, policyRun, recompiled, runsOf, stagingUnpinned } from './pull-fixture.js';

const FROM = 'from alice, carol-ops, @acme/release-managers';

describe('lockstep/approval through pull request reviews', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBot();
    for (const env of ['dev', 'staging', 'prod-eu']) await bot.recordDeploy(env);
  });
  afterEach(async () => {
    await bot.close();
  });

  /** A pull request by `author` upgrading staging: needs 2 approvals. */
  async function stagingPull(author: string = PEOPLE.engineer) {
    const files = await recompiled(bot, stagingUnpinned(bot), ['staging']);
    return bot.openPull(author, files);
  }

  const approval = (sha: string) => approvalRun(bot, sha);

  it('counts listed approvers and team members on the head commit, never others', async () => {
    const pr = await stagingPull();
    expect(policyRun(bot, pr.headSha)?.output.title).toBe('staging: needs-approval');
    expect(approval(pr.headSha)).toMatchObject({
      conclusion: 'action_required',
      output: { title: `0 of 2 approvals ${FROM}` },
    });

    await bot.review(PEOPLE.approver, pr.number);
    expect(approval(pr.headSha)).toMatchObject({
      conclusion: 'action_required',
      output: { title: `1 of 2 approvals ${FROM}` },
    });
    expect(approval(pr.headSha)?.output.summary).toContain('1 of 2 approvals (alice)');

    // mallory (read access, not listed) approves: does not count, and the check says why.
    await bot.review(PEOPLE.reader, pr.number);
    expect(approval(pr.headSha)?.output.title).toBe(`1 of 2 approvals ${FROM}`);
    expect(approval(pr.headSha)?.output.summary).toContain('@mallory is not a listed approver');

    // bob is in @acme/release-managers.
    await bot.review(PEOPLE.manager, pr.number);
    expect(approval(pr.headSha)).toMatchObject({
      conclusion: 'success',
      output: { title: `2 of 2 approvals ${FROM}` },
    });
    expect(approval(pr.headSha)?.output.summary).toContain('2 of 2 approvals (alice, bob)');
    expect(runsOf(bot, pr.headSha, 'lockstep/approval')).toHaveLength(1);
  });

  it("never counts the author's approval, even when the author is a listed approver", async () => {
    const pr = await stagingPull(PEOPLE.approver);
    // GitHub refuses it...
    await expect(
      bot.as(PEOPLE.approver).rest.pulls.createReview({
        ...REPO,
        pull_number: pr.number,
        commit_id: pr.headSha,
        event: 'APPROVE',
      }),
    ).rejects.toMatchObject({ status: 422 });
    // ...and were it there (an older GitHub, a changed author), the count leaves it out.
    const record = bot.repo.pulls.get(pr.number);
    record?.reviews.push({
      id: 990_001,
      user: bot.fake.state.account(PEOPLE.approver),
      body: '',
      state: 'APPROVED',
      commitId: pr.headSha,
      submittedAt: '2026-12-02T09:05:00Z',
    });
    await bot.deliver('pull_request_review', 'submitted', { pull: pr.number, sender: PEOPLE.approver });
    expect(approval(pr.headSha)?.output.title).toBe(`0 of 2 approvals ${FROM}`);
    expect(approval(pr.headSha)?.output.summary).toContain('@alice is the author');
  });

  it('makes approvals stale on a push, and withdraws a dismissed one', async () => {
    const pr = await stagingPull();
    await bot.review(PEOPLE.approver, pr.number);
    await bot.review(PEOPLE.manager, pr.number);
    expect(approval(pr.headSha)?.conclusion).toBe('success');

    const next = bot.commit('change-1', { 'notes.md': 'release notes\n' });
    await bot.deliver('pull_request', 'synchronize', { pull: pr.number, sender: PEOPLE.engineer });
    expect(approval(next)).toMatchObject({
      conclusion: 'action_required',
      output: { title: `0 of 2 approvals ${FROM}` },
    });
    expect(approval(next)?.output.summary).toContain(
      `@alice approved an earlier commit (\`${pr.headSha.slice(0, 7)}\`): approve again`,
    );
    // The old head keeps what it had.
    expect(approval(pr.headSha)?.conclusion).toBe('success');

    await bot.review(PEOPLE.approver, pr.number);
    await bot.review(PEOPLE.manager, pr.number);
    expect(approval(next)?.conclusion).toBe('success');

    const bobs = bot.repo.pulls.get(pr.number)?.reviews.filter((r) => r.user.login === PEOPLE.manager) ?? [];
    const review = bobs.at(-1)?.id ?? 0;
    await bot.as(PEOPLE.sre).rest.pulls.dismissReview({
      ...REPO,
      pull_number: pr.number,
      review_id: review,
      message: 'Approved the wrong pull request',
    });
    await bot.deliver('pull_request_review', 'dismissed', { pull: pr.number, review, sender: PEOPLE.sre });
    expect(approval(next)).toMatchObject({
      conclusion: 'action_required',
      output: { title: `1 of 2 approvals ${FROM}` },
    });
    expect(runsOf(bot, next, 'lockstep/approval')).toHaveLength(1);
  });

  it('converges when two reviews are counted concurrently', async () => {
    const pr = await stagingPull();
    for (const login of [PEOPLE.approver, PEOPLE.manager]) {
      await bot.as(login).rest.pulls.createReview({
        ...REPO,
        pull_number: pr.number,
        commit_id: pr.headSha,
        event: 'APPROVE',
      });
    }
    const reviews = bot.repo.pulls.get(pr.number)?.reviews ?? [];
    await Promise.all(
      reviews.map((r) =>
        bot.deliver('pull_request_review', 'submitted', {
          pull: pr.number,
          review: r.id,
          sender: r.user.login,
        }),
      ),
    );
    const runs = runsOf(bot, pr.headSha, 'lockstep/approval');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ conclusion: 'success', output: { title: `2 of 2 approvals ${FROM}` } });
  });

  it('counts again when reviews change while it counts (no compare-and-set on check runs)', async () => {
    const pr = await stagingPull();
    await bot.as(PEOPLE.approver).rest.pulls.createReview({
      ...REPO,
      pull_number: pr.number,
      commit_id: pr.headSha,
      event: 'APPROVE',
    });
    // bob approves while the bot writes the count of alice's review alone.
    bot.fake.faults.inject({ operationId: 'checks/update', kind: 'delay', ms: 150 });
    const delivery = bot.deliver('pull_request_review', 'submitted', {
      pull: pr.number,
      sender: PEOPLE.approver,
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    await bot.as(PEOPLE.manager).rest.pulls.createReview({
      ...REPO,
      pull_number: pr.number,
      commit_id: pr.headSha,
      event: 'APPROVE',
    });
    await delivery;
    expect(approval(pr.headSha)).toMatchObject({ conclusion: 'success' });
  });

  it('trusts only its own policy run: a look-alike from another app changes nothing', async () => {
    const pr = await stagingPull();
    const impostor = bot.fake.registerApp({ slug: 'impostor' });
    expect(impostor.botLogin).toBe('impostor[bot]');
    bot.repo.checks.createCheckRun(pr.headSha, 'lockstep/policy', 'impostor[bot]', {
      status: 'completed',
      conclusion: 'success',
      output: {
        title: 'No approval needed',
        summary: policyDataBlock({ sha: pr.headSha, state: 'judged', needs: [] }),
      },
    });
    await bot.as(PEOPLE.approver).rest.pulls.createReview({
      ...REPO,
      pull_number: pr.number,
      commit_id: pr.headSha,
      event: 'APPROVE',
    });
    // Two apps are installed now: the delivery names Lockstep's installation.
    await bot.deliver('pull_request_review', 'submitted', {
      pull: pr.number,
      sender: PEOPLE.approver,
      installationId: bot.app.installationId,
    });
    expect(approval(pr.headSha)).toMatchObject({
      conclusion: 'action_required',
      output: { title: `1 of 2 approvals ${FROM}` },
    });
  });

  it('benchmark: an approval recompute reads one check run and the reviews', async () => {
    const pr = await stagingPull();
    await bot.as(PEOPLE.approver).rest.pulls.createReview({
      ...REPO,
      pull_number: pr.number,
      commit_id: pr.headSha,
      event: 'APPROVE',
    });
    bot.meter.latencyMs = BENCH_LATENCY_MS;
    bot.meter.reset();
    await bot.deliver('pull_request_review', 'submitted', { pull: pr.number, sender: PEOPLE.approver });
    console.info(
      `approval recompute: ${bot.meter.calls} calls, ${bot.meter.rounds} round trips\n  ${bot.meter.operations.join('\n  ')}`,
    );
    expect(bot.meter.operations.filter((op) => op.includes('graphql'))).toEqual([]);
    recordBenchmark('approval recompute', bot.meter);
    // Probot's config read (1 call, 1 round trip) comes with every delivery.
    expect(bot.meter.calls).toBeLessThanOrEqual(5);
    expect(bot.meter.rounds).toBeLessThanOrEqual(4);
    expect(approval(pr.headSha)?.output.title).toBe(`1 of 2 approvals ${FROM}`);
  });
});
