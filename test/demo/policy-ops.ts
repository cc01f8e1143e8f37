import type { Octokit } from '@octokit/rest';
import { changeTableMarkdown } from '../../src/cli/render.js';
import { type Baseline, type Evaluation, evaluateEnvironment } from '../../src/core/evaluate.js';
import { loadRepository, type Repository } from '../../src/core/load/load-repository.js';
import { createValidators } from '../../src/core/load/schema-check.js';
import type { Violation } from '../../src/core/policy/violations.js';
import { listDeployTags } from './deploy-tags.js';
import { gitHubReader, type RepoRef } from './github-reader.js';
import type { OpenedPull } from './repo-ops.js';

/** Compiled once per process, as the CLI does. */
export const validators = createValidators();

/** The story's "now": early December 2026, before prod-eu's year-end freeze window opens. */
export const NOW = new Date('2026-12-02T09:00:00Z');

/** Loads catalog and environments as they are at `ref`, through the contents API. */
export function loadAt(
  octokit: Octokit,
  repo: RepoRef,
  ref: string,
  envs?: readonly string[],
): Promise<Repository> {
  return loadRepository(gitHubReader(octokit, repo, ref), validators, envs ? { environments: envs } : {});
}

/** One environment's plan: what it is compared with, and the core's judgement. */
export interface EnvPlan {
  baseline: Baseline;
  evaluation: Evaluation;
}

/**
 * The last deploy tag's files are the baseline (SPEC 5, plan); before any deploy, nothing. The earlier
 * tags' digests let the core recognise a rollback.
 */
export async function baselineOf(octokit: Octokit, repo: RepoRef, env: string): Promise<Baseline> {
  const tags = await listDeployTags(octokit, repo, env);
  const deploys = tags.map((t) => ({ tag: t.tag, digest: t.digest }));
  const last = tags.at(-1);
  if (!last) return { ref: 'none', deploys };
  const entry = (await loadAt(octokit, repo, last.commit, [env])).environments.get(env);
  return {
    ref: last.tag,
    deploys,
    ...(entry?.manifest ? { manifest: entry.manifest } : {}),
    ...(entry ? { config: entry.config } : {}),
  };
}

/** Every environment at `ref`, judged by the core against its last deploy (the committed manifests). */
export async function planAt(octokit: Octokit, repo: RepoRef, ref: string): Promise<Map<string, EnvPlan>> {
  const loaded = await loadAt(octokit, repo, ref);
  const plans = new Map<string, EnvPlan>();
  for (const entry of loaded.environments.values()) {
    const baseline = await baselineOf(octokit, repo, entry.name);
    const evaluation = evaluateEnvironment(entry, loaded.catalog, baseline, NOW, 'committed');
    plans.set(entry.name, { baseline, evaluation });
  }
  return plans;
}

/** The core's violations for the plan. */
export function violationsOf(plan: EnvPlan): Violation[] {
  return plan.evaluation.violations;
}

/** `needs-approval: 2 approval(s)`, or `blocked` when the core gave no verdict. */
export function verdictLine(plan: EnvPlan): string {
  const v = plan.evaluation.verdict;
  const problems = violationsOf(plan).map((x) => x.message);
  return v
    ? `${v.verdict}: ${v.reason}${problems.length ? ` (${problems.join('; ')})` : ''}`
    : `blocked: ${problems.join('; ')}`;
}

/** Blocked, unpatchable or drifting: the PR must not merge and nothing may deploy. */
export function isBlocked(plan: EnvPlan): boolean {
  return (
    !plan.evaluation.verdict || plan.evaluation.verdict.verdict === 'blocked' || violationsOf(plan).length > 0
  );
}

/** The hidden marker that makes the plan comment one comment per PR, updated in place. */
export const PLAN_MARKER = '<!-- lockstep:plan -->';

/** The plan comment: a verdict and a change table per environment. */
export function planMarkdown(plans: ReadonlyMap<string, EnvPlan>): string {
  const parts = [PLAN_MARKER, '### Lockstep plan', ''];
  for (const [env, plan] of plans) {
    const changes = plan.evaluation.change?.changes ?? [];
    const rollback = plan.evaluation.change?.rollbackTo
      ? ` (rollback to \`${plan.evaluation.change.rollbackTo}\`)`
      : '';
    parts.push(
      `#### ${env}: ${verdictLine(plan)}${rollback}`,
      '',
      `Compared with \`${plan.baseline.ref}\`.`,
      '',
    );
    parts.push(changeTableMarkdown(changes), '');
  }
  return parts.join('\n');
}

/** Approvals counted for one environment: who counted, and how many are required. */
export interface ApprovalCount {
  env: string;
  required: number;
  approvedBy: string[];
}

/** Whether `login` is in the approvers list, directly or through a `@org/team` entry. */
async function isApprover(octokit: Octokit, login: string, approvers: readonly string[]): Promise<boolean> {
  for (const entry of approvers) {
    const team = /^@([^/]+)\/(.+)$/.exec(entry);
    if (!team) {
      if (entry.toLowerCase() === login.toLowerCase()) return true;
      continue;
    }
    try {
      const { data } = await octokit.rest.teams.getMembershipForUserInOrg({
        org: team[1]!,
        team_slug: team[2]!,
        username: login,
      });
      if (data.state === 'active') return true;
    } catch (error) {
      if (!(typeof error === 'object' && error !== null && 'status' in error && error.status === 404))
        throw error;
    }
  }
  return false;
}

/**
 * SPEC 4: APPROVED reviews on the PR's current head, each user's latest review only, from distinct
 * listed approvers, never the author. One count per environment whose verdict is needs-approval.
 */
export async function countApprovals(
  octokit: Octokit,
  repo: RepoRef,
  pull: OpenedPull,
  plans: ReadonlyMap<string, EnvPlan>,
): Promise<ApprovalCount[]> {
  const { data: reviews } = await octokit.rest.pulls.listReviews({ ...repo, pull_number: pull.number });
  const latest = new Map<string, (typeof reviews)[number]>();
  for (const review of reviews) if (review.user) latest.set(review.user.login.toLowerCase(), review);
  const counts: ApprovalCount[] = [];
  for (const [env, plan] of plans) {
    const approvals = plan.evaluation.verdict?.approvals;
    if (plan.evaluation.verdict?.verdict !== 'needs-approval' || !approvals) continue;
    const approvedBy: string[] = [];
    for (const review of latest.values()) {
      const login = review.user?.login ?? '';
      if (review.state !== 'APPROVED' || review.commit_id !== pull.headSha) continue;
      if (login.toLowerCase() === pull.author.toLowerCase()) continue;
      if (await isApprover(octokit, login, approvals.approvers)) approvedBy.push(login);
    }
    counts.push({ env, required: approvals.required, approvedBy });
  }
  return counts;
}

/** Every count reached. */
export function approved(counts: readonly ApprovalCount[]): boolean {
  return counts.every((c) => c.approvedBy.length >= c.required);
}
