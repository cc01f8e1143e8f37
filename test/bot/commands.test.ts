import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../bot/commands/parse-command.js';
import { type BotHarness, PEOPLE, startBot } from './harness.js';

describe('parseCommand', () => {
  it('reads the three commands and their options', () => {
    expect(parseCommand('please\n/lockstep rollback prod-eu to deploy/prod-eu/3 --force')).toEqual({
      verb: 'rollback',
      environment: 'prod-eu',
      to: 'deploy/prod-eu/3',
      force: true,
      text: '/lockstep rollback prod-eu to deploy/prod-eu/3 --force',
    });
    expect(parseCommand('/lockstep freeze staging incident 42')).toMatchObject({
      verb: 'freeze',
      environment: 'staging',
      reason: 'incident 42',
    });
    expect(parseCommand('  /lockstep unfreeze staging')).toMatchObject({
      verb: 'unfreeze',
      environment: 'staging',
    });
  });
  it('ignores conversation and quoted commands', () => {
    expect(parseCommand('LGTM')).toBeUndefined();
    expect(parseCommand('> /lockstep freeze dev')).toBeUndefined();
    expect(parseCommand('/lockstepper freeze dev')).toBeUndefined();
  });
  it('explains mistakes', () => {
    expect(parseCommand('/lockstep')).toMatchObject({
      verb: 'invalid',
      problem: expect.stringContaining('say what'),
    });
    expect(parseCommand('/lockstep deploy dev')).toMatchObject({
      verb: 'invalid',
      problem: expect.stringContaining('"deploy" is not a Lockstep command'),
    });
    expect(parseCommand('/lockstep freeze')).toMatchObject({
      problem: expect.stringContaining('name the environment'),
    });
    expect(parseCommand('/lockstep freeze Prod_EU')).toMatchObject({
      problem: expect.stringContaining('not an environment name'),
    });
    expect(parseCommand('/lockstep unfreeze dev now')).toMatchObject({
      problem: expect.stringContaining('remove "now"'),
    });
    expect(parseCommand('/lockstep rollback dev please')).toMatchObject({
      problem: expect.stringContaining('unexpected "please"'),
    });
  });
});

describe('commands through the app', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBot();
  });
  afterEach(async () => {
    await bot.close();
  });

  const answers = (number: number) =>
    bot.repo.issues
      .commentsOn(number)
      .filter((c) => c.user === PEOPLE.bot)
      .map((c) => c.body);

  it('answers a mistyped command politely, once per command comment, and changes nothing', async () => {
    const issue = bot.repo.issues.create({ title: 'Ops', body: '', user: PEOPLE.engineer }).number;
    const refsBefore = [...bot.repo.git.refs.keys()];
    const first = await bot.comment(PEOPLE.engineer, issue, '/lockstep deploy dev');
    expect(first.status).toBe(200);
    // GitHub redelivers the same event: the answer is updated, not repeated.
    await bot.deliver('issue_comment', 'created', {
      issue,
      sender: PEOPLE.engineer,
      deliveryId: first.deliveryId,
    });
    expect(answers(issue)).toHaveLength(1);
    expect(answers(issue)[0]).toContain('@dana asked');
    expect(answers(issue)[0]).toContain('"deploy" is not a Lockstep command');
    expect(answers(issue)[0]).toContain('Nothing was changed');
    expect([...bot.repo.git.refs.keys()]).toEqual(refsBefore);
  });

  it('refuses a user without write access who is not a commander, and changes nothing', async () => {
    const issue = bot.repo.issues.create({ title: 'Ops', body: '', user: PEOPLE.engineer }).number;
    const protectionBefore = bot.repo.protection.branches.get('main');
    await bot.comment(PEOPLE.reader, issue, '/lockstep freeze prod-eu because I say so');
    expect(answers(issue)).toHaveLength(1);
    expect(answers(issue)[0]).toContain('Sorry, only users with write access');
    expect(answers(issue)[0]).toContain('@mallory has read access');
    expect(bot.repo.protection.branches.get('main')).toEqual(protectionBefore);
    expect([...bot.repo.git.refs.keys()].filter((r) => r.startsWith('refs/lockstep/'))).toEqual([]);
  });

  it('ignores comments without a command and comments by bots', async () => {
    const issue = bot.repo.issues.create({ title: 'Ops', body: '', user: PEOPLE.engineer }).number;
    const mark = bot.fake.requests.length;
    await bot.comment(PEOPLE.engineer, issue, 'LGTM, ship it');
    expect(answers(issue)).toEqual([]);
    expect(
      bot.requestsSince(mark + 1).filter((op) => !op.startsWith('apps/') && op !== 'repos/get-content'),
    ).toEqual([]);
  });

  it('rejects a delivery with a bad signature', async () => {
    const issue = bot.repo.issues.create({ title: 'Ops', body: '', user: PEOPLE.engineer }).number;
    await bot.as(PEOPLE.engineer).rest.issues.createComment({
      owner: 'acme',
      repo: 'platform',
      issue_number: issue,
      body: '/lockstep freeze dev',
    });
    const mark = bot.fake.requests.length;
    const delivery = await bot.deliver('issue_comment', 'created', { issue, badSignature: true });
    expect([400, 401]).toContain(delivery.status);
    expect(bot.fake.requests.length).toBe(mark);
    expect(answers(issue)).toEqual([]);
  });
});
