import { authenticate } from '../app-auth.js';
import type { DispatchContext, RawRequest } from '../dispatch.js';
import { faultReply } from '../fault-replies.js';
import { errorBody, type Reply } from '../http-reply.js';
import type { Route } from '../openapi/route-table.js';
import type { LoggedRequest } from '../request-log.js';
import { type GraphqlMutations, runGraphql } from './graphql-server.js';
import { graphqlMutations } from './mutations.js';

/** GraphQL is not in the REST description: a route of its own for authentication and faults. */
const GRAPHQL_ROUTE: Route = {
  method: 'POST',
  template: '/graphql',
  operationId: 'graphql',
  documentationUrl: 'https://docs.github.com/graphql',
  parameters: [],
  bodyPointer: undefined,
  bodyRequired: true,
  responses: new Map(),
};

/**
 * POST /graphql, in the REST pipeline's order: faults (target `{ operationId: 'graphql' }`),
 * authentication (a user or installation token; an app JWT is refused), the rate limit, then the
 * query, validated against GitHub's schema and run over the fake's state (graphql-server.ts).
 */
export async function serveGraphql(
  ctx: DispatchContext,
  raw: RawRequest,
  entry: LoggedRequest,
  mutations: GraphqlMutations = graphqlMutations,
): Promise<Reply> {
  entry.operationId = 'graphql';
  const problem = (kind: 'rejected' | 'unimplemented', message: string) =>
    ctx.log.problem({ kind, method: raw.method, path: '/graphql', operationId: 'graphql', message });
  if (raw.method !== 'POST') {
    problem('rejected', `${raw.method} is not how GraphQL is called (POST /graphql)`);
    return { status: 404, headers: {}, body: errorBody(404, 'Not Found', GRAPHQL_ROUTE.documentationUrl) };
  }
  const fault = ctx.faults.take(raw.method, '/graphql', 'graphql');
  if (fault) {
    entry.fault = fault.kind;
    const faulted = await faultReply(fault, raw.requestId, 0);
    if (faulted) return faulted;
  }
  const auth = authenticate(
    ctx.state,
    raw.headers.authorization,
    GRAPHQL_ROUTE,
    {},
    raw.method,
    Math.floor(Date.now() / 1000),
  );
  if (!auth.ok) {
    return {
      status: auth.status,
      headers: {},
      body: errorBody(auth.status, auth.message, GRAPHQL_ROUTE.documentationUrl),
    };
  }
  entry.actor = auth.actor;
  const limit = ctx.rateLimits.take(auth.actor);
  if (limit.exceeded) {
    return {
      status: 403,
      headers: limit.headers,
      body: errorBody(
        403,
        `API rate limit exceeded for user ID ${ctx.state.account(auth.actor).id}.`,
        GRAPHQL_ROUTE.documentationUrl,
      ),
    };
  }
  let request: unknown;
  try {
    request = JSON.parse(raw.body.toString('utf8'));
  } catch {
    problem('rejected', 'the body is not JSON');
    return {
      status: 400,
      headers: limit.headers,
      body: errorBody(400, 'Problems parsing JSON', GRAPHQL_ROUTE.documentationUrl),
    };
  }
  entry.body = request;
  const token = /^(?:token|bearer)\s+(\S+)$/i.exec(raw.headers.authorization ?? '')?.[1] ?? '';
  const issued = ctx.state.apps.tokens.get(token);
  const installation = issued ? ctx.state.apps.installations.get(issued.installationId) : undefined;
  const outcome = runGraphql(
    ctx.state,
    (request ?? {}) as Record<string, unknown>,
    { actor: auth.actor, ...(installation ? { installation } : {}) },
    mutations,
  );
  if (outcome.problem) problem(outcome.problem.kind, outcome.problem.message);
  // GitHub answers GraphQL errors with 200 and an `errors` array.
  return { status: 200, headers: limit.headers, body: outcome.body };
}
