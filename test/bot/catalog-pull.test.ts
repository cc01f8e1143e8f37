import { afterEach, describe, expect, it } from 'vitest';
import { type BotHarness, PEOPLE, startBot } from './harness.js';
import { planComments, policyRun } from './pull-fixture.js';
import { ADVISORY_0099_PROD_ONLY, ADVISORY_FILE, settingsFile } from './security-fixtures.js';

let bot: BotHarness;
afterEach(async () => {
  await bot?.close();
});

describe('a catalog pull request that publishes an advisory', () => {
  it('passes: the environments it affects get their security PRs after the merge', async () => {
    bot = await startBot({ files: settingsFile() });
    for (const env of ['dev', 'staging', 'prod-eu']) await bot.recordDeploy(env);
    const pr = await bot.openPull(PEOPLE.secops, { [ADVISORY_FILE]: ADVISORY_0099_PROD_ONLY });
    const run = policyRun(bot, pr.headSha);
    expect(run?.conclusion).toBe('success');
    expect(run?.output.summary).toContain(
      "Fixed after the merge by the bot's `lockstep/security/prod-eu` pull request",
    );
    expect(run?.annotations.filter((a) => a.path === 'environments/prod-eu.manifest.json')).not.toEqual([]);
    expect(run?.annotations.every((a) => a.annotation_level === 'warning')).toBe(true);
    const [comment] = planComments(bot, pr.number);
    expect(comment).toContain('after the merge the bot opens `lockstep/security/prod-eu`');
    expect(comment).toContain('ACME-2026-0099');

    // Merged: the push brings the security PR the check promised.
    const before = bot.repo.git.branch('main') ?? '';
    await bot.as(PEOPLE.secops).rest.pulls.merge({ owner: 'acme', repo: 'platform', pull_number: pr.number });
    await bot.deliver('push', undefined, { before, sender: PEOPLE.secops });
    const security = bot.repo.pulls.list().filter((p) => p.head === 'lockstep/security/prod-eu');
    expect(security).toHaveLength(1);
  });

  it('still fails when an environment the advisory affects has no fix that fits', async () => {
    bot = await startBot({ files: settingsFile() });
    for (const env of ['dev', 'staging', 'prod-eu']) await bot.recordDeploy(env);
    // The same advisory without its fixed release: nothing can patch prod-eu.
    const unfixable = ADVISORY_0099_PROD_ONLY.replace(/\n {4}- \{ version: 1\.2\.8[^\n]*/, '');
    expect(unfixable).not.toBe(ADVISORY_0099_PROD_ONLY);
    const pr = await bot.openPull(PEOPLE.secops, { [ADVISORY_FILE]: unfixable });
    const run = policyRun(bot, pr.headSha);
    expect(run?.conclusion).toBe('failure');
    expect(run?.output.summary).not.toContain('Fixed after the merge');
  });
});
