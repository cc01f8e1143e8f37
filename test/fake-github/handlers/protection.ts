import { nodeId } from '../github-objects.js';
import type { ProtectionSettings } from '../state/protection-store.js';
import type { FakeState } from '../state/store.js';
import type { FakeRequest, HandlerTable } from '../types.js';
import { GitHubError } from '../types.js';
import { integrationObject } from './apps.js';
import { type RepoContext, repoContext } from './handler-context.js';

/** A stable id for an org team (the fake keeps teams as org -> slug -> members, without ids). */
export function teamId(org: string, slug: string): number {
  let h = 7;
  for (const c of `${org.toLowerCase()}/${slug}`) h = (h * 31 + c.charCodeAt(0)) % 1_000_000;
  return 500_000_000 + h;
}

/** GitHub's `team` object for a slug of the repository owner's organization. */
function teamObject(ctx: RepoContext, slug: string) {
  const org = ctx.repo.owner.login;
  const id = teamId(org, slug);
  const url = `${ctx.base}/organizations/${ctx.repo.owner.id}/team/${id}`;
  return {
    id,
    node_id: nodeId('Team', id),
    name: slug,
    slug,
    description: null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    url,
    html_url: `https://github.com/orgs/${org}/teams/${slug}`,
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    type: 'organization',
    parent: null,
  };
}

/** The branch named in the path; GitHub answers 404 "Branch not found" for a missing one. */
function branchOf(req: FakeRequest, ctx: RepoContext): string {
  const branch = req.params.branch ?? '';
  if (ctx.repo.git.branch(branch) === undefined) throw new GitHubError(404, 'Branch not found');
  return branch;
}

function statusChecksObject(url: string, checks: NonNullable<ProtectionSettings['required_status_checks']>) {
  const list = checks.checks ?? (checks.contexts ?? []).map((context) => ({ context }));
  return {
    url: `${url}/required_status_checks`,
    strict: checks.strict,
    contexts: checks.checks ? checks.checks.map((c) => c.context) : (checks.contexts ?? []),
    checks: list.map((c) => ({ context: c.context, app_id: 'app_id' in c ? (c.app_id ?? null) : null })),
    contexts_url: `${url}/required_status_checks/contexts`,
  };
}

/**
 * GitHub Apps named by slug, as GitHub lists them in protection (apps the fake does not know are left
 * out). The description types `restrictions.apps[].description` as a non-null string.
 */
function appObjects(req: FakeRequest, state: FakeState, slugs: readonly string[] | undefined) {
  return (slugs ?? []).flatMap((slug) => {
    const app = state.apps.bySlug(slug);
    return app ? [{ ...integrationObject(req, state, app), description: '' }] : [];
  });
}

