import { HTML_BASE } from '../github-objects.js';
import type { RepoState } from '../state/repo-state.js';
import type { Account } from '../state/store.js';
import { GraphqlFieldError } from './graphql-errors.js';

type Node = Record<string, unknown>;

/** GitHub's connection arguments: forward paging only, 100 at most. */
interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
}

/** A page of `items` as a GraphQL connection, with GitHub's limits and opaque cursors. */
export function connection<T>(
  kind: string,
  items: readonly T[],
  args: PageArgs,
  node: (item: T) => Node,
): Node {
  if (args.last !== undefined && args.last !== null) {
    throw new GraphqlFieldError('the fake GitHub pages forward only (first/after)', 'UNPROCESSABLE');
  }
  const first = args.first ?? 100;
  if (first < 0 || first > 100) {
    throw new GraphqlFieldError(
      `Requesting ${first} records on the \`${kind}\` connection exceeds the \`first\` limit of 100 records.`,
      'EXCESSIVE_PAGINATION',
    );
  }
  const start = args.after
    ? Number(Buffer.from(args.after, 'base64').toString('utf8').replace('cursor:', ''))
    : 0;
  const page = items.slice(start, start + first);
  const end = start + page.length;
  return {
    totalCount: items.length,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      endCursor: page.length ? Buffer.from(`cursor:${end}`).toString('base64') : null,
      startCursor: page.length ? Buffer.from(`cursor:${start}`).toString('base64') : null,
    },
    nodes: page.map(node),
  };
}

/** An Actor (the `author` of reviews and comments). */
function actor(account: Account): Node {
  return {
    __typename: account.type === 'Bot' ? 'Bot' : account.type === 'Organization' ? 'Organization' : 'User',
    login: account.login,
  };
}

const CHANGE_TYPE = { added: 'ADDED', modified: 'MODIFIED', removed: 'DELETED' } as const;

/**
 * `Repository.pullRequest(number:)` with what the bot reads of a pull request in one request: its
 * head, changed files, reviews and conversation comments.
 */
export function pullRequestNode(repo: RepoState, number: number): Node {
  const pr = repo.pulls.get(number);
  if (!pr) {
    throw new GraphqlFieldError(
      `Could not resolve to a PullRequest with the number of ${number}.`,
      'NOT_FOUND',
    );
  }
  const account = (login: string) => repo.global.account(login);
  return {
    __typename: 'PullRequest',
    number: pr.number,
    state: pr.mergedAt ? 'MERGED' : pr.state === 'open' ? 'OPEN' : 'CLOSED',
    headRefName: pr.head,
    baseRefName: pr.base,
    headRefOid: repo.pulls.headSha(pr),
    author: actor(pr.user),
    files: (args: PageArgs) => {
      const head = repo.pulls.headSha(pr);
      const base = repo.git.mergeBase(repo.pulls.baseSha(pr), head);
      return connection('files', repo.git.diff(base, head), args, (f) => ({
        path: f.filename,
        changeType: CHANGE_TYPE[f.status],
      }));
    },
    reviews: (args: PageArgs) =>
      connection(
        'reviews',
        pr.reviews.filter((r) => r.submittedAt !== null),
        args,
        (r) => ({
          databaseId: r.id,
          author: actor(r.user),
          state: r.state,
          commit: { oid: r.commitId },
          submittedAt: r.submittedAt,
        }),
      ),
    comments: (args: PageArgs) =>
      connection('comments', repo.issues.commentsOn(pr.number), args, (c) => ({
        databaseId: c.id,
        body: c.body,
        url: `${HTML_BASE}/${repo.fullName}/pull/${pr.number}#issuecomment-${c.id}`,
        author: actor(account(c.user)),
      })),
  };
}
