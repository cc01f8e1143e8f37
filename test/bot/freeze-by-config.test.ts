import { afterEach, describe, expect, it } from 'vitest';
import { tickAll } from '../../bot/tick.js';
import { createValidators } from '../../src/core/load/schema-check.js';
import {
  answers,
  humanProtection,
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
import { type BotHarness, NOW, PEOPLE, startBot } from './harness.js';

let bot: BotHarness;
afterEach(async () => {
  await bot?.close();
});

describe('freezes by config and by time', () => {
  it('protects the branch at the first event when an environment is frozen from the start, and then writes nothing', async () => {
    // As seeded, prod-eu has `channel: frozen`: the first event for the repository applies it.
    bot = await startBot({ files: { '.github/lockstep.yml': SETTINGS } });
    expect(bot.repo.protection.branches.has('main')).toBe(false);
    await bot.deliver('repository_dispatch', 'lockstep-tick');
    expect(await requiredOnMain(bot)).toEqual({
      contexts: ['lockstep/policy', 'lockstep/approval'],
      enforceAdmins: true,
    });
    expect(memory(bot)).toMatchObject({ before: null, why: 'scheduled tick (lockstep-tick)' });

    const mark = bot.fake.requests.length;
    bot.meter.reset();
    await bot.deliver('repository_dispatch', 'lockstep-tick');
    const tick = { calls: bot.meter.calls, rounds: bot.meter.rounds, operations: [...bot.meter.operations] };
    await bot.deliver('push', undefined);
    expect(writesSince(bot, mark)).toEqual([]);
    // The settings read (Probot's config) comes first; then the reconcile: one GraphQL request (the
    // environment files, command freezes and the protection memory) and the protection, at once;
    // then the security sync's reads (a snapshot and the open pull requests), which find nothing to do.
    expect(tick.operations.slice(1, 3).sort()).toEqual([
      'GET /repos/{owner}/{repo}/branches/{branch}/protection',
      'POST /graphql',
    ]);
    expect(
      tick.operations
        .slice(3)
        .map((op) => op.replace(/^GET https?:\/\/[^/]+/, 'GET ').replace(/\?.*$/, ''))
        .sort(),
    ).toEqual(['GET /repos/acme/platform/pulls', 'POST /graphql']);
    expect(tick.rounds).toBe(3);
    console.log(
      `reconcile without change: ${tick.calls} calls in ${tick.rounds} rounds\n  ${tick.operations.join('\n  ')}`,
    );
  });

  it('follows a merged config change to channel: frozen, and its revert', async () => {
    bot = await startBot({ files: UNFROZEN });
    const frozenStaging = STAGING.replace('channel: manual-approval', 'channel: frozen');
    const before = bot.repo.git.branch('main') ?? '';
    bot.commit('main', { 'environments/staging.yaml': frozenStaging }, 'Freeze staging for the audit');
    await bot.deliver('push', undefined, { before, sender: PEOPLE.manager });
    expect(await requiredOnMain(bot)).toEqual({
      contexts: ['lockstep/policy', 'lockstep/approval'],
      enforceAdmins: true,
    });
    expect(memory(bot)).toMatchObject({ before: null });

    const frozenAt = bot.repo.git.branch('main') ?? '';
    bot.commit('main', { 'environments/staging.yaml': STAGING }, 'Revert "Freeze staging for the audit"');
    await bot.deliver('push', undefined, { before: frozenAt, sender: PEOPLE.manager });
    expect(bot.repo.protection.branches.has('main')).toBe(false);
    expect(lockstepRefs(bot)).toEqual([]);
  });

  it('applies a freeze window on the tick inside it, and restores the protection on the tick after it', async () => {
    let now = NOW;
    bot = await startBot({ files: UNFROZEN, clock: () => now });
    await protectByHand(bot.as('acme'), humanProtection(bot.app.appId));
    const before = await protection(bot);

    await bot.deliver('repository_dispatch', 'lockstep-tick');
    expect(await protection(bot)).toEqual(before);
    expect(lockstepRefs(bot)).toEqual([]);

    now = new Date('2026-12-20T06:00:00Z');
    await bot.deliver('repository_dispatch', 'lockstep-tick');
    expect(await requiredOnMain(bot)).toEqual({
      contexts: ['ci/build', 'ci/lint', 'lockstep/policy', 'lockstep/approval'],
      enforceAdmins: true,
    });
    // Inside the window, an unfreeze command names the window that keeps prod-eu frozen.
    const issue = newIssue(bot);
    await bot.comment(PEOPLE.sre, issue, '/lockstep unfreeze prod-eu');
    expect(answers(bot, issue)[0]).toContain(
      'has a `freeze` window (2026-12-18T00:00:00Z until 2027-01-05T00:00:00Z (Year-end trading peak and financial close))',
    );

    now = new Date('2027-01-05T00:00:00Z');
    await bot.deliver('repository_dispatch', 'lockstep-tick');
    expect(await protection(bot)).toEqual(before);
    expect(lockstepRefs(bot)).toEqual([]);
  });

  it('re-adds the checks after a change by hand during the freeze, and keeps that change after it', async () => {
    bot = await startBot({ files: UNFROZEN });
    await protectByHand(bot.as('acme'), humanProtection(bot.app.appId));
    const issue = newIssue(bot);
    await bot.comment(PEOPLE.engineer, issue, '/lockstep freeze staging');
    // An administrator drops the Lockstep checks and admin enforcement, and adds a check of their own.
    const byHand = {
      ...humanProtection(bot.app.appId),
      required_status_checks: { strict: true, checks: [{ context: 'ci/build' }, { context: 'ci/security' }] },
      enforce_admins: false,
    };
    await protectByHand(bot.as('acme'), byHand);
    await bot.deliver('push', undefined);
    expect(await requiredOnMain(bot)).toEqual({
      contexts: ['ci/build', 'ci/security', 'lockstep/policy', 'lockstep/approval'],
      enforceAdmins: true,
    });
    await bot.comment(PEOPLE.engineer, issue, '/lockstep unfreeze staging');
    const after = bot.repo.protection.branches.get('main');
    expect(after?.required_status_checks?.checks).toEqual([
      { context: 'ci/build' },
      { context: 'ci/security' },
    ]);
    expect(after?.enforce_admins).toBe(false);
    expect(lockstepRefs(bot)).toEqual([]);
  });

  it("applies a freeze window from the server's own timer (tickAll)", async () => {
    let now = NOW;
    bot = await startBot({ files: UNFROZEN, clock: () => now });
    const deps = { validators: createValidators(), clock: () => now };
    await tickAll(bot.probot, deps, () => {});
    expect(bot.repo.protection.branches.has('main')).toBe(false);
    now = new Date('2026-12-18T00:00:00Z');
    const outcome = await tickAll(bot.probot, deps, () => {});
    expect(outcome).toEqual({ repositories: ['acme/platform'], failed: [] });
    expect(await requiredOnMain(bot)).toEqual({
      contexts: ['lockstep/policy', 'lockstep/approval'],
      enforceAdmins: true,
    });
  });
});
