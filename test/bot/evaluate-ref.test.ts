import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createBotContext } from '../../bot/bot-context.js';
import { evaluateAt } from '../../bot/evaluate-ref.js';
import { recordCommandFreeze } from '../../bot/freeze/freeze-records.js';
import { evaluateEnvironment } from '../../src/core/evaluate.js';
import { loadRepository } from '../../src/core/load/load-repository.js';
import { createValidators } from '../../src/core/load/schema-check.js';
import { baselineFromGitHub } from '../../src/github/baseline.js';
import { createGitHubPort } from '../../src/github/octokit-port.js';
import { type BotHarness, NOW, PEOPLE, REPO, startBot } from './harness.js';

const validators = createValidators();

describe('evaluateAt: every environment judged from two GraphQL requests', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBot();
  });
  afterEach(async () => {
    await bot.close();
  });

  async function context() {
    const octokit = bot.as(PEOPLE.engineer);
    return createBotContext(
      {
        octokit,
        coordinates: REPO,
        defaultBranch: 'main',
        sender: PEOPLE.engineer,
        readConfig: async () => parseYaml(bot.read('main', '.github/lockstep.yml') ?? '') as unknown,
        log: () => {},
      },
      { validators, clock: () => NOW },
    );
  }

  it('judges as the REST path does, with two requests', async () => {
    await bot.recordDeploy('dev');
    await bot.recordDeploy('prod-eu');
    const ctx = await context();
    const mark = bot.fake.requests.length;
    const plan = await evaluateAt(ctx, 'main');
    expect(bot.requestsSince(mark)).toEqual(['graphql', 'graphql']);
    expect(plan.commit).toBe(bot.repo.git.branch('main'));
    expect([...plan.plans.keys()].sort()).toEqual(['dev', 'prod-eu', 'staging']);
    expect(plan.plans.get('dev')?.tags.map((t) => t.tag)).toEqual(['deploy/dev/1']);

    // The same judgement through REST, file by file.
    const port = createGitHubPort(bot.as(PEOPLE.engineer), REPO);
    const repo = await loadRepository(port.readerAt('main'), validators);
    for (const entry of repo.environments.values()) {
      const baseline = await baselineFromGitHub(port, 'deploy', entry, validators, '');
      const rest = evaluateEnvironment(entry, repo.catalog, baseline, NOW, 'committed');
      const ours = plan.plans.get(entry.name);
      expect(ours?.baseline).toEqual(baseline);
      expect(ours?.evaluation.verdict).toEqual(rest.verdict);
      expect(ours?.evaluation.change).toEqual(rest.change);
      expect(ours?.evaluation.violations).toEqual(rest.violations);
    }
  });

  it('adds command freezes to the gate', async () => {
    // dev's last deploy ran another manifest (prod-eu's versions), so main's dev manifest is a change.
    const older = (bot.read('main', 'environments/prod-eu.manifest.json') ?? '').replaceAll(
      '"prod-eu"',
      '"dev"',
    );
    const oldSha = bot.commit('older', { 'environments/dev.manifest.json': older });
    await bot.recordDeploy('dev', oldSha);
    const ctx = await context();
    const before = (await evaluateAt(ctx, 'main')).plans.get('dev');
    expect(before?.evaluation.change?.changes.length).toBeGreaterThan(0);
    expect(before?.evaluation.verdict?.verdict).toBe('allowed');

    await recordCommandFreeze(ctx.octokit, REPO, {
      environment: 'dev',
      by: PEOPLE.sre,
      reason: 'incident 42',
      since: NOW.toISOString(),
      url: 'https://github.com/acme/platform/issues/1#issuecomment-1',
    });
    const plan = await evaluateAt(ctx, 'main');
    expect(plan.freezes.get('dev')).toMatchObject({ by: PEOPLE.sre, reason: 'incident 42' });
    const dev = plan.plans.get('dev');
    expect(dev?.evaluation.verdict?.verdict).toBe('blocked');
    expect(dev?.evaluation.verdict?.reason).toContain('frozen by @carol-ops with /lockstep freeze');
    expect(dev?.evaluation.verdict?.reason).toContain('incident 42');
    // compile does not see the freeze: the candidate manifest is the committed one, unchanged.
    expect(dev?.evaluation.candidate?.digest).toBe(before?.evaluation.candidate?.digest);
  });

  it('names a ref that does not exist', async () => {
    const ctx = await context();
    await expect(evaluateAt(ctx, 'no-such-branch')).rejects.toThrow(
      'acme/platform has no branch, tag or commit named "no-such-branch"',
    );
  });
});
