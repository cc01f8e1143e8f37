import { expect } from 'vitest';
import { allowAutoMerge } from '../fake-github/graphql/auto-merge-store.js';
import type { PullRecord } from '../fake-github/state/pulls-store.js';
import { type BotHarness, PEOPLE, startBot } from './harness.js';
import { ADVISORY_0099_PROD_ONLY, ADVISORY_FILE, settingsFile } from './security-fixtures.js';
import { openSecurityPulls, pushToMain } from './security-helpers.js';

/**
 * Starts the bot with `securityMerge: mode` (and "Allow auto-merge" on the repository when asked),
 * and opens prod-eu's security PR, the only one the prod-only advisory needs.
 */
export async function securityPullOf(mode: 'when-green' | 'auto-merge' | 'manual', autoMerge = false) {
  const bot = await startBot({ files: settingsFile(mode) });
  if (autoMerge) allowAutoMerge(bot.repo);
  await pushToMain(bot, { [ADVISORY_FILE]: ADVISORY_0099_PROD_ONLY });
  const pulls = openSecurityPulls(bot);
  expect([...pulls.keys()]).toEqual(['prod-eu']);
  const pull = pulls.get('prod-eu')!;
  const head = bot.repo.pulls.headSha(pull);
  // The push made the bot protect main (prod-eu is frozen and lists approvers), requiring
  // lockstep/policy and lockstep/approval. The bot's own approval run says an enforced patch needs
  // none; lockstep/policy is left to each test.
  check(bot, head, 'lockstep/approval', 'success');
  return { bot, pull, head };
}

/** A check run on `sha`, as an app (CI, or the bot's own policy check) reports it. */
export function check(
  bot: BotHarness,
  sha: string,
  name: string,
  conclusion?: 'success' | 'failure' | 'neutral',
  creator: string = name.startsWith('lockstep/') ? PEOPLE.bot : PEOPLE.action,
) {
  return bot.repo.checks.createCheckRun(
    sha,
    name,
    creator,
    conclusion ? { status: 'completed', conclusion } : { status: 'in_progress' },
  );
}

/** GitHub's check_suite.completed for `sha` (sent when a suite of checks finished). */
export function suiteCompleted(bot: BotHarness, sha: string, deliveryId?: string) {
  return bot.deliver('check_suite', 'completed', {
    sender: PEOPLE.action,
    payload: {
      check_suite: { head_sha: sha, head_branch: 'lockstep/security/prod-eu', status: 'completed' },
    },
    ...(deliveryId ? { deliveryId } : {}),
  });
}

/** Whether the pull request was merged. */
export function isMerged(bot: BotHarness, pull: PullRecord): boolean {
  return bot.repo.pulls.get(pull.number)?.mergedAt !== null;
}
