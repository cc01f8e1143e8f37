import { simpleUser } from '../github-objects.js';
import type { RepoContext } from '../handlers/handler-context.js';
import type { PullRecord } from '../state/pulls-store.js';
import type { RepoState } from '../state/repo-state.js';
import type { Account } from '../state/store.js';

/** How auto-merge will merge, as GitHub's REST `auto_merge` object shows it. */
export interface AutoMergeRecord {
  enabledBy: Account;
  mergeMethod: 'merge' | 'squash' | 'rebase';
  commitTitle: string;
  commitMessage: string;
  enabledAt: string;
}

// Kept beside the stores rather than in them: only the GraphQL endpoint writes it.
const records = new WeakMap<PullRecord, AutoMergeRecord>();
const allowed = new WeakSet<RepoState>();

/** The repository setting "Allow auto-merge" (off by default, as on GitHub). */
export function allowAutoMerge(repo: RepoState, allow = true): void {
  if (allow) allowed.add(repo);
  else allowed.delete(repo);
}

/** Whether the repository allows auto-merge. */
export function autoMergeAllowed(repo: RepoState): boolean {
  return allowed.has(repo);
}

/** The auto-merge request of a pull request, if enabled. */
export function autoMergeOf(pr: PullRecord): AutoMergeRecord | undefined {
  return records.get(pr);
}

/** Records (or replaces) the auto-merge request of a pull request. */
export function setAutoMerge(pr: PullRecord, record: AutoMergeRecord): void {
  records.set(pr, record);
}

/** Removes the auto-merge request of a pull request. */
export function clearAutoMerge(pr: PullRecord): void {
  records.delete(pr);
}

/** GitHub's REST `auto-merge` object, or null. */
export function autoMergeJson(ctx: RepoContext, pr: PullRecord) {
  const record = records.get(pr);
  if (!record) return null;
  return {
    enabled_by: simpleUser(record.enabledBy, ctx.base),
    merge_method: record.mergeMethod,
    commit_title: record.commitTitle,
    commit_message: record.commitMessage,
  };
}
