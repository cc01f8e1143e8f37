import { afterEach, describe, expect, it } from 'vitest';
import { bodyFromGitHub } from '../../bot/freeze/protection-body.js';
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
  UNFROZEN,
  writesSince,
} from './freeze-fixture.js';
import { type BotHarness, NOW, PEOPLE, startBot } from './harness.js';

let bot: BotHarness;
afterEach(async () => {
  await bot?.close();
});

describe('freezes by command', () => {
  it('adds the required checks to an existing protection, then restores it exactly', async () => {
    bot = await startBot({ files: UNFROZEN });
    await protectByHand(bot.as('acme'), humanProtection(bot.app.appId));
    const before = await protection(bot);
    const issue = newIssue(bot);

    bot.meter.reset();
    await bot.comment(PEOPLE.engineer, issue, '/lockstep freeze staging incident 42');
    const freezeCalls = {
      calls: bot.meter.calls,
      rounds: bot.meter.rounds,
      operations: [...bot.meter.operations],
    };

    const frozen = bot.repo.protection.branches.get('main');
    expect(frozen?.required_status_checks?.checks).toEqual([
      { context: 'ci/build', app_id: bot.app.appId },
      { context: 'ci/lint' },
      // Pinned to Lockstep's app: a commit status named lockstep/policy cannot pass the freeze.
      { context: 'lockstep/policy', app_id: bot.app.appId },
      { context: 'lockstep/approval', app_id: bot.app.appId },
    ]);
    expect(frozen?.enforce_admins).toBe(true);
    // Everything else is as the owner set it.
    const { required_status_checks: _c, enforce_admins: _e, ...rest } = humanProtection(bot.app.appId);
    expect(frozen).toMatchObject(rest);
    expect(memory(bot)).toMatchObject({ branch: 'main', before: bodyFromGitHub(before as never) });
    expect(lockstepRefs(bot)).toEqual(['refs/lockstep/freeze/staging', 'refs/lockstep/protection/main']);
    const [answer] = answers(bot, issue);
    expect(answers(bot, issue)).toHaveLength(1);
    expect(answer).toContain('@dana asked [`/lockstep freeze staging incident 42`]');
    expect(answer).toContain(`Froze **staging** by @dana at ${NOW.toISOString()}, reason: "incident 42"`);
    expect(answer).toContain('requires `lockstep/policy` and `lockstep/approval` with `enforce_admins` on');
    expect(answer).toContain('`refs/lockstep/protection/main`');
    expect(answer).toContain('To lift it: `/lockstep unfreeze staging`');

    bot.meter.reset();
    await bot.comment(PEOPLE.approver, issue, '/lockstep unfreeze staging');
    const unfreezeCalls = {
      calls: bot.meter.calls,
      rounds: bot.meter.rounds,
      operations: [...bot.meter.operations],
    };
    expect(await protection(bot)).toEqual(before);
    expect(lockstepRefs(bot)).toEqual([]);
    expect(answers(bot, issue)[1]).toContain('Lifted the freeze of **staging** set by @dana');
    expect(answers(bot, issue)[1]).toContain('No environment is frozen any more');
    console.log(`freeze command: ${JSON.stringify(freezeCalls, null, 1)}`);
    console.log(`unfreeze command: ${JSON.stringify(unfreezeCalls, null, 1)}`);
  });

  it('protects an unprotected branch, and removes the protection again on unfreeze', async () => {
    bot = await startBot({ files: UNFROZEN });
    const issue = newIssue(bot);
    await bot.comment(PEOPLE.engineer, issue, '/lockstep freeze dev');
    // dev lists no approvers: a rollback there needs none, so only the policy check is required.
    expect(await requiredOnMain(bot)).toEqual({ contexts: ['lockstep/policy'], enforceAdmins: true });
    expect(memory(bot)).toMatchObject({ before: null, why: '/lockstep freeze dev by @dana' });
    await bot.comment(PEOPLE.engineer, issue, '/lockstep unfreeze dev');
    expect(bot.repo.protection.branches.has('main')).toBe(false);
    expect(lockstepRefs(bot)).toEqual([]);
  });

  it('keeps the protection while another environment stays frozen', async () => {
    bot = await startBot({ files: UNFROZEN });
    const issue = newIssue(bot);
    await bot.comment(PEOPLE.engineer, issue, '/lockstep freeze dev');
    await bot.comment(PEOPLE.manager, issue, '/lockstep freeze staging release week');
    expect(await requiredOnMain(bot)).toEqual({
      contexts: ['lockstep/policy', 'lockstep/approval'],
      enforceAdmins: true,
    });
    await bot.comment(PEOPLE.engineer, issue, '/lockstep unfreeze staging');
    // dev is still frozen; it lists no approvers, so the approval check Lockstep added goes.
    expect(await requiredOnMain(bot)).toEqual({ contexts: ['lockstep/policy'], enforceAdmins: true });
    expect(answers(bot, issue)[2]).toContain('Frozen now: **dev** (/lockstep freeze)');
    expect(lockstepRefs(bot)).toEqual(['refs/lockstep/freeze/dev', 'refs/lockstep/protection/main']);
    await bot.comment(PEOPLE.engineer, issue, '/lockstep unfreeze dev');
    expect(bot.repo.protection.branches.has('main')).toBe(false);
    expect(lockstepRefs(bot)).toEqual([]);
  });

  it('answers an unknown environment with the known ones and writes nothing', async () => {
    bot = await startBot({ files: UNFROZEN });
    const issue = newIssue(bot);
    const mark = bot.fake.requests.length;
    await bot.comment(PEOPLE.engineer, issue, '/lockstep freeze qa');
    await bot.comment(PEOPLE.engineer, issue, '/lockstep unfreeze qa');
    expect(answers(bot, issue)[0]).toContain(
      'There is no environment `qa` on `main` (known: `dev`, `prod-eu`, `staging`)',
    );
    expect(answers(bot, issue)[1]).toContain('There is no environment `qa`');
    expect(answers(bot, issue).every((a) => a.includes('Nothing was changed'))).toBe(true);
    expect(writesSince(bot, mark).filter((op) => op !== 'issues/create-comment')).toEqual([]);
    expect(lockstepRefs(bot)).toEqual([]);
  });

  it('refuses users without access, and changes nothing', async () => {
    bot = await startBot({ files: UNFROZEN });
    const issue = newIssue(bot);
    const mark = bot.fake.requests.length;
    await bot.comment(PEOPLE.reader, issue, '/lockstep freeze prod-eu');
    await bot.comment(PEOPLE.stranger, issue, '/lockstep unfreeze prod-eu');
    expect(answers(bot, issue)[0]).toContain('@mallory has read access');
    expect(answers(bot, issue)[1]).toContain('@erin has none access');
    expect(writesSince(bot, mark).filter((op) => op !== 'issues/create-comment')).toEqual([]);
    expect(bot.repo.protection.branches.has('main')).toBe(false);
    expect(lockstepRefs(bot)).toEqual([]);
  });

  it('says who froze an environment already, and writes nothing', async () => {
    bot = await startBot({ files: UNFROZEN });
    const issue = newIssue(bot);
    await bot.comment(PEOPLE.engineer, issue, '/lockstep freeze staging incident 42');
    const refs = lockstepRefs(bot);
    const rules = structuredClone(bot.repo.protection.branches.get('main'));
    const mark = bot.fake.requests.length;
    await bot.comment(PEOPLE.manager, issue, '/lockstep freeze staging me too');
    expect(answers(bot, issue)[1]).toContain(
      `**staging** is already frozen by @dana at ${NOW.toISOString()}, reason: "incident 42"`,
    );
    expect(answers(bot, issue)[1]).toContain('Nothing was changed');
    expect(writesSince(bot, mark).filter((op) => op !== 'issues/create-comment')).toEqual([]);
    expect(lockstepRefs(bot)).toEqual(refs);
    expect(bot.repo.protection.branches.get('main')).toEqual(rules);
  });

  it('explains that a config freeze is lifted by a pull request, not a command', async () => {
    bot = await startBot({ files: { '.github/lockstep.yml': SETTINGS } });
    const issue = newIssue(bot);
    await bot.deliver('repository_dispatch', 'lockstep-tick');
    const refs = lockstepRefs(bot);
    const mark = bot.fake.requests.length;
    await bot.comment(PEOPLE.engineer, issue, '/lockstep unfreeze prod-eu');
    await bot.comment(PEOPLE.engineer, issue, '/lockstep unfreeze dev');
    expect(answers(bot, issue)[0]).toContain('**prod-eu** is not frozen by `/lockstep freeze`');
    expect(answers(bot, issue)[0]).toContain('`environments/prod-eu.yaml` has `channel: frozen`');
    expect(answers(bot, issue)[0]).toContain('merge a pull request that changes that');
    expect(answers(bot, issue)[1]).toContain('**dev** is not frozen');
    expect(writesSince(bot, mark).filter((op) => op !== 'issues/create-comment')).toEqual([]);
    expect(lockstepRefs(bot)).toEqual(refs);
  });
});
