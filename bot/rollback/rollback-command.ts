import type { BotContext } from '../bot-context.js';
import type { Command } from '../commands/parse-command.js';
import type { CommandSource } from '../commands/reply.js';

/** `/lockstep rollback <env> [to <tag>] [--force]`, from an authorized user. */
export async function rollbackCommand(
  _ctx: BotContext,
  _command: Extract<Command, { verb: 'rollback' }>,
  _source: CommandSource,
): Promise<void> {
  throw new Error('rollbackCommand: not built yet');
}
