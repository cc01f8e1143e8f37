import type { BotContext } from '../bot-context.js';

/** Opens, updates or closes the `lockstep/security/<env>` pull requests after the catalog changed. */
export async function syncSecurityPulls(_ctx: BotContext, _trigger: string): Promise<void> {
  throw new Error('syncSecurityPulls: not built yet');
}
