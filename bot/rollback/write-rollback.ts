import { upsertMarkedComment } from '../../src/github/marked-comment.js';
import { commitToBranch, upsertPull } from '../../src/github/pull-branch.js';
import type { BotContext } from '../bot-context.js';
import { commitMessage, forcedSection, rollbackBody, rollbackTitle } from './rollback-body.js';
import type { RollbackPlan } from './rollback-plan.js';
import type { Forced, RollbackTrigger } from './rollback-trigger.js';

/** The branch of an environment's rollback pull request (SPEC 6). */
export function rollbackBranch(environment: string): string {
  return `lockstep/rollback/${environment}`;
}

/** The label of rollback pull requests. */
export const ROLLBACK_LABEL = 'rollback';

/** The rollback pull request as written. */
export interface WrittenRollback {
  number: number;
  url: string;
  /** A new pull request (else the open one was updated, or already said this). */
  created: boolean;
  /** The branch got a new commit. */
  changed: boolean;
}

/**
 * Writes the rollback: one commit with the two files on top of the default branch's head on
 * `lockstep/rollback/<env>` (nothing when the branch already holds exactly that), then the one pull
 * request of that branch, created or updated, labelled `rollback`. A forced rollback is also recorded
 * in a comment on the pull request, one per command, which stays when a later request rewrites the
 * body; the commit's trailers keep it in the branch's history.
 */
export async function writeRollback(
  ctx: BotContext,
  plan: RollbackPlan,
  trigger: RollbackTrigger,
  forced?: Forced,
): Promise<WrittenRollback> {
  const branch = rollbackBranch(plan.environment);
  const { changed } = await commitToBranch(ctx.octokit, ctx.coordinates, {
    branch,
    base: plan.base.commit,
    files: { [plan.configPath]: plan.files.config, [plan.manifestPath]: plan.files.manifest },
    message: commitMessage(plan, trigger, forced),
  });
  const pull = await upsertPull(ctx.octokit, ctx.coordinates, {
    branch,
    base: ctx.defaultBranch,
    title: rollbackTitle(plan),
    body: rollbackBody(plan, trigger, forced),
    labels: [ROLLBACK_LABEL],
  });
  if (forced && trigger.kind === 'command') {
    const marker = `<!-- lockstep:rollback-forced:${trigger.commentId} -->`;
    await upsertMarkedComment(
      ctx.octokit,
      ctx.coordinates,
      pull.number,
      marker,
      [
        marker,
        `@${forced.by} forced this rollback of ${plan.environment} to ${plan.to.tag} with [\`${trigger.command}\`](${trigger.url}) on ${ctx.now.toISOString().slice(0, 10)}.`,
        '',
        ...forcedSection(plan, forced).slice(1),
      ].join('\n'),
    );
  }
  return { number: pull.number, url: pull.url, created: pull.created, changed };
}
