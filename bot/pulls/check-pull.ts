import type { BotContext } from '../bot-context.js';
import type { PullRef } from './pull-ref.js';

/** The `lockstep/policy` check run, the plan comment and `lockstep/approval` of a pull request. */
export async function checkPull(_ctx: BotContext, _pull: PullRef): Promise<void> {
  throw new Error('checkPull: not built yet');
}
