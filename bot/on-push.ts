import type { BotContext } from './bot-context.js';
import { updateDashboard } from './dashboard/update-dashboard.js';
import { reconcileProtection } from './freeze/reconcile-protection.js';
import { syncSecurityPulls } from './security/sync-security-pulls.js';
import { touchesLockstep } from './touches-lockstep.js';

/** What a push event tells. */
export interface PushEvent {
  ref: string;
  deleted: boolean;
  after: string;
  pusher: string;
  commits: readonly { added?: string[]; modified?: string[]; removed?: string[] }[];
}

/**
 * A push to the default branch (a merge, or a direct push): the branch protection follows the
 * environments frozen now, security PRs follow a changed catalog or environment, and the dashboard
 * is refreshed. Pushes to other branches are none of the bot's business.
 */
export async function onPush(ctx: BotContext, push: PushEvent): Promise<void> {
  if (push.ref !== `refs/heads/${ctx.defaultBranch}` || push.deleted) return;
  // A push payload lists at most 20 commits: beyond that, assume Lockstep files changed.
  const changed =
    push.commits.length >= 20
      ? [`${ctx.settings.catalogDir}/`]
      : push.commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])]);
  const why = `push ${push.after.slice(0, 7)} by @${push.pusher}`;
  await reconcileProtection(ctx, why);
  if (touchesLockstep(ctx, changed)) await syncSecurityPulls(ctx, why);
  if (ctx.settings.bot.dashboard) await updateDashboard(ctx, why);
}
