import { GitHubError } from '../types.js';
import type { RepoState } from './repo-state.js';

/** The body of PUT /branches/{branch}/protection, stored exactly as sent. */
export interface ProtectionSettings {
  /** GitHub takes exactly one of `contexts` (deprecated) and `checks` (openapi/errata.ts). */
  required_status_checks: {
    strict: boolean;
    contexts?: string[];
    checks?: Array<{ context: string; app_id?: number }>;
  } | null;
  enforce_admins: boolean | null;
  required_pull_request_reviews: {
    dismissal_restrictions?: { users?: string[]; teams?: string[]; apps?: string[] };
    dismiss_stale_reviews?: boolean;
    require_code_owner_reviews?: boolean;
    required_approving_review_count?: number;
    require_last_push_approval?: boolean;
    bypass_pull_request_allowances?: { users?: string[]; teams?: string[]; apps?: string[] };
  } | null;
  restrictions: { users: string[]; teams: string[]; apps?: string[] } | null;
  required_linear_history?: boolean;
  allow_force_pushes?: boolean | null;
  allow_deletions?: boolean;
  block_creations?: boolean;
  required_conversation_resolution?: boolean;
  lock_branch?: boolean;
  allow_fork_syncing?: boolean;
}

/** Branch protection rules by branch name. */
export class ProtectionStore {
  readonly repo: RepoState;
  readonly branches = new Map<string, ProtectionSettings>();

  constructor(repo: RepoState) {
    this.repo = repo;
  }

  /** The rules of `branch`, or GitHub's 404 "Branch not protected". */
  get(branch: string): ProtectionSettings {
    const settings = this.branches.get(branch);
    if (!settings) throw new GitHubError(404, 'Branch not protected');
    return settings;
  }

  set(branch: string, settings: ProtectionSettings): ProtectionSettings {
    // A deep copy, so later changes to the caller's object cannot alter the stored rules.
    const copy = structuredClone(settings);
    this.branches.set(branch, copy);
    return copy;
  }

  delete(branch: string): void {
    this.get(branch);
    this.branches.delete(branch);
  }
}
