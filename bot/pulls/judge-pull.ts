import type { EnvironmentEntry } from '../../src/core/load/load-repository.js';
import { SETTINGS_PATH } from '../../src/core/load/load-repository.js';
import { type Change, classifyChange } from '../../src/core/policy/classify.js';
import type { VerdictResult } from '../../src/core/policy/verdict.js';
import type { Violation } from '../../src/core/policy/violations.js';
import { type EnvironmentPlan, isBlocked, type RefPlan } from '../evaluate-ref.js';

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
  /**
   * Its only problems come from this pull request's catalog change and are what the bot's security
   * PR for the environment fixes after the merge (see securityFollowUp): shown, not failing.
   */
  followUp?: string[];
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
    const followUp =
      !changedHere && catalogChanged && !settingsChanged ? securityFollowUp(judged, entry) : undefined;
    environments.push({
      name,
      changedHere,
      counts: (changedHere || catalogChanged || settingsChanged) && !followUp,
      ...(followUp ? { followUp } : {}),
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

/**
 * A catalog change that publishes an advisory makes the committed manifests of the environments it
 * affects drift (compile now patches them) and carry an affected version. That is what the bot's
 * security pull request for each such environment fixes once the catalog is on the default branch
 * (docs/bot-security.md); failing the catalog pull request for it would deadlock a frozen repository,
 * whose branch protection then refuses the catalog. So when an environment the pull request does not
 * touch has no problem but drift and affected versions, and what compile gives differs from its
 * committed manifest only by enforced security patches, those problems are a follow-up: the advisories
 * named. Anything else (an advisory with no fix, an expired waiver, an ordinary upgrade left
 * uncompiled) still counts.
 */
function securityFollowUp(judged: EnvironmentPlan, entry: EnvironmentEntry): string[] | undefined {
  const { violations, compiled } = judged.evaluation;
  if (!violations.length || !compiled || !entry.manifest) return undefined;
  if (!violations.every((v) => v.kind === 'drift' || v.kind === 'affected')) return undefined;
  const { changes } = classifyChange(entry.manifest, compiled.manifest, []);
  if (!changes.length || !changes.every((c) => c.class === 'security-patch')) return undefined;
  const fresh = compiled.manifest.security.patches.filter(
    (p) => !entry.manifest?.security.patches.some((q) => q.advisory === p.advisory && q.item === p.item),
  );
  return [...new Set(fresh.map((p) => p.advisory))].sort();
}
