import type { BotContext } from '../bot-context.js';
import { checkPull } from '../pulls/check-pull.js';
import { pullRefOf } from '../pulls/pull-ref.js';

/**
 * Judges every open pull request into the default branch again (its `lockstep/policy`, approval and
 * plan comment), after a freeze or an unfreeze changed the gate it was judged with. One after the
 * other: GitHub asks integrations not to burst requests, and a freeze is rare. Returns how many.
 */
export async function recheckOpenPulls(ctx: BotContext): Promise<number> {
  const { owner, repo } = ctx.coordinates;
  const pulls = await ctx.octokit.paginate(ctx.octokit.rest.pulls.list, {
    owner,
    repo,
    state: 'open',
    base: ctx.defaultBranch,
    per_page: 100,
  });
  for (const pull of pulls) await checkPull(ctx, pullRefOf(pull));
  return pulls.length;
}
