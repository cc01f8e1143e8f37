import type { Octokit } from '@octokit/rest';
import type { BotContext, BotLog } from '../bot-context.js';

/**
 * The id of the GitHub App the bot runs as, from its installation authentication (the app's JWT is
 * signed locally: no request). Undefined when the bot runs with a plain token, which has no app.
 */
export function ownAppId(ctx: BotContext): Promise<number | undefined> {
  return appIdOf(ctx.octokit, ctx.log);
}

/** ownAppId for an Octokit alone (before the bot's context exists). */
export async function appIdOf(octokit: Octokit, log: BotLog): Promise<number | undefined> {
  let auth: unknown;
  try {
    auth = await octokit.auth({ type: 'app' });
  } catch (error) {
    // A token strategy rejects the app type: there is no app to name, which callers handle.
    log('debug', `no GitHub App identity: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  if (typeof auth !== 'object' || auth === null || !('appId' in auth)) return undefined;
  const id = Number(auth.appId);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}
