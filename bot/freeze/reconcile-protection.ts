import { formatDiagnostic } from '../../src/core/errors.js';
import { githubMessage, statusOf } from '../../src/github/request-errors.js';
import type { BotContext } from '../bot-context.js';
import { ownAppId } from '../pulls/own-app.js';
import { readProtection, removeProtection, writeProtection } from './branch-protection.js';
import { type FreezeView, type FrozenEnvironment, frozenEnvironments, readFreezeView } from './frozen-now.js';
import { sameProtection } from './protection-body.js';
import { forgetProtection, protectionRemembered, rememberProtection } from './protection-memory.js';
import { frozenProtection, requiredChecks, restoredProtection } from './protection-plan.js';

/** What a reconcile found and did. */
export interface ProtectionOutcome {
  branch: string;
  /** The environments frozen now, and why. */
  frozen: FrozenEnvironment[];
  /** The checks Lockstep requires on the branch now; empty when nothing is frozen. */
  required: string[];
  /** What this run changed: nothing, the protection for the freeze, or back to before the freeze. */
  change: 'none' | 'protected' | 'restored';
  /** Why the protection was left as it is although it should change. */
  problem?: ProtectionProblem;
}

/** GitHub refused the change (no permission, no protection on the plan), or restoring must wait. */
export interface ProtectionProblem {
  kind: 'refused' | 'unreadable';
  message: string;
}

/**
 * Makes the default branch's protection match the environments frozen now (at `ctx.now`), on every
 * push to the default branch, every `lockstep-tick` (the server's timer, or a scheduled workflow's
 * dispatch) and after each freeze command. While anything is frozen the branch requires
 * `lockstep/policy` (and `lockstep/approval` where a frozen environment lists approvers) with
 * `enforce_admins`; the protection from before is remembered under refs/lockstep/protection/<branch>
 * first. Once nothing is frozen it is restored and the memory deleted. Writes only what differs, so a
 * redelivery or a second replica changes nothing. Reads: the freeze view (one GraphQL request) and
 * the protection (REST), at once. `view` passes a freeze view the caller has just read (the freeze
 * command), saving that request.
 */
export async function reconcileProtection(
  ctx: BotContext,
  why: string,
  view?: FreezeView,
): Promise<ProtectionOutcome> {
  const outcome = await reconcileOnce(ctx, why, view);
  if (outcome.change !== 'restored') return outcome;
  // Restoring is the one step that weakens the protection. A freeze that raced with it (a command or
  // a merged config that another event judged before the restore landed) is caught by looking once
  // more, with fresh reads, instead of waiting for the next event.
  const again = await reconcileOnce(ctx, why);
  return again.frozen.length ? again : outcome;
}

async function reconcileOnce(ctx: BotContext, why: string, known?: FreezeView): Promise<ProtectionOutcome> {
  const branch = ctx.defaultBranch;
  const [view, current] = await Promise.all([
    known ?? readFreezeView(ctx),
    readProtection(ctx, branch).catch(refusal),
  ]);
  const memory = view.memory;
  const frozen = frozenEnvironments(view);
  const required = requiredChecks(frozen);
  const outcome = (change: ProtectionOutcome['change'], problem?: ProtectionProblem): ProtectionOutcome => {
    if (problem)
      ctx.log('warn', `lockstep: protection of ${branch} left as it is (${why}): ${problem.message}`);
    else if (change !== 'none')
      ctx.log('info', `lockstep: protection of ${branch} ${change} (${why}); frozen: ${names(frozen)}`);
    return { branch, frozen, required, change, ...(problem ? { problem } : {}) };
  };
  if (current instanceof Refusal) return outcome('none', { kind: 'refused', message: current.message });
  try {
    if (frozen.length) {
      // Remember only before a first change: a protection that already requires the checks needs none.
      if (!memory && current && sameProtection(frozenProtection(current, current, required), current)) {
        return outcome('none');
      }
      const remembered =
        memory ??
        (await rememberProtection(ctx, { branch, before: current, since: ctx.now.toISOString(), why }));
      const desired = frozenProtection(current, remembered.before, required, await ownAppId(ctx));
      if (current && sameProtection(desired, current)) return outcome('none');
      await writeProtection(ctx, branch, desired);
      // An unfreeze that read the memory before this run wrote may have restored and forgotten it
      // meanwhile; the protection is frozen again now, so the memory must exist again.
      if (!(await protectionRemembered(ctx, branch))) await rememberProtection(ctx, remembered);
      return outcome('protected');
    }
    if (!memory) return outcome('none');
    if (view.problems.length) {
      // Whether those environments are frozen is unknown: keep the protection until they load.
      const message = view.problems.map(formatDiagnostic).join('; ');
      return outcome('none', { kind: 'unreadable', message });
    }
    const restored = restoredProtection(current, memory.before);
    if (restored === null) {
      if (current) await removeProtection(ctx, branch);
    } else if (!current || !sameProtection(restored, current)) {
      await writeProtection(ctx, branch, restored);
    }
    await forgetProtection(ctx, branch);
    return outcome('restored');
  } catch (error) {
    return outcome('none', { kind: 'refused', message: refusal(error).message });
  }
}

/** A protection read or write GitHub refused for good (no permission, or a plan without protection). */
class Refusal {
  constructor(readonly message: string) {}
}

/**
 * GitHub answers 403 when the app lacks the Administration permission, or branch protection is not
 * available for the repository's plan; Lockstep then reports and goes on. A 403 for a secondary rate
 * limit, and every other error, is thrown again: Probot's throttling has retried it already, and the
 * delivery fails so that a rerun converges.
 */
function refusal(error: unknown): Refusal {
  const message = githubMessage(error);
  if (statusOf(error) === 403 && !/rate limit/i.test(message)) return new Refusal(message);
  throw error;
}

function names(frozen: readonly FrozenEnvironment[]): string {
  return frozen.map((f) => f.name).join(', ') || 'none';
}
