import type { BotContext } from '../bot-context.js';

/** Creates or updates the Deployment Dashboard issue. */
export async function updateDashboard(_ctx: BotContext): Promise<void> {
  throw new Error('updateDashboard: not built yet');
}
