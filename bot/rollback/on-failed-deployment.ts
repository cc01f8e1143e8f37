import type { BotContext } from '../bot-context.js';

/** A failed deployment status of a Lockstep Deployment: opens a rollback PR when `bot.rollbackOnFailure`. */
export async function onFailedDeployment(
  _ctx: BotContext,
  _deployment: {
    id: number;
    environment: string;
    sha: string;
    state: string;
    description: string;
    url: string;
  },
): Promise<void> {
  throw new Error('onFailedDeployment: not built yet');
}
