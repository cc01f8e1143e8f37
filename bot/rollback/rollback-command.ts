import { formatDiagnostic, LockstepError } from '../../src/core/errors.js';
import type { BotContext } from '../bot-context.js';
import { isListed } from '../commands/authorize.js';
import type { Command } from '../commands/parse-command.js';
import { type CommandSource, reply } from '../commands/reply.js';
import { planRollback, type RollbackPlan } from './rollback-plan.js';
import { advisoryLines, type Forced, holdReason, type RollbackTrigger } from './rollback-trigger.js';
import { type WrittenRollback, writeRollback } from './write-rollback.js';

/**
 * `/lockstep rollback <env> [to <tag>] [--force]`, from an authorized user (run-command.ts checked):
 *
 * 1. Plan (rollback-plan.ts): the target tag (named, or the one before the last), verified against
 *    its digest trailer and its release's manifest, and the result judged by the core.
 * 2. A target carrying a version that an advisory enforced now affects is refused, unless the
 *    command says `--force` and its author is a listed approver of the environment.
 * 3. Write (write-rollback.ts): the commit on `lockstep/rollback/<env>` and its one pull request.
 * 4. Answer once, in the command's conversation. Every refusal answers too, and writes nothing.
 */
export async function rollbackCommand(
  ctx: BotContext,
  command: Extract<Command, { verb: 'rollback' }>,
  source: CommandSource,
): Promise<void> {
  const env = command.environment;
  const answer = (text: string) => reply(ctx, source, command.text, text);
  const trigger: RollbackTrigger = {
    kind: 'command',
    by: source.author,
    command: command.text,
    commentId: source.commentId,
    url: source.commentUrl,
    issueNumber: source.issueNumber,
    where: `${ctx.coordinates.owner}/${ctx.coordinates.repo}#${source.issueNumber}`,
  };
  let plan: RollbackPlan;
  try {
    plan = await planRollback(ctx, {
      environment: env,
      choice: command.to === undefined ? { kind: 'previous' } : { kind: 'named', to: command.to },
      holdReason: (tags) => holdReason(trigger, tags),
    });
  } catch (error) {
    if (!(error instanceof LockstepError)) throw error;
    await answer(`Sorry, I did not roll back ${env}: ${refusalOf(error)} Nothing was changed.`);
    return;
  }
  let forced: Forced | undefined;
  if (plan.affected.length) {
    const refusal = await forceRefusal(ctx, plan, command, source.author);
    if (refusal) {
      await answer(refusal);
      return;
    }
    forced = { by: source.author, advisories: plan.affected };
  }
  const written = await writeRollback(ctx, plan, trigger, forced);
  await answer(doneText(plan, written, forced, command.force));
}

/** A refusal's reason, with the diagnostics of an input error. */
export function refusalOf(error: LockstepError): string {
  if (!error.diagnostics.length) return `${error.message}.`;
  return [
    `the repository has input errors; fix them first:`,
    '```',
    ...error.diagnostics.map(formatDiagnostic),
    '```',
  ].join('\n');
}

/**
 * Why a rollback to a target with enforced advisories may not go ahead, or undefined when it may:
 * `--force` from a listed approver of the environment (as configured now, not at the tag).
 */
async function forceRefusal(
  ctx: BotContext,
  plan: RollbackPlan,
  command: Extract<Command, { verb: 'rollback' }>,
  author: string,
): Promise<string | undefined> {
  const env = plan.environment;
  const approvers = plan.approvers;
  const listed = approvers.length ? `(\`approvals.approvers\`: ${approvers.join(', ')})` : '';
  const head = [
    `Sorry, I did not roll back ${env} to ${plan.to.tag}: its manifest carries versions affected by advisories ${env} enforces now:`,
    ...advisoryLines(plan.affected),
    '',
  ];
  if (command.force && (await isListed(ctx, author, approvers))) return undefined;
  if (!approvers.length)
    return [
      ...head,
      `Only a listed approver of ${env} may force such a rollback, and ${env} lists none (\`approvals.approvers\` in ${plan.configPath}). Roll back to a tag these advisories do not affect (\`/lockstep rollback ${env} to <tag>\`), or fix forward. Nothing was changed.`,
    ].join('\n');
  if (!command.force)
    return [
      ...head,
      `Lockstep refuses such a rollback unless a listed approver of ${env} ${listed} asks for it with \`--force\`: \`/lockstep rollback ${env} to ${plan.to.tag} --force\`. Even then it will not deploy until the advisories are dealt with; the pull request would say how. Otherwise roll back to a tag they do not affect, or fix forward. Nothing was changed.`,
    ].join('\n');
  return [
    ...head,
    `\`--force\` is for the listed approvers of ${env} ${listed}, and @${author} is not one of them. Ask one of them to run the command. Nothing was changed.`,
  ].join('\n');
}

/** The answer once the pull request is written. */
function doneText(
  plan: RollbackPlan,
  written: WrittenRollback,
  forced: Forced | undefined,
  force: boolean,
): string {
  const { environment: env, from, to } = plan;
  const pr = `#${written.number}`;
  const what =
    from.tag === to.tag
      ? `rolls ${env} back to ${to.tag}, its last deploy`
      : `rolls ${env} back from ${from.tag} to ${to.tag}`;
  const opening = written.created
    ? `Opened ${pr}: it ${what}`
    : written.changed
      ? `Updated ${pr}, the open rollback pull request of ${env}: it now ${what}`
      : `${pr}, the open rollback pull request of ${env}, already ${what}`;
  const { verdict, violations } = plan.evaluation;
  const lines = [
    `${opening} (\`${to.digest}\`, commit \`${to.commit.slice(0, 7)}\`). It restores \`${plan.configPath}\` and \`${plan.manifestPath}\` exactly as at ${to.tag}, verified against the tag's digest and the manifest of its release, and sets \`hold\` so automation does not undo it.`,
  ];
  if (verdict) {
    const approvals =
      verdict.verdict === 'needs-approval' && verdict.approvals
        ? ` It needs ${verdict.approvals.required} approval(s) from ${verdict.approvals.approvers.join(', ')}.`
        : '';
    lines.push(`Verdict: **${verdict.verdict}**: ${verdict.reason}.${approvals}`);
  }
  if (forced) {
    const ids = [...new Set(forced.advisories.map((a) => a.advisory.id))].join(', ');
    lines.push(
      `Forced by @${forced.by} past ${ids}: this is recorded on ${pr}. It will not deploy as it is: \`lockstep/policy\` fails until the advisories are waived; ${pr} explains what to do.`,
    );
  } else if (violations.length) {
    lines.push(
      `Note: \`lockstep/policy\` will fail on ${pr} while this remains: ${violations.map((v) => v.message).join('; ')}.`,
    );
  } else {
    lines.push(`Merging ${pr} redeploys that manifest through the normal deploy workflow.`);
  }
  if (force && !forced)
    lines.push(`(\`--force\` was not needed: no advisory ${env} enforces affects ${to.tag}.)`);
  return lines.join('\n\n');
}
