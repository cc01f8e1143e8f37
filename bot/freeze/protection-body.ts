import type { RestEndpointMethodTypes } from '@octokit/rest';

/** Branch protection as GitHub's GET answers it. */
export type ProtectionResponse = RestEndpointMethodTypes['repos']['getBranchProtection']['response']['data'];

/** A required check; `app_id` pins the GitHub App that must report it (absent: GitHub picks). */
export interface RequiredCheck {
  context: string;
  app_id?: number;
}

/** Who may do something: logins, team slugs, app slugs. */
export interface Actors {
  users: string[];
  teams: string[];
  apps: string[];
}

/**
 * Branch protection in the shape of GitHub's PUT body (repos/update-branch-protection), every field
 * written out, so that what is read can be written back exactly and two protections compare.
 */
export interface ProtectionBody {
  required_status_checks: { strict: boolean; checks: RequiredCheck[] } | null;
  enforce_admins: boolean;
  required_pull_request_reviews: {
    /** Absent: anyone with write access may dismiss reviews (GitHub omits it then). */
    dismissal_restrictions?: Actors;
    dismiss_stale_reviews: boolean;
    require_code_owner_reviews: boolean;
    required_approving_review_count: number;
    require_last_push_approval: boolean;
    bypass_pull_request_allowances?: Actors;
  } | null;
  restrictions: Actors | null;
  required_linear_history: boolean;
  allow_force_pushes: boolean;
  allow_deletions: boolean;
  block_creations: boolean;
  required_conversation_resolution: boolean;
  lock_branch: boolean;
  allow_fork_syncing: boolean;
}

/** A branch with every rule off: what a branch without protection amounts to. */
export const NO_RULES: ProtectionBody = {
  required_status_checks: null,
  enforce_admins: false,
  required_pull_request_reviews: null,
  restrictions: null,
  required_linear_history: false,
  allow_force_pushes: false,
  allow_deletions: false,
  block_creations: false,
  required_conversation_resolution: false,
  lock_branch: false,
  allow_fork_syncing: false,
};

interface Named {
  login?: string;
  slug?: string;
}

function actors(
  value: { users?: Named[] | null; teams?: Named[] | null; apps?: (Named | null)[] | null } | undefined,
): Actors {
  const names = (list: (Named | null)[] | null | undefined, key: 'login' | 'slug') =>
    (list ?? []).flatMap((item) => (item?.[key] ? [item[key]] : []));
  return {
    users: names(value?.users, 'login'),
    teams: names(value?.teams, 'slug'),
    apps: names(value?.apps, 'slug'),
  };
}

/**
 * GitHub's GET answer turned into the PUT body that sets the same rules: objects become the logins
 * and slugs PUT takes, `{ enabled }` wrappers become booleans, and each required check keeps the app
 * it is pinned to. `required_signatures` has its own endpoint and is left alone by PUT, so it is not
 * part of the body.
 */
export function bodyFromGitHub(data: ProtectionResponse): ProtectionBody {
  const checks = data.required_status_checks;
  const reviews = data.required_pull_request_reviews;
  const on = (flag: { enabled?: boolean } | undefined) => flag?.enabled ?? false;
  return {
    required_status_checks: checks
      ? {
          strict: checks.strict ?? false,
          checks: (checks.checks ?? checks.contexts.map((context) => ({ context, app_id: null }))).map((c) =>
            c.app_id === null ? { context: c.context } : { context: c.context, app_id: c.app_id },
          ),
        }
      : null,
    enforce_admins: data.enforce_admins?.enabled ?? false,
    required_pull_request_reviews: reviews
      ? {
          ...(reviews.dismissal_restrictions
            ? { dismissal_restrictions: actors(reviews.dismissal_restrictions) }
            : {}),
          dismiss_stale_reviews: reviews.dismiss_stale_reviews,
          require_code_owner_reviews: reviews.require_code_owner_reviews,
          required_approving_review_count: reviews.required_approving_review_count ?? 1,
          require_last_push_approval: reviews.require_last_push_approval ?? false,
          ...(reviews.bypass_pull_request_allowances
            ? { bypass_pull_request_allowances: actors(reviews.bypass_pull_request_allowances) }
            : {}),
        }
      : null,
    restrictions: data.restrictions ? actors(data.restrictions) : null,
    required_linear_history: on(data.required_linear_history),
    allow_force_pushes: on(data.allow_force_pushes),
    allow_deletions: on(data.allow_deletions),
    block_creations: on(data.block_creations),
    required_conversation_resolution: on(data.required_conversation_resolution),
    lock_branch: on(data.lock_branch),
    allow_fork_syncing: on(data.allow_fork_syncing),
  };
}

/**
 * Whether two protections set the same rules. Lists are compared as sets: GitHub may list checks,
 * users or teams in another order than they were written, which changes nothing.
 */
export function sameProtection(a: ProtectionBody, b: ProtectionBody): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).sort().join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined);
    return `{${keys
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The contexts of the required checks. */
export function requiredContexts(body: ProtectionBody | null): string[] {
  return body?.required_status_checks?.checks.map((c) => c.context) ?? [];
}
