import { type Diagnostic, InputError } from '../../src/core/errors.js';
import type { BotContext } from '../bot-context.js';
import { closeSecurityPull, deleteBranch, noLongerNeeded } from './close-security-pull.js';
import { mapLimit } from './map-limit.js';
import { reportSyncProblems } from './report-sync-problems.js';
import { type Assessment, assessEnvironment } from './security-needs.js';
import { readSecurityState } from './security-state.js';
import { writeSecurityPull } from './write-security-pull.js';

/**
 * Environments worked on at once. Probot's throttling plugin already spaces the writes as GitHub asks
 * (one at a time, a second apart), so this only bounds what is queued: 25 keeps far below GitHub's
 * 100 concurrent requests when throttling is off, and keeps the bot's own chain of dependent
 * requests short (50 environments: two waves of five writes each).
 */
const CONCURRENCY = 50;

/**
 * Opens, updates or closes the `lockstep/security/<env>` pull requests after the catalog changed.
 * 1. Read the default branch (one GraphQL snapshot: files and security branches) and the open PRs.
 *    Invalid files: report them on the `lockstep/security` check of that commit, write nothing else.
 * 2. Compile every environment in memory and decide which need a security PR (security-needs.ts).
 * 3. Report environments whose compile failed on the same check (their PRs are left alone).
 * 4. Per environment, a few at a time: open or update the PR of each that needs one; close, with a
 *    comment, the open PR of each that no longer does; delete the bot's leftover branches.
 * Every step finds what an earlier run did by branch, PR and trailers, so a redelivery, a racing
 * delivery or a rerun after a failure converges on one PR per environment.
 */
export async function syncSecurityPulls(ctx: BotContext, trigger: string): Promise<void> {
  const state = await readSecurityState(ctx);
  if (state.repo instanceof InputError) {
    await reportSyncProblems(ctx, state.commit, {
      trigger,
      scope: 'all',
      diagnostics: state.repo.diagnostics,
    });
    return;
  }
  const repo = state.repo;
  const assessments = new Map<string, Assessment>();
  for (const entry of repo.environments.values())
    assessments.set(entry.name, assessEnvironment(entry, repo.catalog, ctx.now));

  type Task = { env: string; run: () => Promise<string | undefined> };
  const tasks: Task[] = [];
  const problems: Diagnostic[] = [];
  for (const [env, assessment] of assessments) {
    if (assessment.kind === 'problem') problems.push(...assessment.diagnostics);
    if (assessment.kind === 'needed')
      tasks.push({
        env,
        run: async () => {
          const out = await writeSecurityPull(ctx, state, assessment.need, trigger);
          return out.action === 'unchanged' ? undefined : `${out.action} #${out.number} (${env})`;
        },
      });
  }
  for (const [env, pull] of state.pulls) {
    const assessment = assessments.get(env);
    if (assessment?.kind === 'needed' || assessment?.kind === 'problem') continue;
    const reason = noLongerNeeded(
      pull,
      repo.environments.get(env),
      repo.catalog,
      ctx.now,
      assessment?.why ?? 'no such environment',
      ctx.defaultBranch,
    );
    tasks.push({
      env,
      run: async () => {
        await closeSecurityPull(ctx, pull, reason, trigger);
        return `closed #${pull.number} (${env})`;
      },
    });
  }
  // A branch the bot made whose PR never got opened (a run cut short) and that nothing needs now.
  for (const [env, branch] of state.branches ?? []) {
    const assessment = assessments.get(env);
    if (
      state.pulls.has(env) ||
      !branch.facts ||
      assessment?.kind === 'needed' ||
      assessment?.kind === 'problem'
    )
      continue;
    tasks.push({
      env,
      run: async () => {
        await deleteBranch(ctx, env);
        return `deleted branch of ${env}`;
      },
    });
  }

  if (problems.length)
    await reportSyncProblems(ctx, state.commit, { trigger, scope: 'some', diagnostics: problems });
  const done = await mapLimit(tasks, CONCURRENCY, (task) => task.run());
  const changes = done.filter((d): d is string => d !== undefined);
  ctx.log(
    'info',
    `security sync after ${trigger} at ${state.commit.slice(0, 7)}: ${changes.length ? changes.join(', ') : 'nothing to change'}`,
  );
}
