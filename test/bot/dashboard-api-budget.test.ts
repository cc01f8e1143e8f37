import { readFileSync } from 'node:fs';
import { Octokit } from '@octokit/rest';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createBotContext } from '../../bot/bot-context.js';
import { updateDashboard } from '../../bot/dashboard/update-dashboard.js';
import { createValidators } from '../../src/core/load/schema-check.js';
import { ApiMeter, type BotHarness, EXAMPLES, NOW, PEOPLE, REPO, startBot } from './harness.js';

let bot: BotHarness;
afterEach(async () => {
  await bot.close();
});

describe('the Deployment Dashboard API budget', () => {
  it('costs one evaluateAt, one pull request list, one issue list and at most one write (benchmark)', async () => {
    bot = await startBot();
    for (const env of ['dev', 'staging', 'prod-eu']) await bot.recordDeploy(env);
    // The dashboard alone, metered from the client: Probot's token and config reads are not counted.
    const meter = new ApiMeter();
    const octokit = new Octokit({ baseUrl: bot.fake.url, auth: bot.fake.tokenFor(PEOPLE.bot) });
    octokit.hook.wrap('request', (request, options) =>
      meter.track(`${options.method} ${options.url}`, async () => request(options)),
    );
    const settings: unknown = parse(readFileSync(`${EXAMPLES}/.github/lockstep.yml`, 'utf8'));
    const ctx = await createBotContext(
      {
        octokit,
        coordinates: REPO,
        defaultBranch: 'main',
        sender: PEOPLE.secops,
        readConfig: async () => settings,
        log: () => {},
      },
      { validators: createValidators(), clock: () => NOW },
    );
    const measure = async () => {
      meter.reset();
      const { outcome } = await updateDashboard(ctx, 'the benchmark');
      // paginate() asks for full URLs; name each call by method and path alone.
      const operations = meter.operations.map((o) =>
        o.replace(/^(\w+) https?:\/\/[^/]+/, '$1 ').replace(/\?.*$/, ''),
      );
      return { outcome, calls: meter.calls, rounds: meter.rounds, operations: operations.sort() };
    };
    const created = await measure();
    const unchanged = await measure();
    await bot.recordDeploy('dev');
    const updated = await measure();
    const reads = [
      'GET /repos/acme/platform/issues',
      'GET /repos/acme/platform/pulls',
      'POST /graphql',
      'POST /graphql',
    ];
    expect(unchanged).toEqual({ outcome: 'unchanged', calls: 4, rounds: 2, operations: reads });
    expect(updated).toEqual({
      outcome: 'updated',
      calls: 5,
      rounds: 3,
      operations: [...reads, 'PATCH /repos/{owner}/{repo}/issues/{issue_number}'].sort(),
    });
    // Creating re-lists the issues to see a racing event's duplicate: one more call and round trip
    // (the meter may count fewer rounds when a concurrent read outlasts the first GraphQL request).
    expect(created).toMatchObject({ outcome: 'created', calls: 6 });
    expect(created.rounds).toBeLessThanOrEqual(4);
  });
});
