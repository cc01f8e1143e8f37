import type { Octokit } from '@octokit/rest';
import type { RepoRef } from './github-reader.js';
import { type ApprovalCount, type EnvPlan, isBlocked, PLAN_MARKER, planMarkdown } from './policy-ops.js';
import type { OpenedPull } from './repo-ops.js';

/** Creates the plan comment, or updates the one already there: one plan comment per PR. */
export async function upsertPlanComment(
  octokit: Octokit,
  repo: RepoRef,
  pull: OpenedPull,
  plans: ReadonlyMap<string, EnvPlan>,
): Promise<{ id: number; created: boolean }> {
  const body = planMarkdown(plans);
  const { data: comments } = await octokit.rest.issues.listComments({ ...repo, issue_number: pull.number });
  const existing = comments.find((c) => c.body?.startsWith(PLAN_MARKER));
  if (existing) {
    await octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body });
    return { id: existing.id, created: false };
  }
  const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: pull.number, body });
  return { id: data.id, created: true };
}

type StatusState = 'success' | 'failure' | 'pending';

/** A commit status; GitHub cuts descriptions at 140 characters, so the demo keeps them short. */
async function setStatus(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
  context: string,
  state: StatusState,
  description: string,
): Promise<void> {
  await octokit.rest.repos.createCommitStatus({
    ...repo,
    sha,
    context,
    state,
    description: description.slice(0, 140),
  });
}

/** `lockstep/policy`: failure when any environment is blocked (or drifts), else success with the verdicts. */
export async function setPolicyStatus(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
  plans: ReadonlyMap<string, EnvPlan>,
): Promise<{ state: StatusState; description: string }> {
  const blocked = [...plans.values()].some(isBlocked);
  const description = [...plans]
    .map(([env, p]) => `${env}: ${p.evaluation.verdict?.verdict ?? 'blocked'}`)
    .join(', ');
  const state = blocked ? 'failure' : 'success';
  await setStatus(octokit, repo, sha, 'lockstep/policy', state, description);
  return { state, description };
}

/** `lockstep/approval`: pending until every environment that needs approval has enough of them. */
export async function setApprovalStatus(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
  counts: readonly ApprovalCount[],
): Promise<{ state: StatusState; description: string }> {
  const done = counts.every((c) => c.approvedBy.length >= c.required);
  const description = counts.length
    ? counts
        .map(
          (c) =>
            `${c.env}: ${Math.min(c.approvedBy.length, c.required)} of ${c.required}${c.approvedBy.length ? ` (${c.approvedBy.join(', ')})` : ''}`,
        )
        .join('; ')
    : 'no approval needed';
  const state = done ? 'success' : 'pending';
  await setStatus(octokit, repo, sha, 'lockstep/approval', state, description);
  return { state, description };
}
