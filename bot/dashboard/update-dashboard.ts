import type { BotContext } from '../bot-context.js';
import { gatherDashboard } from './dashboard-data.js';
import { dashboardBody } from './dashboard-markdown.js';
import { findDashboards } from './find-dashboard.js';
import { type DashboardWrite, upsertDashboard } from './upsert-dashboard.js';

/**
 * Creates or updates the Deployment Dashboard issue (the caller checks `bot.dashboard`).
 * 1. Concurrently: judge every environment at the default branch's head, list the open pull
 *    requests, and list the dashboard issues (three independent reads, one round of waiting).
 * 2. Render the body (pure, at the event's time).
 * 3. Write it: nothing when it says the same, else one update, or a create when there is none.
 * `trigger` names the event in the footer, e.g. `push 1a2b3c4 by @dana`; by default the sender, and
 * without one (the server's timer, bot/tick.ts) the scheduled tick.
 */
export async function updateDashboard(
  ctx: BotContext,
  trigger = ctx.sender ? `an event from @${ctx.sender}` : 'the scheduled tick',
): Promise<DashboardWrite> {
  const [view, found] = await Promise.all([
    gatherDashboard(ctx),
    findDashboards(ctx.octokit, ctx.coordinates),
  ]);
  const body = dashboardBody(view, { now: ctx.now, trigger });
  const written = await upsertDashboard(ctx.octokit, ctx.coordinates, found, body);
  ctx.log('info', `Deployment Dashboard #${written.number}: ${written.outcome} after ${trigger}`);
  return written;
}
