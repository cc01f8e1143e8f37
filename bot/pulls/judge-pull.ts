import { SETTINGS_PATH } from '../../src/core/load/load-repository.js';
import type { Change } from '../../src/core/policy/classify.js';
import type { VerdictResult } from '../../src/core/policy/verdict.js';
import type { Violation } from '../../src/core/policy/violations.js';
import { isBlocked, type RefPlan } from '../evaluate-ref.js';

/** One environment as a pull request's checks show it. */
export interface EnvironmentReport {
  name: string;
  /** The pull request changes its config or its manifest. */
  changedHere: boolean;
  /** Its problems fail `lockstep/policy` (see judgePull). */
  counts: boolean;
  /** The deploy tag compared with, or 'none'. */
  baseline: string;
  manifestPath: string;
  digest?: string;
  verdict?: VerdictResult;
  changes: Change[];
  violations: Violation[];
  /** Blocked, drifting or otherwise invalid. */
  failing: boolean;
}

/** What an environment the pull request changes needs from its reviews. */
export interface ApprovalNeed {
  environment: string;
  required: number;
  approvers: string[];
  /** Why, from the verdict. */
  reason: string;
}

/** A pull request at its head, judged. */
export interface PullJudgement {
  sha: string;
  environments: EnvironmentReport[];
  catalogChanged: boolean;
  settingsChanged: boolean;
  /** Environments whose changes need approvals, changed by this pull request. */
  needs: ApprovalNeed[];
  failed: boolean;
}

/**
 * Judges a pull request from the plan at its head and the files it changes. Every environment is
 * judged at the head (a catalog change can make any of them drift), but only some count:
 * - an environment counts for `lockstep/policy` when the pull request changes its config or
 *   manifest, or changes the catalog or `.github/lockstep.yml` (then every one counts, as `validate`
 *   would judge them); problems of the others are already on the base branch (an expired waiver, an
 *   undeployed change while frozen) and are shown as warnings, so they do not block unrelated work
 *   such as a security PR for another environment;
 * - approvals are needed only for environments whose files the pull request changes: changes already
 *   on the base branch were approved in the pull requests that brought them.
 */
export function judgePull(plan: RefPlan, files: readonly string[]): PullJudgement {
  const { settings } = plan.repo;
  const changed = new Set(files);
  const catalogChanged = files.some((f) => f.startsWith(`${settings.catalogDir}/`));
  const settingsChanged = changed.has(SETTINGS_PATH);
  const environments: EnvironmentReport[] = [];
  for (const [name, judged] of plan.plans) {
    const { baseline, evaluation } = judged;
    const entry = plan.repo.environments.get(name);
    if (!entry) continue;
    const changedHere = changed.has(entry.source.path) || changed.has(entry.manifestPath);
    environments.push({
      name,
      changedHere,
      counts: changedHere || catalogChanged || settingsChanged,
      baseline: baseline.ref,
      manifestPath: entry.manifestPath,
      ...(evaluation.candidate ? { digest: evaluation.candidate.digest } : {}),
      ...(evaluation.verdict ? { verdict: evaluation.verdict } : {}),
      changes: evaluation.change?.changes ?? [],
      violations: evaluation.violations,
      failing: isBlocked(judged),
    });
  }
  environments.sort((a, b) => Number(b.changedHere) - Number(a.changedHere) || a.name.localeCompare(b.name));
  const needs = environments.flatMap((e): ApprovalNeed[] =>
    e.changedHere && e.verdict?.verdict === 'needs-approval'
      ? [
          {
            environment: e.name,
            required: e.verdict.approvals?.required ?? 1,
            approvers: e.verdict.approvals?.approvers ?? [],
            reason: e.verdict.reason,
          },
        ]
      : [],
  );
  return {
    sha: plan.ref,
    environments,
    catalogChanged,
    settingsChanged,
    needs,
    failed: environments.some((e) => e.counts && e.failing),
  };
}
