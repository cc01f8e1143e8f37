import { afterEach, describe, expect, it } from 'vitest';
import { AUTO_MERGE_FALLBACK_MARKER } from '../../bot/security/auto-merge.js';
import { allowAutoMerge } from '../fake-github/graphql/auto-merge-store.js';
import type { PullRecord } from '../fake-github/state/pulls-store.js';
import { type BotHarness, PEOPLE, REPO, startBot } from './harness.js';
import { settingsFile } from './security-fixtures.js';
import { botComments, dispatchCatalog, openSecurityPulls, pushToMain } from './security-helpers.js';
import * as kit from './security-merge-kit.js';

let bot: BotHarness;
afterEach(async () => {
  await bot.close();
});

/** Opens prod-eu's security PR under `securityMerge: auto-merge`; `bot` is this test's harness. */
async function securityPullOf(mode: 'auto-merge', autoMerge: boolean) {
  const opened = await kit.securityPullOf(mode, autoMerge);
  bot = opened.bot;
  return opened;
}
const check = (sha: string, name: string, conclusion?: 'success' | 'failure' | 'neutral') =>
  kit.check(bot, sha, name, conclusion);
const suiteCompleted = (sha: string) => kit.suiteCompleted(bot, sha);
const isMerged = (pull: PullRecord) => kit.isMerged(bot, pull);
const autoMergeOf = async (number: number) =>
  (await bot.as(PEOPLE.engineer).rest.pulls.get({ ...REPO, pull_number: number })).data.auto_merge;

/**
 * staging enforces moderate advisories: a new one on analytics 1.1.2 that 1.1.3 fixes is a recorded
 * patch over its pin (allowed without approvals); a later dashboards release is an upgrade there.
 */
const ANALYTICS_FILE = 'catalog/advisory-2026-0101.yaml';
const ANALYTICS_0101 = `apiVersion: lockstep/v1
kind: Catalog
suites:
  analytics:
    - version: 1.1.3
      capabilities: { reporting: ~2.2.0, dashboards: ~1.1.0 }
advisories:
  - id: ACME-2026-0101
    severity: moderate
    suite: analytics
    affected: ">=1.1.0 <1.1.3"
    summary: Scheduled reports leak across tenants
    published: 2026-12-01
`;
const DASHBOARDS_1_1_4 = `${ANALYTICS_0101}capabilities:
  dashboards:
    - { version: 1.1.4, artifact: registry.example.com/acme/dashboards:1.1.4 }
`;

describe('securityMerge: auto-merge', () => {
  it('enables GitHub auto-merge through GraphQL, once, and leaves the merge to GitHub', async () => {
    const { pull, head } = await securityPullOf('auto-merge', true);
    const { data } = await bot.as(PEOPLE.engineer).rest.pulls.get({ ...REPO, pull_number: pull.number });
    expect(data.auto_merge).toMatchObject({ merge_method: 'squash', enabled_by: { login: PEOPLE.bot } });
    expect(pull.body).toContain('Lockstep enables GitHub auto-merge (squash)');
    const mutations = () =>
      bot.fake.requests.filter((r) => r.operationId === 'graphql' && /mutation/.test(JSON.stringify(r.body)));
    expect(mutations()).toHaveLength(1);
    await dispatchCatalog(bot);
    expect(mutations()).toHaveLength(1);
    check(head, 'lockstep/policy', 'success');
    await suiteCompleted(head);
    expect(isMerged(pull)).toBe(false);
    expect(botComments(bot, pull.number)).toEqual([]);
  });

  it('falls back to merging when green where the repository does not allow auto-merge, and says so', async () => {
    const { pull, head } = await securityPullOf('auto-merge', false);
    const comments = botComments(bot, pull.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain(AUTO_MERGE_FALLBACK_MARKER);
    expect(comments[0]).toContain(
      'GitHub refused: "Auto merge is not allowed for this repository" (UNPROCESSABLE)',
    );
    expect(comments[0]).toContain('Lockstep falls back to `when-green`');
    // A redelivered sync tries again, and does not repeat the comment.
    await dispatchCatalog(bot);
    expect(botComments(bot, pull.number)).toHaveLength(1);
    check(head, 'lockstep/policy', 'success');
    await suiteCompleted(head);
    expect(isMerged(pull)).toBe(true);
    expect(botComments(bot, pull.number)[1]).toContain(
      'GitHub refused auto-merge, so Lockstep merged it when green',
    );
  });

  it('takes auto-merge off a PR that a later catalog change makes need approvals', async () => {
    bot = await startBot({ files: settingsFile('auto-merge') });
    allowAutoMerge(bot.repo);
    await pushToMain(bot, { [ANALYTICS_FILE]: ANALYTICS_0101 });
    const staging = openSecurityPulls(bot).get('staging')!;
    expect(staging.title).toBe(
      'Security: patch suite analytics 1.1.2 -> 1.1.3 in staging (ACME-2026-0101, moderate)',
    );
    expect(await autoMergeOf(staging.number)).toMatchObject({ merge_method: 'squash' });
    await pushToMain(bot, { [ANALYTICS_FILE]: DASHBOARDS_1_1_4 });
    const updated = openSecurityPulls(bot).get('staging')!;
    expect(updated.number).toBe(staging.number);
    expect(updated.body).toContain('### Other changes in this manifest');
    expect(updated.body).toContain('| dashboards | 1.1.3 | 1.1.4 | upgrade |');
    expect(await autoMergeOf(staging.number)).toBeNull();
  });
});
