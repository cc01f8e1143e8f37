import { upsertMarkedComment } from '../../src/github/marked-comment.js';
import type { BotContext } from '../bot-context.js';

/** The command comment the bot answers. */
export interface CommandSource {
  /** The issue or pull request the comment is on. */
  issueNumber: number;
  /** The comment's id: the answer is keyed by it, so a redelivery updates the same answer. */
  commentId: number;
  commentUrl: string;
  /** Who wrote the command. */
  author: string;
}

/** The hidden marker of the bot's answer to one command comment. */
export function replyMarker(source: CommandSource): string {
  return `<!-- lockstep:reply:${source.commentId} -->`;
}

/**
 * Answers a command in the same conversation, attributed: who asked, what, and what the bot did or
 * why it refused. One answer per command comment, updated in place (redelivery-safe).
 */
export async function reply(
  ctx: BotContext,
  source: CommandSource,
  command: string,
  outcome: string,
): Promise<{ id: number; url: string }> {
  const body = [
    replyMarker(source),
    `@${source.author} asked [\`${command}\`](${source.commentUrl}).`,
    '',
    outcome,
  ].join('\n');
  return upsertMarkedComment(ctx.octokit, ctx.coordinates, source.issueNumber, replyMarker(source), body);
}
