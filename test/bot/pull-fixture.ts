import { APPROVAL_CHECK, POLICY_CHECK } from '../../bot/pulls/check-runs.js';
import { PLAN_MARKER } from '../../bot/pulls/plan-comment.js';
import { compileEnvironment } from '../../src/core/compile.js';
import { loadRepository } from '../../src/core/load/load-repository.js';
import { createValidators } from '../../src/core/load/schema-check.js';
import type { CheckRunRecord } from '../fake-github/state/checks-store.js';
import { memoryReader } from '../helpers/memory-reader.js';
import { type BotHarness, NOW, PEOPLE } from './harness.js';

const validators = createValidators();

/**
 * `changes` over main's files, with the manifests of `environments` recompiled as `lockstep compile`
 * would (at the bot's clock): a valid pull request's files.
 */
export async function recompiled(
  bot: BotHarness,
  changes: Record<string, string | null>,
  environments: readonly string[],
): Promise<Record<string, string | null>> {
  const files: Record<string, string> = {};
  for (const path of bot.repo.git.filesAt('main').keys()) files[path] = bot.read('main', path) ?? '';
  for (const [path, text] of Object.entries(changes)) {
    if (text === null) delete files[path];
    else files[path] = text;
  }
  const repo = await loadRepository(memoryReader(files), validators, { environments });
  const out = { ...changes };
  for (const entry of repo.environments.values())
    out[entry.manifestPath] = compileEnvironment(entry, repo.catalog, NOW).text;
  return out;
}

/** staging without its analytics pin: analytics moves up, a change that needs 2 approvals. */
export function stagingUnpinned(bot: BotHarness): Record<string, string> {
  const text = bot.read('main', 'environments/staging.yaml') ?? '';
  const unpinned = text.replace(/\npins:\n {2}suites:\n {4}analytics: 1\.1\.0\n/, '\n');
  if (unpinned === text) throw new Error('stagingUnpinned: the examples changed; adjust the fixture');
  return { 'environments/staging.yaml': unpinned };
}

/** dev pinned to platform 3.4.0: a downgrade, allowed on the auto-update channel. */
export function devPinned(bot: BotHarness): Record<string, string> {
  const text = bot.read('main', 'environments/dev.yaml') ?? '';
  return {
    'environments/dev.yaml': text.replace(
      'channel: auto-update\n',
      'channel: auto-update\npins:\n  platform: 3.4.0\n',
    ),
  };
}

/** The bot's check runs named `name` on `sha`, newest first. */
export function runsOf(bot: BotHarness, sha: string, name: string): CheckRunRecord[] {
  return bot.repo.checks.checkRunsFor(sha, name).filter((r) => r.creator === PEOPLE.bot);
}

/** The newest `lockstep/policy` run on `sha`. */
export function policyRun(bot: BotHarness, sha: string): CheckRunRecord | undefined {
  return runsOf(bot, sha, POLICY_CHECK)[0];
}

/** The newest `lockstep/approval` run on `sha`. */
export function approvalRun(bot: BotHarness, sha: string): CheckRunRecord | undefined {
  return runsOf(bot, sha, APPROVAL_CHECK)[0];
}

/** The bodies of the plan comments of a pull request. */
export function planComments(bot: BotHarness, number: number): string[] {
  return bot.repo.issues
    .commentsOn(number)
    .filter((c) => c.user === PEOPLE.bot && c.body.includes(PLAN_MARKER))
    .map((c) => c.body);
}
