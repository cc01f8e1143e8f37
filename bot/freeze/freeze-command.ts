import { findMarkedComments } from '../../src/github/marked-comment.js';
import type { BotContext } from '../bot-context.js';
import type { Command } from '../commands/parse-command.js';
import { type CommandSource, reply, replyMarker } from '../commands/reply.js';
import {
  alreadyFrozen,
  frozenAnswer,
  notFrozenByCommand,
  unfrozenAnswer,
  unknownEnvironment,
} from './freeze-answers.js';
import { type CommandFreeze, recordCommandFreeze, removeCommandFreeze } from './freeze-records.js';
import { type FreezeView, readFreezeView } from './frozen-now.js';
import { recheckOpenPulls } from './recheck-pulls.js';
import { reconcileProtection } from './reconcile-protection.js';

type FreezeVerb = Extract<Command, { verb: 'freeze' | 'unfreeze' }>;

/**
 * `/lockstep freeze <env> [reason]` and `/lockstep unfreeze <env>`, from an authorized user:
 * 1. Concurrently: the freeze view (environments at the default branch's head, command freezes,
 *    the protection memory: one GraphQL request) and whether this comment has an answer already.
 * 2. An answered comment is a redelivery of a command already carried out: nothing more happens
 *    (a freeze redelivered after an unfreeze must not freeze again).
 * 3. Record or delete the freeze, reconcile the branch protection, and answer in the conversation.
 * Bad input (unknown environment, already frozen, not frozen) is answered and nothing is written.
 */
export async function freezeCommand(
  ctx: BotContext,
  command: FreezeVerb,
  source: CommandSource,
): Promise<void> {
  const [view, answered] = await Promise.all([
    readFreezeView(ctx),
    findMarkedComments(ctx.octokit, ctx.coordinates, source.issueNumber, replyMarker(source)),
  ]);
  if (answered.length) {
    ctx.log(
      'info',
      `lockstep: ${command.text} (${source.commentUrl}) was answered already; redelivery ignored`,
    );
    return;
  }
  const existing = view.commandFreezes.get(command.environment);
  const outcome =
    command.verb === 'freeze'
      ? await freeze(ctx, command, source, view, existing)
      : await unfreeze(ctx, command.environment, source, view, existing);
  if (typeof outcome === 'string') {
    await reply(ctx, source, command.text, outcome);
    return;
  }
  // The verdicts of open pull requests changed with the gate: a PR judged green before the freeze
  // must not stay green during it (nor red after it).
  const rechecked = await recheckOpenPulls(ctx);
  const note = rechecked
    ? `\n\nI judged the ${rechecked} open pull request${rechecked === 1 ? '' : 's'} into \`${ctx.defaultBranch}\` again: their \`lockstep/policy\` checks now follow the ${command.verb === 'freeze' ? 'freeze' : 'lifted freeze'}.`
    : '';
  await reply(ctx, source, command.text, `${outcome.changed}${note}`);
}

async function freeze(
  ctx: BotContext,
  command: Extract<Command, { verb: 'freeze' }>,
  source: CommandSource,
  view: FreezeView,
  existing: CommandFreeze | undefined,
): Promise<string | { changed: string }> {
  const env = command.environment;
  if (!view.environments.has(env)) return unknownEnvironment(env, view, ctx.defaultBranch);
  // The same comment's freeze is ours (a delivery that failed before answering): carry on with it.
  if (existing && existing.url !== source.commentUrl) return alreadyFrozen(existing);
  let freeze = existing;
  if (!freeze) {
    const { record } = await recordCommandFreeze(ctx.octokit, ctx.coordinates, {
      environment: env,
      by: source.author,
      reason: command.reason,
      since: ctx.now.toISOString(),
      url: source.commentUrl,
    });
    freeze = record.data;
    // Another comment froze it a moment earlier: its freeze stands, this one changes nothing.
    if (freeze.url !== source.commentUrl) return alreadyFrozen(freeze);
  }
  const outcome = await reconcileProtection(
    ctx,
    `/lockstep freeze ${env} by @${source.author}`,
    withCommandFreeze(view, env, freeze),
  );
  return { changed: frozenAnswer(freeze, outcome) };
}

async function unfreeze(
  ctx: BotContext,
  env: string,
  source: CommandSource,
  view: FreezeView,
  existing: CommandFreeze | undefined,
): Promise<string | { changed: string }> {
  const facts = view.environments.get(env);
  if (!existing) {
    return facts ? notFrozenByCommand(env, facts) : unknownEnvironment(env, view, ctx.defaultBranch);
  }
  // false: a racing delivery removed it first; the state reached is the same.
  await removeCommandFreeze(ctx.octokit, ctx.coordinates, env);
  const outcome = await reconcileProtection(
    ctx,
    `/lockstep unfreeze ${env} by @${source.author}`,
    withCommandFreeze(view, env, undefined),
  );
  return { changed: unfrozenAnswer(existing, facts, outcome) };
}

/** The view with `env`'s command freeze as this command leaves it. */
function withCommandFreeze(view: FreezeView, env: string, freeze: CommandFreeze | undefined): FreezeView {
  const commandFreezes = new Map(view.commandFreezes);
  if (freeze) commandFreezes.set(env, freeze);
  else commandFreezes.delete(env);
  return { ...view, commandFreezes };
}
