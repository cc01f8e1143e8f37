import type { BotContext } from '../bot-context.js';
import type { Command } from '../commands/parse-command.js';
import type { CommandSource } from '../commands/reply.js';

/** `/lockstep freeze <env> [reason]` and `/lockstep unfreeze <env>`, from an authorized user. */
export async function freezeCommand(
  _ctx: BotContext,
  _command: Extract<Command, { verb: 'freeze' | 'unfreeze' }>,
  _source: CommandSource,
): Promise<void> {
  throw new Error('freezeCommand: not built yet');
}
