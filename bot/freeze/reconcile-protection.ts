import type { BotContext } from '../bot-context.js';

/** Makes the default branch's protection match the environments frozen now. */
export async function reconcileProtection(_ctx: BotContext, _why: string): Promise<void> {
  throw new Error('reconcileProtection: not built yet');
}
