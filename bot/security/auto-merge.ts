import { findMarkedComments, upsertMarkedComment } from '../../src/github/marked-comment.js';
import type { BotContext } from '../bot-context.js';

/** The comment that says auto-merge could not be enabled and the bot merges when green instead. */
export const AUTO_MERGE_FALLBACK_MARKER = '<!-- lockstep:security-auto-merge-fallback -->';

/** REST has no auto-merge: GitHub enables it through this GraphQL mutation only. */
const ENABLE_AUTO_MERGE = `mutation LockstepEnableAutoMerge($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod) {
  enablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId, mergeMethod: $mergeMethod }) {
    pullRequest { number autoMergeRequest { enabledAt mergeMethod } }
  }
}`;

const DISABLE_AUTO_MERGE = `mutation LockstepDisableAutoMerge($pullRequestId: ID!) {
  disablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId }) {
    pullRequest { number }
  }
}`;

/** The `errors` of a GraphQL answer that GitHub gave with HTTP 200 (Octokit's GraphqlResponseError). */
function graphqlErrors(error: unknown): { type?: string; message: string }[] | undefined {
  if (typeof error !== 'object' || error === null || !('errors' in error)) return undefined;
  const errors = (error as { errors: unknown }).errors;
  if (!Array.isArray(errors)) return undefined;
  return errors.map((e: { type?: unknown; message?: unknown }) => ({
    ...(typeof e.type === 'string' ? { type: e.type } : {}),
    message: typeof e.message === 'string' ? e.message : String(e.message),
  }));
}

/**
 * `securityMerge: auto-merge`: asks GitHub to merge the PR (squash) once branch protection is
 * satisfied. GitHub refuses when the repository does not allow auto-merge ("Allow auto-merge" is off
 * by default) or the PR cannot use it; then the bot says so on the PR, once, and merges it itself when
 * green (merge-when-green.ts looks for that comment). HTTP failures (5xx, rate limits) propagate: the
 * next sync tries again, since the PR still shows no auto-merge.
 */
export async function enableAutoMerge(
  ctx: BotContext,
  pull: { number: number; nodeId: string },
  trigger: string,
): Promise<'enabled' | 'fallback'> {
  try {
    await ctx.octokit.graphql(ENABLE_AUTO_MERGE, { pullRequestId: pull.nodeId, mergeMethod: 'SQUASH' });
    return 'enabled';
  } catch (error) {
    const errors = graphqlErrors(error);
    if (!errors) throw error;
    const said = errors.map((e) => `"${e.message}"${e.type ? ` (${e.type})` : ''}`).join('; ');
    const body = [
      AUTO_MERGE_FALLBACK_MARKER,
      `Lockstep asked GitHub to enable auto-merge on this pull request (\`securityMerge: auto-merge\` in \`.github/lockstep.yml\`, after ${trigger}), and GitHub refused: ${said}.`,
      '',
      'Lockstep falls back to `when-green`: it merges this pull request itself once every check run and commit status on its head commit is green, `lockstep/policy` included.',
      'To let GitHub merge it instead, allow auto-merge in the repository settings (Settings, General, Pull Requests, "Allow auto-merge"); Lockstep enables it at the next catalog change.',
    ].join('\n');
    await upsertMarkedComment(ctx.octokit, ctx.coordinates, pull.number, AUTO_MERGE_FALLBACK_MARKER, body);
    ctx.log('warn', `security PR #${pull.number}: auto-merge refused (${said}); merging when green instead`);
    return 'fallback';
  }
}

/** Whether the bot said on this PR that it merges it when green because auto-merge was refused. */
export async function hasAutoMergeFallback(ctx: BotContext, number: number): Promise<boolean> {
  const found = await findMarkedComments(ctx.octokit, ctx.coordinates, number, AUTO_MERGE_FALLBACK_MARKER);
  return found.length > 0;
}

/**
 * Takes auto-merge off a security PR that now needs approvals (a catalog change brought changes the
 * policy does not let through unapproved): GitHub would otherwise merge it without waiting for
 * `lockstep/approval` unless branch protection requires that check.
 */
export async function disableAutoMerge(
  ctx: BotContext,
  pull: { number: number; nodeId: string },
): Promise<void> {
  await ctx.octokit.graphql(DISABLE_AUTO_MERGE, { pullRequestId: pull.nodeId });
  ctx.log('info', `security PR #${pull.number}: auto-merge disabled, the change now needs approvals`);
}
