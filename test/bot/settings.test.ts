import { afterEach, describe, expect, it } from 'vitest';
import { type BotHarness, PEOPLE, startBot } from './harness.js';

const INVALID = 'bot:\n  securityMerge: sometimes\n  planComent: false\n';

describe('invalid .github/lockstep.yml', () => {
  let bot: BotHarness | undefined;
  afterEach(async () => {
    await bot?.close();
    bot = undefined;
  });

  it('fails lockstep/policy on a pull request with each problem, once, and writes nothing else', async () => {
    bot = await startBot({ files: { '.github/lockstep.yml': INVALID } });
    const refs = [...bot.repo.git.refs.keys()];
    const pull = await bot.openPull(PEOPLE.engineer, { 'environments/dev.yaml': 'broken: [' });
    expect(pull.delivery?.status).toBe(200);
    const runs = () => bot?.repo.checks.checkRunsFor(pull.headSha, 'lockstep/policy') ?? [];
    expect(runs()).toHaveLength(1);
    const [run] = runs();
    expect(run?.conclusion).toBe('failure');
    expect(run?.output?.title).toBe('.github/lockstep.yml is invalid');
    expect(run?.output?.summary).toContain('bot.securityMerge');
    expect(run?.output?.summary).toContain('planComent');
    // A redelivery updates nothing and adds no second run.
    await bot.deliver('pull_request', 'opened', { pull: pull.number, sender: PEOPLE.engineer });
    expect(runs()).toHaveLength(1);
    expect(bot.repo.issues.commentsOn(pull.number)).toEqual([]);
    expect([...bot.repo.git.refs.keys()].filter((r) => !r.startsWith('refs/heads/change-'))).toEqual(refs);
  });

  it('answers a command with why nothing was done', async () => {
    bot = await startBot({ files: { '.github/lockstep.yml': INVALID } });
    const issue = bot.repo.issues.create({ title: 'Ops', body: '', user: PEOPLE.engineer }).number;
    await bot.comment(PEOPLE.sre, issue, '/lockstep freeze prod-eu incident');
    const answers = bot.repo.issues.commentsOn(issue).filter((c) => c.user === PEOPLE.bot);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.body).toContain('@carol-ops asked');
    expect(answers[0]?.body).toContain('.github/lockstep.yml` on the default branch is invalid');
    expect(bot.repo.protection.branches.size).toBe(0);
  });

  it('does nothing on a push, and says so only in the log', async () => {
    bot = await startBot({ files: { '.github/lockstep.yml': INVALID } });
    const before = bot.repo.git.branch('main') ?? '';
    const sha = bot.commit('main', { 'catalog/extra.yaml': 'x: 1\n' });
    const mark = bot.fake.requests.length;
    const delivery = await bot.deliver('push', undefined, { before, after: sha });
    expect(delivery.status).toBe(200);
    const writes = bot.fake.requests
      .slice(mark)
      .filter((r) => r.method !== 'GET' && r.operationId !== 'graphql');
    expect(writes.map((r) => r.operationId)).toEqual(['apps/create-installation-access-token']);
  });
});
