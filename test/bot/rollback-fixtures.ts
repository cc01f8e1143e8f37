import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createBotContext } from '../../bot/bot-context.js';
import { evaluateAt } from '../../bot/evaluate-ref.js';
import { compileEnvironment } from '../../src/core/compile.js';
import { loadRepository, type RepoReader } from '../../src/core/load/load-repository.js';
import { createValidators } from '../../src/core/load/schema-check.js';
import { createGitHubPort } from '../../src/github/octokit-port.js';
import { type BotHarness, EXAMPLES, NOW, PEOPLE, REPO } from './harness.js';

/** The examples' .github/lockstep.yml (rollbackOnFailure: true), with the dashboard off: its own tests cover it. */
export function settingsText(bot: { rollbackOnFailure?: boolean } = {}): string {
  const text = readFileSync(join(EXAMPLES, '.github/lockstep.yml'), 'utf8')
    .replace(/dashboard: true/, 'dashboard: false')
    .replace(/rollbackOnFailure: true/, `rollbackOnFailure: ${bot.rollbackOnFailure ?? true}`);
  if (!text.includes('dashboard: false'))
    throw new Error('the examples settings changed: adjust settingsText');
  return text;
}

/** The examples' environment file of `env`. */
export function exampleConfig(env: string): string {
  return readFileSync(join(EXAMPLES, `environments/${env}.yaml`), 'utf8');
}

/** dev pinned to payments 1.3.0 (the examples' dev floats to 1.3.1), comments kept. */
export const DEV_PINNED = `${exampleConfig('dev')}\n# keep payments on 1.3.0 until the new API is out\npins:\n  capabilities:\n    payments: 1.3.0\n`;

/** The fake's files at a ref, as the core reads a repository (no API call). */
function stateReader(bot: BotHarness, ref: string, over: Record<string, string>): RepoReader {
  return {
    async list(dir) {
      const entries = bot.repo.git.listTree(ref, dir) ?? [];
      const added = Object.keys(over).flatMap((p) =>
        p.startsWith(`${dir}/`) ? [p.slice(dir.length + 1)] : [],
      );
      return [...new Set([...entries.filter((e) => e.type === 'blob').map((e) => e.name), ...added])].sort();
    },
    async read(path) {
      return over[path] ?? bot.read(ref, path);
    },
  };
}

/** What compile gives for `env` with `files` over main (the manifest text). */
export async function compiled(bot: BotHarness, env: string, files: Record<string, string>): Promise<string> {
  const repo = await loadRepository(stateReader(bot, 'main', files), createValidators(), {
    environments: [env],
  });
  return compileEnvironment(repo.environments.get(env)!, repo.catalog, NOW).text;
}

/** Commits `env`'s config (and any other files) on main with its manifest recompiled; returns the commit. */
export async function commitCompiled(
  bot: BotHarness,
  env: string,
  config: string,
  more: Record<string, string> = {},
): Promise<string> {
  const files = { ...more, [`environments/${env}.yaml`]: config };
  const manifest = await compiled(bot, env, files);
  return bot.commit('main', { ...files, [`environments/${env}.manifest.json`]: manifest }, `Change ${env}`);
}

/**
 * dev deployed twice: deploy/dev/1 with payments pinned to 1.3.0, deploy/dev/2 after the pin was
 * lifted (an upgrade to 1.3.1). main is at the second.
 */
export async function devDeployedTwice(bot: BotHarness) {
  const first = await commitCompiled(bot, 'dev', DEV_PINNED);
  const d1 = await bot.recordDeploy('dev', first);
  const second = await commitCompiled(bot, 'dev', exampleConfig('dev'));
  const d2 = await bot.recordDeploy('dev', second);
  return { first, second, d1, d2 };
}

/** An issue to command from. */
export function opsIssue(bot: BotHarness): number {
  return bot.repo.issues.create({ title: 'Ops', body: '', user: PEOPLE.engineer }).number;
}

/** The bot's answers on an issue or pull request. */
export function answers(bot: BotHarness, number: number): string[] {
  return bot.repo.issues
    .commentsOn(number)
    .filter((c) => c.user === PEOPLE.bot)
    .map((c) => c.body);
}

/** Pull requests from `lockstep/rollback/<env>`. */
export function rollbackPulls(bot: BotHarness, env = 'dev') {
  return bot.repo.pulls.list().filter((p) => p.head === `lockstep/rollback/${env}`);
}

/** Everything a refused command must leave untouched: refs, pull requests, other comments. */
export function snapshot(bot: BotHarness) {
  return {
    refs: [...bot.repo.git.refs.entries()].sort(),
    pulls: bot.repo.pulls.list().length,
    releases: bot.repo.releases.releases.length,
  };
}

/** The core's judgement of `env` at `ref`, as the bot's `lockstep/policy` check would give it. */
export async function judgedAt(bot: BotHarness, ref: string, env: string) {
  const ctx = await createBotContext(
    {
      octokit: bot.as(PEOPLE.engineer),
      coordinates: REPO,
      defaultBranch: 'main',
      sender: PEOPLE.engineer,
      readConfig: async () => parse(bot.read('main', '.github/lockstep.yml') ?? '') as unknown,
      log: () => undefined,
    },
    { validators: createValidators(), clock: () => NOW },
  );
  const plan = await evaluateAt(ctx, ref, { environments: [env] });
  return plan.plans.get(env)!;
}

/**
 * A Lockstep Deployment of `env` at `sha` as the Action makes it (payload: digest, tag, rollback),
 * by github-actions[bot], in_progress then `state`; returns its id.
 */
export async function failedDeployment(
  bot: BotHarness,
  input: {
    env: string;
    sha: string;
    digest: string;
    tag: string;
    state?: 'failure' | 'error';
    rollback?: boolean;
  },
): Promise<number> {
  const port = createGitHubPort(bot.as(PEOPLE.action), REPO);
  const id = await port.createDeployment({
    environment: input.env,
    sha: input.sha,
    payload: { digest: input.digest, tag: input.tag, rollback: input.rollback ?? false },
    description: `Lockstep: ${input.env} ${input.digest.slice(0, 19)} as ${input.tag}`,
  });
  const logUrl = 'https://github.com/acme/platform/actions/runs/77/job/1';
  await port.setDeploymentStatus(id, { state: 'in_progress', description: 'deploying', logUrl });
  await port.setDeploymentStatus(id, {
    state: input.state ?? 'failure',
    description: 'health check failed after 3 attempt(s): HTTP 503',
    logUrl,
  });
  return id;
}
