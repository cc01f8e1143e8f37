import type { Change } from '../core/policy/classify.js';
import type { Verdict } from '../core/policy/verdict.js';
import type { Violation } from '../core/policy/violations.js';
import type { ActionCommand } from './settings.js';

/** What one command found for one environment: the source of outputs and the job summary. */
export interface EnvironmentResult {
  environment: string;
  /** What the change is compared with: a deploy tag, or 'none' before any deploy. */
  baseline?: string;
  /** The manifest judged: the committed one (validate), the compiled one (plan, compile). */
  digest?: string;
  /** Something changes: from the baseline (validate, plan), or the committed manifest is out of date (compile). */
  changed: boolean;
  verdict?: Verdict;
  reason?: string;
  changes: Change[];
  violations: Violation[];
}

/** What a command found, and whether the step fails. */
export interface CommandResult {
  command: ActionCommand;
  environments: EnvironmentResult[];
  /** Why the step fails; undefined when it succeeds. */
  failure?: string;
  /** Outputs of this command beyond the common ones (deploy: tag, deployment-id, rolled-back-to). */
  outputs?: Record<string, string>;
  /** The job summary, when the command writes its own instead of the per-environment tables. */
  summary?: string;
}

const STRICTNESS: Record<Verdict, number> = { allowed: 0, 'needs-approval': 1, blocked: 2 };

/** The strictest verdict across environments, or undefined when none has one. */
export function strictestVerdict(results: readonly EnvironmentResult[]): Verdict | undefined {
  let worst: Verdict | undefined;
  for (const r of results)
    if (r.verdict && (worst === undefined || STRICTNESS[r.verdict] > STRICTNESS[worst])) worst = r.verdict;
  return worst;
}
