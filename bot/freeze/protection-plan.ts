import { APPROVAL_CHECK, POLICY_CHECK } from '../pulls/check-runs.js';
import { NO_RULES, type ProtectionBody, requiredContexts, sameProtection } from './protection-body.js';

const LOCKSTEP_CHECKS: readonly string[] = [POLICY_CHECK, APPROVAL_CHECK];

/**
 * The checks the default branch must require while `frozen` environments are frozen: always
 * `lockstep/policy`; `lockstep/approval` too when one of them lists approvers (SPEC 4: a rollback
 * there needs approval, so the approval check must be able to hold the merge).
 */
export function requiredChecks(frozen: readonly { approvers: boolean }[]): string[] {
  if (frozen.length === 0) return [];
  return frozen.some((f) => f.approvers) ? [POLICY_CHECK, APPROVAL_CHECK] : [POLICY_CHECK];
}

/**
 * The protection while something is frozen: the protection as it is now, with `required` added to the
 * required checks and `enforce_admins` on. Whatever else someone changed by hand during the freeze is
 * kept; if they removed the protection altogether, the remembered one (`before`) is the base again.
 * A Lockstep check that is no longer needed (approval, once no frozen environment lists approvers) is
 * dropped unless it was required before the freeze. Checks already there keep their app pin; the
 * ones added are pinned to Lockstep's app (`appId`), so that nobody with write access satisfies them
 * with a commit status of the same name.
 */
export function frozenProtection(
  current: ProtectionBody | null,
  before: ProtectionBody | null,
  required: readonly string[],
  appId?: number,
): ProtectionBody {
  const base = current ?? before ?? NO_RULES;
  const earlier = requiredContexts(before);
  const kept = (base.required_status_checks?.checks ?? []).filter(
    (c) =>
      !LOCKSTEP_CHECKS.includes(c.context) || required.includes(c.context) || earlier.includes(c.context),
  );
  const added = required
    .filter((r) => !kept.some((c) => c.context === r))
    .map((context) => (appId === undefined ? { context } : { context, app_id: appId }));
  return {
    ...base,
    required_status_checks: {
      strict: base.required_status_checks?.strict ?? false,
      checks: [...kept, ...added],
    },
    enforce_admins: true,
  };
}

/**
 * The protection to put back once nothing is frozen: the protection as it is now without what
 * Lockstep added (its checks that were not required before, and `enforce_admins` as it was before).
 * When nobody changed the protection by hand during the freeze, that is exactly `before`; changes
 * made by hand are kept. null means no protection: the branch had none and nothing else was added.
 */
export function restoredProtection(
  current: ProtectionBody | null,
  before: ProtectionBody | null,
): ProtectionBody | null {
  if (!current) return before;
  const earlier = requiredContexts(before);
  const status = current.required_status_checks;
  const checks = (status?.checks ?? []).filter(
    (c) => !LOCKSTEP_CHECKS.includes(c.context) || earlier.includes(c.context),
  );
  // Lockstep created the required-checks section itself when there was none: drop it again, unless
  // someone has since made it mean something (other checks, or "up to date before merging").
  const dropStatus = !status || (checks.length === 0 && !before?.required_status_checks && !status.strict);
  const restored: ProtectionBody = {
    ...current,
    required_status_checks: dropStatus ? null : { strict: status.strict, checks },
    enforce_admins: before?.enforce_admins ?? false,
  };
  return before === null && sameProtection(restored, NO_RULES) ? null : restored;
}
