import { upsertMarkedComment } from '../../src/github/marked-comment.js';
import { githubMessage, statusOf } from '../../src/github/request-errors.js';
import type { BotContext } from '../bot-context.js';
import { ownAppId } from '../pulls/own-app.js';
import { hasAutoMergeFallback } from './auto-merge.js';
import { deleteBranch } from './close-security-pull.js';
import { judgeGreen } from './green-checks.js';
import { commitFacts, type PullMarker, parseMarker, SECURITY_BRANCH_PREFIX } from './security-marker.js';

/** The comment that says why the bot could not merge a green security PR. */
export const MERGE_BLOCKED_MARKER = '<!-- lockstep:security-merge-blocked -->';

/** A pull request as GitHub lists those of a commit. */
interface ListedPull {
  number: number;
  title: string;
  state: string;
  body: string | null;
  draft?: boolean;
  user: { type?: string } | null;
  head: { ref: string; sha: string };
  base: { ref: string };
  auto_merge?: unknown;
}

/**
 * With `securityMerge: when-green` (or `auto-merge` where GitHub refused auto-merge and the bot said
 * so on the PR, or where the policy wants approvals): merges the bot's security PR whose head is
 * `sha` once everything on `sha` is green, `lockstep/approval` too where approvals are needed.
 * Called on every `check_suite.completed` and `status` event; most shas are no security PR's head,
 * which costs one call. A candidate is merged only when its head is the bot's own commit for the
 * manifest its body names (nobody pushed on top), with the head sha as a guard, so a push racing the
 * merge makes GitHub refuse (409) instead of merging something unchecked.
 */
export async function mergeWhenGreen(ctx: BotContext, sha: string): Promise<void> {
  const mode = ctx.settings.bot.securityMerge;
  if (mode === 'manual') return;
  const { owner, repo } = ctx.coordinates;
  const { data } = await ctx.octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    owner,
    repo,
    commit_sha: sha,
    per_page: 100,
  });
  for (const pull of data as ListedPull[]) {
    const marker = parseMarker(pull.body ?? '');
    if (
      !marker ||
      pull.state !== 'open' ||
      pull.draft === true ||
      pull.head.sha !== sha ||
      !pull.head.ref.startsWith(SECURITY_BRANCH_PREFIX) ||
      pull.user?.type !== 'Bot' ||
      pull.base.ref !== ctx.defaultBranch
    )
      continue;
    // With auto-merge on, GitHub merges it; the bot only steps in where it said it would.
    if (marker.verdict === 'blocked' || (mode === 'auto-merge' && pull.auto_merge)) continue;
    await mergeIfGreen(ctx, pull, marker, sha);
  }
}

