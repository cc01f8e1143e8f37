import type { RepoState } from './repo-state.js';

const PASSING = new Set(['success', 'neutral', 'skipped']);

/**
 * Why GitHub would refuse to move protected `branch` to `sha` for `actor` (a merge or a ref update),
 * or undefined when it would not. Enforced: required status checks (a check run, pinned to its app
 * when the rule names one, or a commit status of that context, on `sha`) and the number of approving
 * reviews (`pull`'s latest review per user, the author's never); administrators pass unless
 * `enforce_admins`. Not enforced: `strict` (up to date with the base), code owners, restrictions on
 * who may push, conversation resolution, signatures.
 */
export function protectionRefusal(
  repo: RepoState,
  branch: string,
  sha: string,
  actor: string,
  pull?: { author: string; reviews: readonly { user: string; state: string; commitId: string }[] },
): string | undefined {
  const rules = repo.protection.branches.get(branch);
  if (!rules) return undefined;
  if (!rules.enforce_admins && repo.permission(actor) === 'admin') return undefined;
  const required = [
    ...(rules.required_status_checks?.contexts ?? []).map((context) => ({ context, app_id: undefined })),
    ...(rules.required_status_checks?.checks ?? []),
  ];
  const states = required.map(({ context, app_id }) => {
    const appLogin =
      app_id === undefined || app_id === -1 ? undefined : repo.global.apps.apps.get(app_id)?.bot.login;
    const run = repo.checks
      .checkRunsFor(sha, context)
      .filter((r) => appLogin === undefined || r.creator === appLogin)
      .sort((a, b) => b.id - a.id)[0];
    if (run) return run.status === 'completed' && PASSING.has(run.conclusion ?? '') ? 'passing' : 'failing';
    // A commit status satisfies a rule only when the rule does not pin an app.
    const status =
      appLogin === undefined ? repo.checks.latestStatuses(sha).find((s) => s.context === context) : undefined;
    if (!status) return 'expected';
    return status.state === 'success' ? 'passing' : 'failing';
  });
  const expected = required.filter((_, i) => states[i] === 'expected');
  const failing = required.filter((_, i) => states[i] === 'failing');
  if (expected.length === 1 && failing.length === 0)
    return `Required status check "${expected[0]?.context}" is expected.`;
  if (failing.length === 1 && expected.length === 0)
    return `Required status check "${failing[0]?.context}" is failing.`;
  if (expected.length + failing.length > 0)
    return `${expected.length + failing.length} of ${required.length} required status checks are ${failing.length ? 'failing or expected' : 'expected'}.`;
  const count = rules.required_pull_request_reviews?.required_approving_review_count ?? 0;
  if (count > 0) {
    const latest = new Map<string, { state: string; commitId: string }>();
    for (const r of pull?.reviews ?? []) {
      if (r.state === 'COMMENTED' || r.state === 'PENDING') continue;
      latest.set(r.user.toLowerCase(), r);
    }
    const stale = rules.required_pull_request_reviews?.dismiss_stale_reviews ?? false;
    const approvals = [...latest.entries()].filter(
      ([user, r]) =>
        r.state === 'APPROVED' && user !== pull?.author.toLowerCase() && (!stale || r.commitId === sha),
    ).length;
    if (approvals < count)
      return `At least ${count} approving review${count === 1 ? ' is' : 's are'} required by reviewers with write access.`;
  }
  return undefined;
}
