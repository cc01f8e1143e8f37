import type { GitObject } from '../state/git-objects.js';
import type { RepoState } from '../state/repo-state.js';
import { GraphqlFieldError } from './graphql-errors.js';

/**
 * The Git side of GitHub's GraphQL API over the fake's Git store: `Repository.object(expression:)`,
 * `Repository.refs(refPrefix:)` and the Commit, Tree, Blob and Tag nodes they lead to. Every node
 * carries `__typename` (how graphql-js resolves the GitObject interface) and only the fields built
 * here; asking for another field is reported as not implemented (graphql-server.ts).
 */

type Node = Record<string, unknown>;

/** GraphQL's `mode` is the octal mode as an integer (100644 -> 33188). */
function modeInt(mode: string): number {
  return Number.parseInt(mode, 8);
}

/** A Git object by sha as its GraphQL node; `path` is where a tree or blob sits, for TreeEntry.path. */
export function objectNode(repo: RepoState, sha: string, path = ''): Node | null {
  const object = repo.git.objects.get(sha);
  return object ? nodeOf(repo, object, path) : null;
}

function nodeOf(repo: RepoState, object: GitObject, path: string): Node {
  const common = { oid: object.sha, abbreviatedOid: object.sha.slice(0, 7) };
  switch (object.type) {
    case 'blob': {
      const binary = object.content.includes(0);
      return {
        __typename: 'Blob',
        ...common,
        byteSize: object.content.length,
        isBinary: binary,
        isTruncated: false,
        text: binary ? null : object.content.toString('utf8'),
      };
    }
    case 'tree':
      return {
        __typename: 'Tree',
        ...common,
        entries: object.entries.map((e) => {
          const full = path ? `${path}/${e.name}` : e.name;
          return {
            __typename: 'TreeEntry',
            name: e.name,
            path: full,
            type: e.type,
            mode: modeInt(e.mode),
            oid: e.sha,
            object: () => objectNode(repo, e.sha, full),
          };
        }),
      };
    case 'commit': {
      const [headline = '', ...rest] = object.message.split('\n');
      return {
        __typename: 'Commit',
        ...common,
        message: object.message,
        messageHeadline: headline,
        messageBody: rest.join('\n').replace(/^\n+/, ''),
        committedDate: object.committer.date,
        authoredDate: object.author.date,
        tree: () => objectNode(repo, object.tree),
        parents: (args: { first?: number }) => {
          const shas = object.parents.slice(0, args.first ?? 100);
          return {
            __typename: 'CommitConnection',
            totalCount: object.parents.length,
            nodes: shas.map((p) => objectNode(repo, p)),
          };
        },
      };
    }
    case 'tag':
      return {
        __typename: 'Tag',
        ...common,
        name: object.tag,
        message: object.message,
        target: () => objectNode(repo, object.object),
      };
  }
}

/**
 * `object(expression: "REV:PATH")` (or `oid:`): REV is a sha, a branch, a tag or a full ref; with
 * `:PATH` the tree or blob at that path of REV's commit (`REV:` is its root tree); without, REV's own
 * object (an annotated tag stays a Tag, as `git rev-parse` would say).
 */
export function objectByExpression(repo: RepoState, expression: string): Node | null {
  const colon = expression.indexOf(':');
  const rev = colon < 0 ? expression : expression.slice(0, colon);
  if (colon < 0) {
    const sha =
      ['', 'refs/', 'refs/heads/', 'refs/tags/'].map((p) => repo.git.refs.get(`${p}${rev}`)).find(Boolean) ??
      (/^[0-9a-f]{40}$/.test(rev) ? rev : undefined);
    return sha ? objectNode(repo, sha) : null;
  }
  const path = expression.slice(colon + 1).replace(/^\/+|\/+$/g, '');
  const entry = repo.git.entryAt(rev === '' ? 'HEAD' : rev, path);
  return entry ? objectNode(repo, entry.sha, path) : null;
}

/** `refs(refPrefix:, first:, after:)`: refs under the prefix, by name, paged with opaque cursors. */
export function refsConnection(
  repo: RepoState,
  args: { refPrefix: string; first?: number | null; after?: string | null; last?: number | null },
): Node {
  if (!args.refPrefix.endsWith('/')) {
    throw new GraphqlFieldError('refPrefix must end with "/"', 'UNPROCESSABLE');
  }
  if (args.last !== undefined && args.last !== null) {
    throw new GraphqlFieldError('the fake GitHub pages refs forward only (first/after)', 'UNPROCESSABLE');
  }
  const first = args.first ?? 100;
  if (first < 0 || first > 100) {
    throw new GraphqlFieldError(
      `Requesting ${first} records on the \`refs\` connection exceeds the \`first\` limit of 100 records.`,
      'EXCESSIVE_PAGINATION',
    );
  }
  const all = [...repo.git.refs.keys()].filter((r) => r.startsWith(args.refPrefix)).sort();
  const start = args.after
    ? Number(Buffer.from(args.after, 'base64').toString('utf8').replace('cursor:', ''))
    : 0;
  const page = all.slice(start, start + first);
  const end = start + page.length;
  return {
    __typename: 'RefConnection',
    totalCount: all.length,
    pageInfo: {
      __typename: 'PageInfo',
      hasNextPage: end < all.length,
      hasPreviousPage: start > 0,
      endCursor: page.length ? Buffer.from(`cursor:${end}`).toString('base64') : null,
      startCursor: page.length ? Buffer.from(`cursor:${start}`).toString('base64') : null,
    },
    nodes: page.map((ref) => ({
      __typename: 'Ref',
      name: ref.slice(args.refPrefix.length),
      prefix: args.refPrefix,
      target: () => objectNode(repo, repo.git.refs.get(ref) ?? ''),
    })),
  };
}
