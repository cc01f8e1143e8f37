import {
  type ExecutionResult,
  execute,
  type GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
  parse,
  validate,
} from 'graphql';
import type { InstallationRecord } from '../state/apps-store.js';
import type { RepoState } from '../state/repo-state.js';
import type { FakeState } from '../state/store.js';
import { objectByExpression, refsConnection } from './git-nodes.js';
import { githubGraphqlSchema } from './github-schema.js';
import { GraphqlFieldError, UnimplementedFieldError } from './graphql-errors.js';
import { pullRequestNode } from './pull-nodes.js';

/** Who asks, for repository visibility. */
export interface GraphqlCaller {
  actor: string;
  /** Set for an installation token: only its repositories are visible (public ones read-only). */
  installation?: InstallationRecord;
}

/** The outcome of one POST /graphql. */
export interface GraphqlOutcome {
  body: ExecutionResult;
  /** Why the request is a problem for the test run: an invalid query, or a field the fake lacks. */
  problem?: { kind: 'rejected' | 'unimplemented'; message: string };
}

/** Mutations the fake implements, by field name (GraphQL `input` argument in, payload object out). */
export type GraphqlMutations = Record<
  string,
  (args: { input: Record<string, unknown> }, ctx: { state: FakeState; caller: GraphqlCaller }) => unknown
>;

type Node = Record<string, unknown>;

/**
 * Runs a GraphQL request as GitHub would: parsed and validated against GitHub's published schema
 * (an invalid query gets GitHub's 200 with `errors` and no `data`), then executed over the fake's
 * state. Only the fields the resolvers build exist; any other is an `unimplemented` problem, so a
 * test never passes on a field the fake silently answered with null.
 */
export function runGraphql(
  state: FakeState,
  request: { query?: unknown; variables?: unknown; operationName?: unknown },
  caller: GraphqlCaller,
  mutations: GraphqlMutations = {},
): GraphqlOutcome {
  if (typeof request.query !== 'string') {
    return {
      body: {
        errors: [{ message: 'A query attribute must be specified and must be a string.' } as GraphQLError],
      },
      problem: { kind: 'rejected', message: 'no query string' },
    };
  }
  const schema = githubGraphqlSchema();
  let document: ReturnType<typeof parse>;
  try {
    document = parse(request.query);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { body: { errors: [{ message } as GraphQLError] }, problem: { kind: 'rejected', message } };
  }
  const invalid = validate(schema, document);
  if (invalid.length) {
    return {
      body: { errors: invalid },
      problem: { kind: 'rejected', message: invalid.map((e) => e.message).join('; ') },
    };
  }
  const unimplemented: string[] = [];
  const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, _ctx, info) => {
    if (source !== null && typeof source === 'object' && info.fieldName in source) {
      const value = (source as Node)[info.fieldName];
      return typeof value === 'function' ? (value as (a: unknown) => unknown)(args) : value;
    }
    const field = `${info.parentType.name}.${info.fieldName}`;
    unimplemented.push(field);
    throw new UnimplementedFieldError(field);
  };
  const typeResolver: GraphQLTypeResolver<unknown, unknown> = (value) =>
    typeof value === 'object' && value !== null ? String((value as Node).__typename) : undefined;
  const rootValue: Node = {
    repository: (args: { owner: string; name: string }) => repositoryNode(state, caller, args),
    ...Object.fromEntries(
      Object.entries(mutations).map(([name, run]) => [
        name,
        (args: { input: Record<string, unknown> }) => run(args, { state, caller }),
      ]),
    ),
  };
  const variables =
    request.variables && typeof request.variables === 'object' ? (request.variables as Node) : {};
  const result = execute({
    schema,
    document,
    rootValue,
    variableValues: variables,
    operationName: typeof request.operationName === 'string' ? request.operationName : null,
    fieldResolver,
    typeResolver,
  }) as ExecutionResult;
  const body: ExecutionResult = result.errors
    ? {
        ...result,
        errors: result.errors.map((e) => {
          const type = e.originalError instanceof GraphqlFieldError ? e.originalError.type : undefined;
          return (type ? { ...e.toJSON(), type } : e.toJSON()) as unknown as GraphQLError;
        }),
      }
    : result;
  return unimplemented.length
    ? { body, problem: { kind: 'unimplemented', message: `GraphQL fields: ${unimplemented.join(', ')}` } }
    : { body };
}

function repositoryNode(
  state: FakeState,
  caller: GraphqlCaller,
  args: { owner: string; name: string },
): Node {
  const repo = state.repo(args.owner, args.name);
  const visible =
    repo &&
    (!caller.installation ||
      caller.installation.repositories.has(repo.fullName.toLowerCase()) ||
      !repo.private);
  if (!repo || !visible) {
    throw new GraphqlFieldError(
      `Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`,
      'NOT_FOUND',
    );
  }
  return repoFields(repo);
}

function repoFields(repo: RepoState): Node {
  return {
    __typename: 'Repository',
    name: repo.name,
    nameWithOwner: repo.fullName,
    object: (args: { expression?: string | null; oid?: string | null }) =>
      objectByExpression(repo, args.oid ?? args.expression ?? ''),
    refs: (args: { refPrefix: string; first?: number | null; after?: string | null; last?: number | null }) =>
      refsConnection(repo, args),
    pullRequest: (args: { number: number }) => pullRequestNode(repo, args.number),
  };
}
