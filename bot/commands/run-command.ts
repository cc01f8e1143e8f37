import type { BotContext } from '../bot-context.js';
import { updateDashboard } from '../dashboard/update-dashboard.js';
import { freezeCommand } from '../freeze/freeze-command.js';
import { rollbackCommand } from '../rollback/rollback-command.js';
import { authorizeCommander } from './authorize.js';
import { parseCommand } from './parse-command.js';
import { type CommandSource, reply } from './reply.js';

/** An issue or pull-request comment, as the command handler needs it. */
export interface CommentEvent {
  issueNumber: number;
  comment: { id: number; body: string; url: string; author: string; authorType: string };
}

/**
 * A `/lockstep` command in a comment: parsed, authorized, then run. A mistyped command or an
 * unauthorized user gets a polite answer and nothing changes. Comments without a command, and
 * comments by bots (including our own answers), are ignored.
 */
export async function runCommand(ctx: BotContext, event: CommentEvent): Promise<void> {
  if (event.comment.authorType === 'Bot') return;
  const command = parseCommand(event.comment.body);
  if (!command) return;
  const source: CommandSource = {
    issueNumber: event.issueNumber,
    commentId: event.comment.id,
    commentUrl: event.comment.url,
    author: event.comment.author,
  };
  if (command.verb === 'invalid') {
    await reply(ctx, source, command.text, `Nothing was changed: ${command.problem}.`);
    return;
  }
  const auth = await authorizeCommander(ctx, source.author);
  if (!auth.allowed) {
    await reply(
      ctx,
      source,
      command.text,
      `Sorry, only users with write access to this repository, or listed in \`bot.commanders\` of ` +
        `.github/lockstep.yml, may use \`/lockstep ${command.verb}\`: ${auth.because}. Nothing was changed.`,
    );
    return;
  }
  if (command.verb === 'rollback') await rollbackCommand(ctx, command, source);
  else await freezeCommand(ctx, command, source);
  if (ctx.settings.bot.dashboard)
    await updateDashboard(ctx, `/lockstep ${command.verb} by @${source.author}`);
}
