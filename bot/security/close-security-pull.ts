import type { CatalogIndex } from '../../src/core/catalog/catalog-index.js';
import type { EnvironmentEntry } from '../../src/core/load/load-repository.js';
import { securityPolicy } from '../../src/core/resolve/context.js';
import { upsertMarkedComment } from '../../src/github/marked-comment.js';
import { statusOf } from '../../src/github/request-errors.js';
import type { BotContext } from '../bot-context.js';
import { securityBranch } from './security-marker.js';
import type { OpenSecurityPull } from './security-state.js';

/** The comment the bot leaves on a security PR it closes. */
export const CLOSED_MARKER = '<!-- lockstep:security-closed -->';

/**
 * Why an open security PR is no longer needed, in words: the environment is gone, each advisory it
 * was for is withdrawn, waived, or no longer enforced, or the default branch already carries the fix.
 */
export function noLongerNeeded(
  pull: OpenSecurityPull,
  entry: EnvironmentEntry | undefined,
  catalog: CatalogIndex,
  now: Date,
  assessment: string,
  defaultBranch: string,
): string {
  const env = pull.environment;
  if (!entry) return `environment ${env} no longer exists on \`${defaultBranch}\`.`;
  const policy = securityPolicy(entry.config, catalog, now);
  const enforce = entry.config.security?.enforce ?? 'critical';
  const reasons: string[] = [];
  let explained = true;
  for (const id of pull.marker?.advisories ?? []) {
    const advisory = catalog.advisories.find((a) => a.id === id);
    const waived = policy.waived.find((w) => w.advisory.id === id);
    if (!advisory) reasons.push(`${id} was withdrawn from the catalog`);
    else if (waived)
      reasons.push(
        `${id} is waived in ${env} until ${waived.waiver.until} (approved by ${waived.waiver.approvedBy}: ${waived.waiver.reason})`,
      );
    else if (!policy.enforced.includes(advisory))
      reasons.push(`${id} (${advisory.severity}) is below ${env}'s \`security.enforce: ${enforce}\``);
    else explained = false;
  }
  // The advisory still binds, yet nothing needs patching: the default branch has the fix.
  if (!explained || reasons.length === 0)
    reasons.push(
      assessment === 'up to date'
        ? `\`${defaultBranch}\` already has the manifest compile gives for ${env} (the fix was merged)`
        : `compile at \`${defaultBranch}\` no longer patches anything in ${env} (${assessment})`,
    );
  return `${reasons.join('; ')}.`;
}

/**
 * Closes a security PR that is no longer needed: one comment saying why and who caused the check
 * (a marked comment, so a redelivery or a racing event does not repeat it), then the PR, then its
 * branch. Each step tolerates having been done already.
 */
export async function closeSecurityPull(
  ctx: BotContext,
  pull: OpenSecurityPull,
  reason: string,
  trigger: string,
): Promise<void> {
  const { owner, repo } = ctx.coordinates;
  const body = [
    CLOSED_MARKER,
    `Lockstep closed this pull request after ${trigger}: it is no longer needed because ${reason}`,
    '',
    `The branch \`${securityBranch(pull.environment)}\` is deleted with it. If an enforced advisory affects ${pull.environment} again, Lockstep opens a new security pull request.`,
  ].join('\n');
  await upsertMarkedComment(ctx.octokit, ctx.coordinates, pull.number, CLOSED_MARKER, body);
  await ctx.octokit.rest.pulls.update({ owner, repo, pull_number: pull.number, state: 'closed' });
  await deleteBranch(ctx, pull.environment);
}

/** Deletes a security branch; already gone is fine (a racing event, or GitHub's auto-delete). */
export async function deleteBranch(ctx: BotContext, environment: string): Promise<void> {
  const { owner, repo } = ctx.coordinates;
  try {
    await ctx.octokit.rest.git.deleteRef({ owner, repo, ref: `heads/${securityBranch(environment)}` });
  } catch (error) {
    const status = statusOf(error);
    if (status !== 422 && status !== 404) throw error;
  }
}
