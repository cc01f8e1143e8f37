import type { Change } from '../policy/classify.js';

/** One deploy of an environment, as its history records it (deploy tag or deploy record). */
export interface DeployInfo {
  tag: string;
  n: number;
  /** ISO time of the deploy. */
  time: string;
  /** Digest of the deployed manifest. */
  digest: string;
  by?: string;
  commit?: string;
  /** The verdict at deploy time, when the history kept it. */
  verdict?: string;
  /** What the deploy changed, when known. */
  changes?: readonly Change[];
  /** The GitHub Deployment of this deploy (Action report). */
  deploymentId?: number;
  /** That Deployment's latest status: success, failure, in_progress... */
  deploymentState?: string;
  /** The pull request whose merge brought the deployed commit. */
  pull?: number;
  /** Who approved that pull request's head under the environment's approval rule, in review order. */
  approvedBy?: readonly string[];
  /** The approval rule's count at deploy time, e.g. "2 of 2 approvals (dana, erin) from @acme/sre". */
  approvals?: string;
  /** The GitHub Release of the deploy tag (its page), when there is one. */
  release?: string;
  /** Advisories whose enforced patch the deployed manifest records. */
  patches?: readonly string[];
  /** Advisories waived by the deployed manifest. */
  waivers?: readonly string[];
}

/** One deploy, with nulls where the history does not say; GitHub facts only when gathered. */
export interface DeployReport {
  n: number;
  tag: string;
  time: string;
  digest: string;
  by: string | null;
  commit: string | null;
  verdict: string | null;
  changes: Change[] | null;
  deploymentId?: number | null;
  deploymentState?: string | null;
  pull?: number | null;
  approvedBy?: string[];
  approvals?: string | null;
  release?: string | null;
  patches?: string[];
  waivers?: string[];
}

/** A GitHub Deployment of the environment, with the deploy tag it produced (null: none, e.g. failed). */
export interface DeploymentReport {
  id: number;
  sha: string;
  createdAt: string;
  state: string | null;
  tag: string | null;
}

/**
 * One deploy as the report shows it. The GitHub facts appear only when the caller gathered them
 * (the Action's report), so the CLI's report keeps its exact shape.
 */
export function deployReport(d: DeployInfo, github: boolean): DeployReport {
  const { n, tag, time, digest } = d;
  const base: DeployReport = {
    n,
    tag,
    time,
    digest,
    by: d.by ?? null,
    commit: d.commit ?? null,
    verdict: d.verdict ?? null,
    changes: d.changes ? [...d.changes] : null,
  };
  if (!github) return base;
  return {
    ...base,
    deploymentId: d.deploymentId ?? null,
    deploymentState: d.deploymentState ?? null,
    pull: d.pull ?? null,
    approvedBy: [...(d.approvedBy ?? [])],
    approvals: d.approvals ?? null,
    release: d.release ?? null,
    patches: [...(d.patches ?? [])],
    waivers: [...(d.waivers ?? [])],
  };
}
