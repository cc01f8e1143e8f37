import type { BotContext } from '../bot-context.js';
import type { PullRef } from './pull-ref.js';

/** Recomputes `lockstep/approval` on the pull request's head after a review event. */
export async function recomputeApproval(_ctx: BotContext, _pull: PullRef): Promise<void> {
  throw new Error('recomputeApproval: not built yet');
}
