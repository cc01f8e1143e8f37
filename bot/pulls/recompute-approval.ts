import type { BotContext } from '../bot-context.js';
import { checkPull } from './check-pull.js';
import { APPROVAL_CHECK, ownCheckRuns, POLICY_CHECK } from './check-runs.js';
import { ownAppId } from './own-app.js';
import { readPolicyData } from './policy-data.js';
import type { PullRef } from './pull-ref.js';
import { settleApproval } from './settle-approval.js';

/**
 * Recomputes `lockstep/approval` on the pull request's head after a review event (submitted,
 * dismissed, edited). The verdicts do not change with reviews, so they are not judged again: the
 * bot's own `lockstep/policy` run on the head carries what each environment needs (policy-data.ts),
 * and one round trip reads it with the reviews. Only a run created by this app is trusted: anyone
 * who can run a workflow could create a run of the same name. Without one (the app was installed
 * after the pull request was opened, its first check failed, or the bot has no app identity) the
 * whole pull request is checked instead. A head whose files are invalid gets no approval count.
 */
export async function recomputeApproval(ctx: BotContext, pull: PullRef): Promise<void> {
  const appId = await ownAppId(ctx);
  if (appId === undefined) return checkPull(ctx, pull);
  const [runs, reviews] = await Promise.all([
    ownCheckRuns(ctx, pull.headSha, appId),
    ctx.port.reviews(pull.number),
  ]);
  const policy = runs.find((r) => r.name === POLICY_CHECK);
  const data = policy && readPolicyData(policy.summary, pull.headSha);
  if (!data) return checkPull(ctx, pull);
  if (data.state === 'invalid') {
    ctx.log('info', `#${pull.number}: files at ${pull.headSha.slice(0, 7)} are invalid; no approval count`);
    return;
  }
  await settleApproval(
    ctx,
    pull,
    data,
    runs.filter((r) => r.name === APPROVAL_CHECK),
    reviews,
  );
}