async function mergeIfGreen(
  ctx: BotContext,
  pull: ListedPull,
  marker: PullMarker,
  sha: string,
): Promise<void> {
  const { owner, repo } = ctx.coordinates;
  const mode = ctx.settings.bot.securityMerge;
  const [runs, combined, commit, fallback, appId] = await Promise.all([
    ctx.octokit.paginate(ctx.octokit.rest.checks.listForRef, { owner, repo, ref: sha, per_page: 100 }),
    ctx.octokit.rest.repos.getCombinedStatusForRef({ owner, repo, ref: sha, per_page: 100 }),
    ctx.octokit.rest.git.getCommit({ owner, repo, commit_sha: sha }),
    // Auto-merge mode: the bot merges what it never handed to GitHub (approvals needed) or where
    // GitHub refused auto-merge (the bot said so in a comment).
    mode === 'auto-merge' && marker.verdict === 'allowed'
      ? hasAutoMergeFallback(ctx, pull.number)
      : Promise.resolve(true),
    ownAppId(ctx),
  ]);
  const tag = `security PR #${pull.number} (${marker.environment}) at ${sha.slice(0, 7)}`;
  if (!fallback) {
    ctx.log('info', `${tag}: auto-merge is off and the bot did not take over merging; left to people`);
    return;
  }
  const facts = commitFacts(commit.data.message);
  if (
    commit.data.parents.length !== 1 ||
    facts?.environment !== marker.environment ||
    facts.digest !== marker.digest
  ) {
    ctx.log('warn', `${tag}: the head is not Lockstep's commit for this manifest; not merging it`);
    return;
  }
  const verdict = judgeGreen(
    runs.map((r) => ({
      name: r.name,
      status: r.status,
      conclusion: r.conclusion ?? null,
      appId: r.app?.id ?? null,
    })),
    combined.data.statuses.map((s) => ({ context: s.context, state: s.state })),
    { approval: marker.verdict !== 'allowed', appId },
  );
  if (!verdict.green) {
    ctx.log(
      'info',
      `${tag}: not merging yet; waiting for ${verdict.waiting.join(', ') || '-'}; failing ${verdict.failing.join(', ') || '-'}`,
    );
    return;
  }
  const merged = await merge(ctx, pull, sha, tag);
  if (!merged) return;
  const allowed = marker.verdict === 'allowed';
  const why =
    mode === 'when-green'
      ? '`securityMerge: when-green`'
      : allowed
        ? '`securityMerge: auto-merge`; GitHub refused auto-merge, so Lockstep merged it when green'
        : '`securityMerge: auto-merge`; a change that needs approvals is merged by Lockstep when green';
  const comment = ctx.octokit.rest.issues.createComment({
    owner,
    repo,
    issue_number: pull.number,
    body: [
      `Lockstep merged this pull request (${merged}; ${why}) after the checks on ${sha.slice(0, 7)} finished (event sent by @${ctx.sender}): ${verdict.checks} check run(s) and ${verdict.statuses} commit status(es) are green, \`lockstep/policy\`${allowed ? '' : ' and `lockstep/approval`'} included.`,
      `${allowed ? `The policy lets enforced security patches into ${marker.environment} without the approvals other changes need.` : `${marker.environment}'s policy wants approvals for this change, and \`lockstep/approval\` says they are given.`} The branch \`${pull.head.ref}\` is deleted; the deploy workflow of \`${ctx.defaultBranch}\` takes it from here.`,
    ].join('\n\n'),
  });
  await Promise.all([comment, deleteBranch(ctx, marker.environment)]);
  ctx.log('info', `${tag}: merged (${merged})`);
}

/**
 * Merges with the head sha as a guard, squash first (one commit, titled like the PR), then the other
 * methods when the repository does not allow it. Returns the method, or undefined when the PR was
 * not merged: already merged by a racing event, head moved (its own checks decide), or GitHub refused
 * (branch protection, conflict), which the bot says once on the PR.
 */
async function merge(
  ctx: BotContext,
  pull: ListedPull,
  sha: string,
  tag: string,
): Promise<string | undefined> {
  const { owner, repo } = ctx.coordinates;
  let refusal = '';
  for (const method of ['squash', 'merge', 'rebase'] as const) {
    try {
      await ctx.octokit.rest.pulls.merge({
        owner,
        repo,
        pull_number: pull.number,
        sha,
        merge_method: method,
        ...(method === 'squash' ? { commit_title: `${pull.title} (#${pull.number})` } : {}),
      });
      return method;
    } catch (error) {
      const status = statusOf(error);
      refusal = githubMessage(error);
      if (status === 405 && /not allowed/i.test(refusal)) continue;
      if (status === 409) {
        ctx.log('info', `${tag}: the head moved before the merge; the new head's checks decide`);
        return undefined;
      }
      if (status !== 405 && status !== 422) throw error;
      break;
    }
  }
  const { data: now } = await ctx.octokit.rest.pulls.get({ owner, repo, pull_number: pull.number });
  if (now.merged || now.state !== 'open') return undefined;
  await upsertMarkedComment(
    ctx.octokit,
    ctx.coordinates,
    pull.number,
    MERGE_BLOCKED_MARKER,
    [
      MERGE_BLOCKED_MARKER,
      `Every check on ${sha.slice(0, 7)} is green, so Lockstep tried to merge this security pull request (\`securityMerge: ${ctx.settings.bot.securityMerge}\`), and GitHub refused: "${refusal}".`,
      '',
      'Check the branch protection of the base branch (required reviews, merge methods) or resolve the conflict; Lockstep tries again at the next check or status event on this pull request, or merge it by hand.',
    ].join('\n'),
  );
  ctx.log('warn', `${tag}: GitHub refused the merge: ${refusal}`);
  return undefined;
}
