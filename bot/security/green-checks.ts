/** The check run Lockstep's policy verdict is reported on; a security PR merges only when it passed. */
export const POLICY_CHECK = 'lockstep/policy';
/** The check run of manual approvals; required where the policy wants approvals. */
export const APPROVAL_CHECK = 'lockstep/approval';

/** A check run as the checks API lists it. */
export interface CheckRunFact {
  name: string;
  status: string;
  conclusion: string | null;
  /** The GitHub App that created it (null when GitHub does not say). */
  appId: number | null;
}

/** A commit status as the combined status lists it. */
export interface StatusFact {
  context: string;
  state: string;
}

/** Whether a commit is green, and if not, what is still running or failed. */
export interface GreenVerdict {
  green: boolean;
  waiting: string[];
  failing: string[];
  checks: number;
  statuses: number;
}

/** GitHub counts these conclusions as passing for required checks. */
const PASSING = new Set(['success', 'neutral', 'skipped']);

/**
 * Every check run completed with a passing conclusion, every commit status `success`, and
 * `lockstep/policy` present and `success` (neutral or skipped would not be Lockstep's verdict), and
 * with `approval`, `lockstep/approval` too, both created by the bot's app (`appId`, when known). A
 * missing Lockstep check counts as waiting: it comes with the bot's own pull_request event.
 */
export function judgeGreen(
  runs: readonly CheckRunFact[],
  statuses: readonly StatusFact[],
  options: { approval: boolean; appId?: number | undefined } = { approval: false },
): GreenVerdict {
  const waiting: string[] = [];
  const failing: string[] = [];
  for (const run of runs) {
    if (run.status !== 'completed') waiting.push(`${run.name} (${run.status})`);
    else if (!PASSING.has(run.conclusion ?? ''))
      failing.push(`${run.name} (${run.conclusion ?? 'no conclusion'})`);
  }
  for (const status of statuses) {
    if (status.state === 'pending') waiting.push(`${status.context} (pending)`);
    else if (status.state !== 'success') failing.push(`${status.context} (${status.state})`);
  }
  for (const name of options.approval ? [POLICY_CHECK, APPROVAL_CHECK] : [POLICY_CHECK]) {
    // Any app or workflow can name a run `lockstep/policy`: only the bot's own counts.
    const run = runs.find(
      (r) => r.name === name && (options.appId === undefined || r.appId === options.appId),
    );
    if (!run) waiting.push(`${name} (not reported by Lockstep yet)`);
    else if (run.status === 'completed' && run.conclusion !== 'success' && PASSING.has(run.conclusion ?? ''))
      failing.push(`${name} (${run.conclusion})`);
  }
  return {
    green: waiting.length === 0 && failing.length === 0,
    waiting,
    failing,
    checks: runs.length,
    statuses: statuses.length,
  };
}
