import type { Octokit } from '@octokit/rest';
import type { RepoCoordinates } from './github-port.js';
import { statusOf } from './request-errors.js';

/** A comment found by its hidden marker. */
export interface MarkedComment {
  id: number;
  body: string;
  url: string;
}

/** The comments of an issue or pull request that carry `marker`, oldest first. One call per 100 comments. */
export async function findMarkedComments(
  octokit: Octokit,
  { owner, repo }: RepoCoordinates,
  issueNumber: number,
  marker: string,
): Promise<MarkedComment[]> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  return comments
    .filter((c) => c.body?.includes(marker))
    .sort((a, b) => a.id - b.id)
    .map((c) => ({ id: c.id, body: c.body ?? '', url: c.html_url }));
}

/**
 * One comment per marker, updated in place: the plan comment of a PR, the bot's answer to a command.
 * Two calls (list, then create or update), none when the body is already what it should be. When two
 * events race and both create, the later comment sees the earlier one and deletes itself, so the
 * conversation converges on one comment.
 */
export async function upsertMarkedComment(
  octokit: Octokit,
  coordinates: RepoCoordinates,
  issueNumber: number,
  marker: string,
  body: string,
  /** The comments with `marker`, when the caller listed them already (saves the first call). */
  listed?: readonly MarkedComment[],
): Promise<{ id: number; url: string; created: boolean; changed: boolean }> {
  const { owner, repo } = coordinates;
  const text = body.includes(marker) ? body : `${marker}\n${body}`;
  const [existing] = listed ?? (await findMarkedComments(octokit, coordinates, issueNumber, marker));
  if (existing) {
    if (existing.body === text) return { id: existing.id, url: existing.url, created: false, changed: false };
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body: text });
    return { id: existing.id, url: existing.url, created: false, changed: true };
  }
  const { data } = await octokit.rest.issues.createComment({
    owner,
    repo,
    issue_number: issueNumber,
    body: text,
  });
  const all = await findMarkedComments(octokit, coordinates, issueNumber, marker);
  const first = all[0];
  if (first && first.id !== data.id) {
    try {
      await octokit.rest.issues.deleteComment({ owner, repo, comment_id: data.id });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
    if (first.body !== text)
      await octokit.rest.issues.updateComment({ owner, repo, comment_id: first.id, body: text });
    return { id: first.id, url: first.url, created: false, changed: true };
  }
  return { id: data.id, url: data.html_url, created: true, changed: true };
}