/** The stored rules in GitHub's protection shape (valid as both `branch-protection` and `protected-branch`). */
function protectionObject(
  req: FakeRequest,
  state: FakeState,
  ctx: RepoContext,
  branch: string,
  s: ProtectionSettings,
) {
  const url = `${ctx.repoUrl}/branches/${encodeURIComponent(branch)}/protection`;
  const users = (logins: readonly string[] | undefined) => (logins ?? []).map((l) => ctx.user(l));
  const teams = (slugs: readonly string[] | undefined) => (slugs ?? []).map((t) => teamObject(ctx, t));
  const apps = (slugs: readonly string[] | undefined) => appObjects(req, state, slugs);
  const enabled = (value: boolean | null | undefined) => ({ enabled: value ?? false });
  const reviews = s.required_pull_request_reviews;
  return {
    url,
    ...(s.required_status_checks
      ? { required_status_checks: statusChecksObject(url, s.required_status_checks) }
      : {}),
    ...(reviews
      ? {
          required_pull_request_reviews: {
            url: `${url}/required_pull_request_reviews`,
            dismiss_stale_reviews: reviews.dismiss_stale_reviews ?? false,
            require_code_owner_reviews: reviews.require_code_owner_reviews ?? false,
            required_approving_review_count: reviews.required_approving_review_count ?? 1,
            require_last_push_approval: reviews.require_last_push_approval ?? false,
            // GitHub documents an empty `dismissal_restrictions` object as "disabled".
            ...(reviews.dismissal_restrictions && Object.keys(reviews.dismissal_restrictions).length > 0
              ? {
                  dismissal_restrictions: {
                    url: `${url}/dismissal_restrictions`,
                    users_url: `${url}/dismissal_restrictions/users`,
                    teams_url: `${url}/dismissal_restrictions/teams`,
                    users: users(reviews.dismissal_restrictions.users),
                    teams: teams(reviews.dismissal_restrictions.teams),
                    apps: apps(reviews.dismissal_restrictions.apps),
                  },
                }
              : {}),
            ...(reviews.bypass_pull_request_allowances
              ? {
                  bypass_pull_request_allowances: {
                    users: users(reviews.bypass_pull_request_allowances.users),
                    teams: teams(reviews.bypass_pull_request_allowances.teams),
                    apps: apps(reviews.bypass_pull_request_allowances.apps),
                  },
                }
              : {}),
          },
        }
      : {}),
    required_signatures: { url: `${url}/required_signatures`, enabled: false },
    enforce_admins: { url: `${url}/enforce_admins`, enabled: s.enforce_admins ?? false },
    required_linear_history: enabled(s.required_linear_history),
    allow_force_pushes: enabled(s.allow_force_pushes),
    allow_deletions: enabled(s.allow_deletions),
    block_creations: enabled(s.block_creations),
    required_conversation_resolution: enabled(s.required_conversation_resolution),
    lock_branch: enabled(s.lock_branch),
    allow_fork_syncing: enabled(s.allow_fork_syncing),
    ...(s.restrictions
      ? {
          restrictions: {
            url: `${url}/restrictions`,
            users_url: `${url}/restrictions/users`,
            teams_url: `${url}/restrictions/teams`,
            apps_url: `${url}/restrictions/apps`,
            users: users(s.restrictions.users),
            teams: teams(s.restrictions.teams),
            apps: apps(s.restrictions.apps),
          },
        }
      : {}),
  };
}

/** Branch protection: the whole rule set, its required status checks and admin enforcement. */
export const protectionHandlers: HandlerTable = {
  'repos/get-branch-protection': (req, state) => {
    const ctx = repoContext(req, state);
    const branch = branchOf(req, ctx);
    return { status: 200, body: protectionObject(req, state, ctx, branch, ctx.repo.protection.get(branch)) };
  },
  'repos/update-branch-protection': (req, state) => {
    const ctx = repoContext(req, state);
    const branch = branchOf(req, ctx);
    const stored = ctx.repo.protection.set(branch, req.body as ProtectionSettings);
    return { status: 200, body: protectionObject(req, state, ctx, branch, stored) };
  },
  'repos/delete-branch-protection': (req, state) => {
    const ctx = repoContext(req, state);
    ctx.repo.protection.delete(branchOf(req, ctx));
    return { status: 204 };
  },
  'repos/get-status-checks-protection': (req, state) => {
    const ctx = repoContext(req, state);
    const branch = branchOf(req, ctx);
    const checks = ctx.repo.protection.get(branch).required_status_checks;
    if (!checks) throw new GitHubError(404, 'Required status checks not enabled');
    const url = `${ctx.repoUrl}/branches/${encodeURIComponent(branch)}/protection`;
    return { status: 200, body: statusChecksObject(url, checks) };
  },
  'repos/set-admin-branch-protection': (req, state) => {
    const ctx = repoContext(req, state);
    const branch = branchOf(req, ctx);
    ctx.repo.protection.get(branch).enforce_admins = true;
    const url = `${ctx.repoUrl}/branches/${encodeURIComponent(branch)}/protection/enforce_admins`;
    return { status: 200, body: { url, enabled: true } };
  },
  'repos/delete-admin-branch-protection': (req, state) => {
    const ctx = repoContext(req, state);
    ctx.repo.protection.get(branchOf(req, ctx)).enforce_admins = false;
    return { status: 204 };
  },
};
