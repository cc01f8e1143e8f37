import { statusOf } from '../../src/github/request-errors.js';
import type { BotContext } from '../bot-context.js';
import { bodyFromGitHub, type ProtectionBody } from './protection-body.js';

/**
 * GitHub's PUT takes exactly one of `required_status_checks.contexts` (deprecated) and `.checks`: with
 * both it answers 422 "More than one subschema in oneOf matched" (google/go-github#2976). Only
 * `checks` keeps the app a check is pinned to, so Lockstep sends `checks` alone. Octokit's types
 * follow GitHub's description, which marks `contexts` required; hence the route is named as a plain
 * string, which Octokit accepts with untyped parameters.
 */
const PUT_PROTECTION: string = 'PUT /repos/{owner}/{repo}/branches/{branch}/protection';

/** The branch's protection as a PUT body; null when the branch is not protected (GitHub's 404). */
export async function readProtection(ctx: BotContext, branch: string): Promise<ProtectionBody | null> {
  try {
    const { data } = await ctx.octokit.rest.repos.getBranchProtection({ ...ctx.coordinates, branch });
    return bodyFromGitHub(data);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/** Sets the branch's protection to exactly `body` (PUT replaces the whole rule set). */
export async function writeProtection(ctx: BotContext, branch: string, body: ProtectionBody): Promise<void> {
  await ctx.octokit.request(PUT_PROTECTION, { ...ctx.coordinates, branch, ...body });
}

/** Removes the branch's protection; already unprotected is fine (a racing event got there first). */
export async function removeProtection(ctx: BotContext, branch: string): Promise<void> {
  try {
    await ctx.octokit.rest.repos.deleteBranchProtection({ ...ctx.coordinates, branch });
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
}
