import type { Environment } from '../generated/schema-types.js';
import type { FreezeState } from '../resolve/context.js';
import type { ChangeSet } from './classify.js';

export type Verdict = 'allowed' | 'needs-approval' | 'blocked';

/** The verdict and the sentence that explains it. */
export interface VerdictResult {
  verdict: Verdict;
  reason: string;
  /** Approvals needed, when the verdict is needs-approval. */
  approvals?: { required: number; approvers: string[] };
}

/** The channel and freeze state that govern a change. */
export interface Gate {
  channel: Environment['channel'];
  freeze: FreezeState;
}

/**
 * SPEC section 4's table, applied with the proposed config's gate. A change that loosens the gate
 * (channel relaxed, hold or freeze lifted) while carrying other changes needs approval wherever
 * approvers are listed, so a change cannot unfreeze itself unreviewed (ADR 0004).
 */
export function decideVerdict(
  config: Environment,
  gate: Gate,
  change: ChangeSet,
  previous?: Gate,
): VerdictResult {
  const result = tableVerdict(config, gate, change);
  const loosened = previous && looser(gate, previous);
  const approvals = approvalsOf(config);
  if (
    loosened &&
    result.verdict === 'allowed' &&
    change.changes.some((c) => c.class !== 'security-patch') &&
    approvals.approvers.length
  ) {
    return {
      verdict: 'needs-approval',
      reason: `${loosened}, with other changes: needs ${approvals.required} approval(s)`,
      approvals,
    };
  }
  return result;
}

function approvalsOf(config: Environment): { required: number; approvers: string[] } {
  const approvers = config.approvals?.approvers ?? [];
  return { required: config.approvals?.required ?? (approvers.length ? 1 : 0), approvers };
}

function tableVerdict(config: Environment, gate: Gate, change: ChangeSet): VerdictResult {
  const others = change.changes.filter((c) => c.class !== 'security-patch');
  const approvals = approvalsOf(config);
  if (change.changes.length === 0) return { verdict: 'allowed', reason: 'no change' };
  if (others.length === 0) return { verdict: 'allowed', reason: 'only enforced security patches' };
  if (gate.freeze.frozen) {
    const why = gate.freeze.reasons.join('; ');
    if (change.initial) {
      // Nothing runs yet, so there is nothing to keep frozen; the first deploy still wants a reviewer.
      return approvals.approvers.length
        ? {
            verdict: 'needs-approval',
            reason: `first deploy while frozen (${why}) needs approval`,
            approvals,
          }
        : { verdict: 'allowed', reason: `first deploy while frozen (${why}); no approvers listed` };
    }
    if (change.rollback) {
      return approvals.approvers.length
        ? {
            verdict: 'needs-approval',
            reason: `rollback to ${change.rollbackTo} while frozen (${why}) needs approval`,
            approvals,
          }
        : {
            verdict: 'allowed',
            reason: `rollback to ${change.rollbackTo} while frozen (${why}); no approvers listed`,
          };
    }
    return {
      verdict: 'blocked',
      reason: `frozen (${why}): only enforced security patches and rollbacks may deploy; ${others.length} other change(s)`,
    };
  }
  if (gate.channel === 'manual-approval') {
    return {
      verdict: 'needs-approval',
      reason: `channel manual-approval: ${others.length} change(s) need ${approvals.required} approval(s)`,
      approvals,
    };
  }
  return { verdict: 'allowed', reason: 'channel auto-update' };
}

const STRICTNESS = { 'auto-update': 0, 'manual-approval': 1, frozen: 2 } as const;

/** Says how `now` is looser than `before`, or undefined when it is not. */
function looser(now: Gate, before: Gate): string | undefined {
  if (before.freeze.frozen && !now.freeze.frozen)
    return `lifts the freeze (${before.freeze.reasons.join('; ')})`;
  if (STRICTNESS[now.channel] < STRICTNESS[before.channel])
    return `relaxes the channel from ${before.channel} to ${now.channel}`;
  return undefined;
}
