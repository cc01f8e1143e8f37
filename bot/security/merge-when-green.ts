import type { BotContext } from '../bot-context.js';

/** With `securityMerge: when-green`: merges the bot's security pull requests whose head `sha` is green. */
export async function mergeWhenGreen(_ctx: BotContext, _sha: string): Promise<void> {
  throw new Error('mergeWhenGreen: not built yet');
}
