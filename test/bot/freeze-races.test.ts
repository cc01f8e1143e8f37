import type { Octokit } from '@octokit/rest';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createBotContext } from '../../bot/bot-context.js';
import { bodyFromGitHub } from '../../bot/freeze/protection-body.js';
import { reconcileProtection } from '../../bot/freeze/reconcile-protection.js';
import { createValidators } from '../../src/core/load/schema-check.js';
import {
  answers,
  humanProtection,
  lastComment,
  lockstepRefs,
  memory,
  newIssue,
  protectByHand,
  protection,
  requiredOnMain,
  SETTINGS,
  STAGING,
  UNFROZEN,
  writesSince,
} from './freeze-fixture.js';
import { type BotHarness, NOW, PEOPLE, REPO, startBot } from './harness.js';

let bot: BotHarness;
afterEach(async () => {
  await bot?.close();
});

describe('freezes under redelivery, races and faults', () => {
  it('carries out a redelivered freeze once, and never again after an unfreeze', async () => {
    bot = await startBot({ files: UNFROZEN });
    const issue = newIssue(bot);
    const first = await bot.comment(PEOPLE.engineer, issue, '/lockstep freeze staging incident 42');
    const freezeComment = lastComment(bot, issue);
    const mark = bot.fake.requests.length;
    await bot.deliver('issue_comment', 'created', {
      issue,
      sender: PEOPLE.engineer,
      deliveryId: first.deliveryId,
    });
    expect(writesSince(bot, mark)).toEqual([]);
    expect(answers(bot, issue)).toHaveLength(1);

    await bot.comment(PEOPLE.engineer, issue, '/lockstep unfreeze staging');
    // GitHub redelivers the old freeze comment: it was answered, so it does not freeze again.
    await bot.deliver('issue_comment', 'created', {
      issue,
      comment: freezeComment,
      sender: PEOPLE.engineer,
      deliveryId: first.deliveryId,
    });
    expect(lockstepRefs(bot)).toEqual([]);
    expect(bot.repo.protection.branches.has('main')).toBe(false);
    expect(answers(bot, issue)).toHaveLength(2);
  });

  it('converges when a delivery and its redelivery race: one record, one answer', async () => {
    bot = await startBot({ files: UNFROZEN });
    const issue = newIssue(bot);
    await bot
      .as(PEOPLE.engineer)
      .rest.issues.createComment({ ...REPO, issue_number: issue, body: '/lockstep freeze staging' });
    const deliveryId = 'b4b1e2d0-0000-4000-8000-000000000001';
    await Promise.all([
      bot.deliver('issue_comment', 'created', { issue, sender: PEOPLE.engineer, deliveryId }),
      bot.deliver('issue_comment', 'created', { issue, sender: PEOPLE.engineer, deliveryId }),
    ]);
    expect(lockstepRefs(bot)).toEqual(['refs/lockstep/freeze/staging', 'refs/lockstep/protection/main']);
    expect(answers(bot, issue)).toHaveLength(1);
    expect(answers(bot, issue)[0]).toContain('Froze **staging** by @dana');
    expect(await requiredOnMain(bot)).toEqual({
      contexts: ['lockstep/policy', 'lockstep/approval'],
      enforceAdmins: true,
    });
  });

  it('converges when two people freeze the same environment at once: the first freeze stands', async () => {
    bot = await startBot({ files: UNFROZEN });
    const issue = newIssue(bot);
    await bot
      .as(PEOPLE.engineer)
      .rest.issues.createComment({ ...REPO, issue_number: issue, body: '/lockstep freeze dev a' });
    const a = lastComment(bot, issue);
    await bot
      .as(PEOPLE.manager)
      .rest.issues.createComment({ ...REPO, issue_number: issue, body: '/lockstep freeze dev b' });
    const b = lastComment(bot, issue);
    await Promise.all([
      bot.deliver('issue_comment', 'created', { issue, comment: a, sender: PEOPLE.engineer }),
      bot.deliver('issue_comment', 'created', { issue, comment: b, sender: PEOPLE.manager }),
    ]);
    expect(lockstepRefs(bot)).toEqual(['refs/lockstep/freeze/dev', 'refs/lockstep/protection/main']);
    const texts = answers(bot, issue);
    expect(texts).toHaveLength(2);
    expect(texts.filter((t) => t.includes('Froze **dev**'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('**dev** is already frozen'))).toHaveLength(1);
    expect(await requiredOnMain(bot)).toEqual({ contexts: ['lockstep/policy'], enforceAdmins: true });
  });

  it('converges when a freeze and the last unfreeze race', async () => {
    bot = await startBot({ files: UNFROZEN });
    const issue = newIssue(bot);
    await bot.comment(PEOPLE.engineer, issue, '/lockstep freeze dev');
    await bot
      .as(PEOPLE.engineer)
      .rest.issues.createComment({ ...REPO, issue_number: issue, body: '/lockstep unfreeze dev' });
    const unfreeze = lastComment(bot, issue);
    await bot
      .as(PEOPLE.manager)
      .rest.issues.createComment({ ...REPO, issue_number: issue, body: '/lockstep freeze staging' });
    const freeze = lastComment(bot, issue);
    await Promise.all([
      bot.deliver('issue_comment', 'created', { issue, comment: unfreeze, sender: PEOPLE.engineer }),
      bot.deliver('issue_comment', 'created', { issue, comment: freeze, sender: PEOPLE.manager }),
    ]);
    const converged = async () => {
      expect(lockstepRefs(bot)).toEqual(['refs/lockstep/freeze/staging', 'refs/lockstep/protection/main']);
      expect(await requiredOnMain(bot)).toEqual({
        contexts: ['lockstep/policy', 'lockstep/approval'],
        enforceAdmins: true,
      });
      // The memory still says "no protection before", so the last unfreeze will remove it again.
      expect(memory(bot)).toMatchObject({ before: null });
    };
    await converged();
    await bot.deliver('repository_dispatch', 'lockstep-tick');
    await converged();
  });

  it('rides out a 502 and a secondary rate limit mid-reconcile (retries on)', async () => {
    bot = await startBot({ files: UNFROZEN, resilient: true });
    bot.fake.faults.inject({ operationId: 'git/create-ref', kind: 'status', status: 502, times: 1 });
    bot.fake.faults.inject({
      operationId: 'repos/update-branch-protection',
      kind: 'secondary-rate-limit',
      times: 1,
    });
    const issue = newIssue(bot);
    await bot.comment(PEOPLE.engineer, issue, '/lockstep freeze staging');
    expect(bot.fake.faults.pending()).toEqual([]);
    expect(lockstepRefs(bot)).toEqual(['refs/lockstep/freeze/staging', 'refs/lockstep/protection/main']);
    expect(await requiredOnMain(bot)).toEqual({
      contexts: ['lockstep/policy', 'lockstep/approval'],
      enforceAdmins: true,
    });
    expect(answers(bot, issue)).toHaveLength(1);
  });

  it('converges on a rerun after GitHub failed past the retries mid-reconcile', async () => {
    bot = await startBot({ files: UNFROZEN, resilient: true });
    await protectByHand(bot.as('acme'), humanProtection(bot.app.appId));
    const before = await protection(bot);
    // The protection PUT fails on every retry: the freeze and the memory are recorded, nothing else.
    bot.fake.faults.inject({
      operationId: 'repos/update-branch-protection',
      kind: 'status',
      status: 502,
      times: 4,
    });
    const issue = newIssue(bot);
    const failed = await bot.comment(PEOPLE.engineer, issue, '/lockstep freeze staging');
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(await protection(bot)).toEqual(before);
    expect(answers(bot, issue)).toEqual([]);
    // GitHub's "Redeliver" (or the next event) finishes the job.
    await bot.deliver('issue_comment', 'created', {
      issue,
      sender: PEOPLE.engineer,
      deliveryId: failed.deliveryId,
    });
    expect(await requiredOnMain(bot)).toEqual({
      contexts: ['ci/build', 'ci/lint', 'lockstep/policy', 'lockstep/approval'],
      enforceAdmins: true,
    });
    expect(memory(bot)).toMatchObject({ before: bodyFromGitHub(before as never) });
    expect(answers(bot, issue)).toHaveLength(1);

    // The same on the way back: the restore fails, then a tick finishes it exactly.
    bot.fake.faults.inject({
      operationId: 'repos/update-branch-protection',
      kind: 'status',
      status: 502,
      times: 4,
    });
    const unfreeze = await bot.comment(PEOPLE.engineer, issue, '/lockstep unfreeze staging');
    expect(unfreeze.status).toBeGreaterThanOrEqual(500);
    expect(lockstepRefs(bot)).toEqual(['refs/lockstep/protection/main']);
    await bot.deliver('repository_dispatch', 'lockstep-tick');
    expect(await protection(bot)).toEqual(before);
    expect(lockstepRefs(bot)).toEqual([]);
  });
});

describe('freezes when GitHub or the files say no', () => {
  /** The bot's context over `octokit`, as the app builds it for a delivery. */
  function contextWith(octokit: Octokit, now = NOW) {
    return createBotContext(
      {
        octokit,
        coordinates: REPO,
        defaultBranch: 'main',
        sender: PEOPLE.engineer,
        readConfig: async () => parseYaml(bot.read('main', '.github/lockstep.yml') ?? '') as unknown,
        log: () => {},
      },
      { validators: createValidators(), clock: () => now },
    );
  }

  it('reports a refused protection change (no Administration permission) instead of failing', async () => {
    bot = await startBot({ files: { '.github/lockstep.yml': SETTINGS } });
    const octokit = bot.as(PEOPLE.bot);
    octokit.hook.wrap('request', async (request, options) => {
      if (String(options.url).includes('/protection'))
        throw Object.assign(new Error('Resource not accessible by integration'), { status: 403 });
      return request(options);
    });
    const outcome = await reconcileProtection(await contextWith(octokit), 'test');
    expect(outcome).toMatchObject({
      change: 'none',
      frozen: [{ name: 'prod-eu', reasons: ['channel frozen'] }],
      problem: { kind: 'refused', message: 'Resource not accessible by integration' },
    });
    expect(lockstepRefs(bot)).toEqual([]);
  });

  it('keeps the protection while an environment file does not load', async () => {
    bot = await startBot({ files: UNFROZEN });
    const issue = newIssue(bot);
    await bot.comment(PEOPLE.engineer, issue, '/lockstep freeze dev');
    bot.commit('main', {
      'environments/staging.yaml':
        'apiVersion: lockstep/v1\nkind: Environment\nname: staging\nchannel: frozn\n',
    });
    await bot.comment(PEOPLE.engineer, issue, '/lockstep unfreeze dev');
    expect(await requiredOnMain(bot)).toEqual({ contexts: ['lockstep/policy'], enforceAdmins: true });
    expect(lockstepRefs(bot)).toEqual(['refs/lockstep/protection/main']);
    expect(answers(bot, issue)[1]).toContain(
      'while environment files do not load (environments/staging.yaml:4',
    );
    // The fix lands: the push restores the protection (there was none).
    const broken = bot.repo.git.branch('main') ?? '';
    bot.commit('main', { 'environments/staging.yaml': STAGING });
    await bot.deliver('push', undefined, { before: broken });
    expect(bot.repo.protection.branches.has('main')).toBe(false);
    expect(lockstepRefs(bot)).toEqual([]);
  });
});
