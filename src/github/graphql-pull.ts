import type { Octokit } from '@octokit/rest';
import type { RepoCoordinates, ReviewInfo } from './github-port.js';
import type { MarkedComment } from './marked-comment.js';

/** What the bot reads of a pull request before judging it. */
export interface PullState {
  /** The head commit now. */
  headSha: string;
  /**
   * Changed paths; undefined when GraphQL could not give them all (over 100 files, or a rename, whose
   * old path only REST lists): the caller lists them through REST then.
   */
  files: string[] | undefined;
  /** Submitted reviews, oldest first; undefined when there were over 100. */
  reviews: ReviewInfo[] | undefined;
  /** Comments carrying `marker`, oldest first; undefined when there were over 100 comments. */
  marked: MarkedComment[] | undefined;
}

interface Page<T> {
  pageInfo: { hasNextPage: boolean };
  nodes: T[];
}

const QUERY = `query LockstepPull($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      headRefOid
      files(first: 100) { pageInfo { hasNextPage } nodes { path changeType } }
      reviews(first: 100) { pageInfo { hasNextPage } nodes { author { login } state commit { oid } submittedAt } }
      comments(first: 100) { pageInfo { hasNextPage } nodes { databaseId body url } }
    }
  }
}`;

/**
 * A pull request's head, changed files, reviews and the comments with `marker`, in one GraphQL
 * request: with REST that is four (pulls.get, listFiles, listReviews, listComments).
 */
export async function readPullState(
  octokit: Octokit,
  { owner, repo }: RepoCoordinates,
  number: number,
  marker: string,
): Promise<PullState> {
  const data = await octokit.graphql<{
    repository: {
      pullRequest: {
        headRefOid: string;
        files: Page<{ path: string; changeType: string }>;
        reviews: Page<{
          author: { login: string } | null;
          state: ReviewInfo['state'];
          commit: { oid: string } | null;
          submittedAt: string | null;
        }>;
        comments: Page<{ databaseId: number | null; body: string; url: string }>;
      };
    };
  }>(QUERY, { owner, name: repo, number });
  const pull = data.repository.pullRequest;
  const files =
    pull.files.pageInfo.hasNextPage ||
    pull.files.nodes.some((f) => f.changeType === 'RENAMED' || f.changeType === 'COPIED')
      ? undefined
      : pull.files.nodes.map((f) => f.path);
  const reviews = pull.reviews.pageInfo.hasNextPage
    ? undefined
    : pull.reviews.nodes
        .filter((r) => r.submittedAt !== null && r.commit !== null)
        .map((r) => ({
          user: r.author?.login ?? '',
          state: r.state,
          commitId: r.commit?.oid ?? '',
          submittedAt: r.submittedAt ?? '',
        }));
  const marked = pull.comments.pageInfo.hasNextPage
    ? undefined
    : pull.comments.nodes
        .filter((c) => c.databaseId !== null && c.body.includes(marker))
        .map((c) => ({ id: c.databaseId ?? 0, body: c.body, url: c.url }))
        .sort((a, b) => a.id - b.id);
  return { headSha: pull.headRefOid, files, reviews, marked };
}
