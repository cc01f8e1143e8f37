import { SEVERITIES } from '../../src/core/catalog/catalog-index.js';
import { commitToBranch, upsertPull } from '../../src/github/pull-branch.js';
import { statusOf } from '../../src/github/request-errors.js';
import type { BotContext } from '../bot-context.js';
import { disableAutoMerge, enableAutoMerge } from './auto-merge.js';
import { commitMessage, type PullMarker, securityBranch } from './security-marker.js';
import type { SecurityNeed } from './security-needs.js';
import { pullBody, pullLabels, pullTitle } from './security-pull-text.js';
import type { SecurityState } from './security-state.js';

/** What happened to one environment's security PR. */
export type WriteOutcome = { number: number; url: string; action: 'opened' | 'updated' | 'unchanged' };

/**
 * Opens or updates the security PR of one environment, converging whatever state an earlier run
 * (redelivered, racing, or cut short by a failure) left behind:
 * 1. the branch: committed again only when its commit does not already carry this manifest against
 *    this default-branch manifest (trailers of the bot's commit); force-moved otherwise;
 * 2. the PR: created, or its title and body updated when they differ (upsertPull turns a racing
 *    create into an update); a PR whose content did not change keeps its body's trigger and base;
 * 3. labels: `security` and the severity, and a severity label that no longer applies removed;
 * 4. auto-merge, with `securityMerge: auto-merge`: enabled on a PR the policy allows without
 *    approvals when GitHub does not show it yet, disabled on one that now needs approvals.
 * Calls for a new PR: tree, commit, ref, PR, labels (+1 GraphQL with auto-merge).
 */
export async function writeSecurityPull(
  ctx: BotContext,
  state: SecurityState,
  need: SecurityNeed,
  trigger: string,
): Promise<WriteOutcome> {
  const { owner, repo } = ctx.coordinates;
  const env = need.environment;
  const branchName = securityBranch(env);
  const pull = state.pulls.get(env);
  const branch = state.branches?.get(env);
  const holds = (facts: { digest: string; onMain: string } | undefined) =>
    facts?.digest === need.digest && facts.onMain === need.onMain;
  // Without the branch listing (over 100 security branches), the PR's marker says what it holds.
  const branchCurrent = state.branches ? holds(branch?.facts) : holds(pull?.marker);
  const pullCurrent = pull !== undefined && holds(pull.marker) && branchCurrent;

  if (!branchCurrent) {
    await commitToBranch(ctx.octokit, ctx.coordinates, {
      branch: branchName,
      base: state.commit,
      files: { [need.manifestPath]: need.text },
      message: commitMessage(
        pullTitle(need),
        { environment: env, digest: need.digest, onMain: need.onMain },
        need.advisories,
      ),
      ...(state.branches ? { known: { baseTree: state.tree, head: branch?.commit ?? null } } : {}),
    });
  }
  const fresh: PullMarker = {
    environment: env,
    digest: need.digest,
    onMain: need.onMain,
    base: state.commit,
    advisories: need.advisories,
    trigger,
    verdict: need.verdict.verdict,
  };
  // Unchanged content keeps what the body said about when and why it was written.
  const kept =
    pullCurrent && pull.marker
      ? { ...pull.marker, advisories: need.advisories, verdict: need.verdict.verdict }
      : undefined;
  let marker = kept ?? fresh;
  const title = pullTitle(need);
  let body = pullBody(need, marker, ctx.settings, ctx.defaultBranch);
  if (kept && pull && (body !== pull.body || title !== pull.title)) {
    marker = { ...kept, trigger };
    body = pullBody(need, marker, ctx.settings, ctx.defaultBranch);
  }
  const labels = pullLabels(need);
  const result = await upsertPull(
    ctx.octokit,
    ctx.coordinates,
    { branch: branchName, base: ctx.defaultBranch, title, body, labels },
    { existing: pull },
  );
  const stale = (pull?.labels ?? []).filter(
    (l) => (SEVERITIES as readonly string[]).includes(l) && !labels.includes(l),
  );
  await Promise.all(
    stale.map(async (name) => {
      try {
        await ctx.octokit.rest.issues.removeLabel({ owner, repo, issue_number: result.number, name });
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
    }),
  );
  // Auto-merge only where the policy needs no approval: GitHub would not wait for lockstep/approval
  // unless branch protection requires it; the others merge when green, approvals included.
  if (ctx.settings.bot.securityMerge === 'auto-merge') {
    const allowed = need.verdict.verdict === 'allowed';
    if (allowed && !pull?.autoMerge)
      await enableAutoMerge(ctx, { number: result.number, nodeId: result.nodeId }, trigger);
    if (!allowed && pull?.autoMerge)
      await disableAutoMerge(ctx, { number: result.number, nodeId: result.nodeId });
  }
  const action = result.created
    ? 'opened'
    : branchCurrent && pull?.body === body && pull.title === title && stale.length === 0
      ? 'unchanged'
      : 'updated';
  return { number: result.number, url: result.url, action };
}
