import { type Authentication, authenticate } from './app-auth.js';
import { faultReply } from './fault-replies.js';
import type { Faults } from './faults.js';
import { serveGraphql } from './graphql/serve-graphql.js';
import { errorBody, notFoundReply, type RateLimits, type Reply } from './http-reply.js';
import type { GitHubDescription } from './openapi/description.js';
import type { Route } from './openapi/route-table.js';
import type { LoggedRequest, RequestLog } from './request-log.js';
import type { FakeState } from './state/store.js';
import { GitHubError, type HandlerTable } from './types.js';

/** A request as read off the socket. */
export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The body's bytes as received (empty when there is none). */
  body: Buffer;
  requestId: string;
}

/** What dispatch needs from the running fake. */
export interface DispatchContext {
  state: FakeState;
  handlers: HandlerTable;
  description: GitHubDescription;
  faults: Faults;
  log: RequestLog;
  rateLimits: RateLimits;
}

/**
 * The request pipeline, in GitHub's order: 1. match the route (404), 2. injected faults, 3. authenticate (401),
 * 4. primary rate limit, 5. parse and validate against the description (400/422), 6. the handler (404 and a
 * recorded problem when missing), 7. validate the response. Every outcome is logged.
 */
export async function dispatch(ctx: DispatchContext, raw: RawRequest): Promise<Reply> {
  const url = new URL(raw.url, 'http://fake');
  const query = Object.fromEntries(url.searchParams);
  const entry: LoggedRequest = {
    method: raw.method,
    path: url.pathname,
    query,
    operationId: undefined,
    status: 0,
    body: undefined,
    actor: undefined,
  };
  ctx.log.record(entry);
  const reply = await pipeline(ctx, raw, url.pathname, query, entry);
  entry.status = 'drop' in reply ? 0 : reply.status;
  return reply;
}

async function pipeline(
  ctx: DispatchContext,
  raw: RawRequest,
  path: string,
  query: Record<string, string>,
  entry: LoggedRequest,
): Promise<Reply> {
  const problem = (
    kind: 'rejected' | 'unimplemented' | 'invalid-response' | 'handler-error',
    message: string,
  ) => ctx.log.problem({ kind, method: raw.method, path, operationId: entry.operationId, message });

  // GraphQL has no place in the REST description; it has its own pipeline (graphql/serve-graphql.ts).
  if (path === '/graphql') return serveGraphql(ctx, raw, entry);
  const match = ctx.description.routes.match(raw.method, path);
  if (match.kind !== 'found') {
    problem(
      'rejected',
      match.kind === 'wrong-method'
        ? `${raw.method} is not an operation of ${match.template}`
        : 'no operation has this path',
    );
    return notFoundReply();
  }
  const { route, params } = match;
  entry.operationId = route.operationId;

  const fault = ctx.faults.take(raw.method, path, route.operationId);
  if (fault) {
    entry.fault = fault.kind;
    const known = authenticateRequest(ctx, raw, route, params);
    const actorId = ctx.state.account(known.ok ? known.actor : 'anonymous').id;
    const faulted = await faultReply(fault, raw.requestId, actorId);
    if (faulted) return faulted;
  }

  const auth = authenticateRequest(ctx, raw, route, params);
  if (!auth.ok)
    return reply(
      auth.status,
      errorBody(
        auth.status,
        auth.message,
        auth.status === 401 ? 'https://docs.github.com/rest' : route.documentationUrl,
      ),
    );
  const { actor } = auth;
  entry.actor = actor;

  const limit = ctx.rateLimits.take(actor);
  if (limit.exceeded) {
    const message = `API rate limit exceeded for user ID ${ctx.state.account(actor).id}.`;
    return {
      status: 403,
      headers: limit.headers,
      body: errorBody(403, message, 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'),
    };
  }
  const withLimit = (r: Reply): Reply =>
    'drop' in r ? r : { ...r, headers: { ...limit.headers, ...r.headers } };

  const body = parseBody(raw, route);
  if (body instanceof Error) {
    problem('rejected', 'the body is not JSON');
    return withLimit(reply(400, errorBody(400, 'Problems parsing JSON', route.documentationUrl)));
  }
  entry.body = body;

  const invalid = ctx.description.validator.checkRequest(route, params, query, body);
  if (invalid) {
    problem('rejected', invalid);
    return withLimit(reply(422, errorBody(422, `Invalid request.\n\n${invalid}`, route.documentationUrl)));
  }

  const handler = ctx.handlers[route.operationId];
  if (!handler) {
    problem(
      'unimplemented',
      `the fake has no handler for ${route.operationId} (${route.method} ${route.template})`,
    );
    return withLimit(notFoundReply());
  }

  const result = await runHandler(
    route,
    () =>
      handler(
        {
          method: raw.method,
          path,
          operationId: route.operationId,
          params,
          query,
          body,
          headers: raw.headers,
          actor,
        },
        ctx.state,
      ),
    problem,
  );
  // Raw bytes (an asset download) have no JSON schema to check.
  const responseProblem = Buffer.isBuffer(result.body)
    ? undefined
    : ctx.description.validator.checkResponse(route, result.status, result.body);
  if (responseProblem) problem('invalid-response', responseProblem);
  return withLimit(result);
}

async function runHandler(
  route: Route,
  call: () => ReturnType<HandlerTable[string]>,
  problem: (kind: 'handler-error', message: string) => void,
): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
  try {
    const response = await call();
    return { status: response.status, headers: response.headers ?? {}, body: response.body };
  } catch (error) {
    if (error instanceof GitHubError)
      return reply(
        error.status,
        errorBody(error.status, error.message, route.documentationUrl, error.errors),
      );
    // A crash is a defect in the fake, not GitHub behaviour: answer 500 and make the test unclean.
    problem('handler-error', error instanceof Error ? (error.stack ?? error.message) : String(error));
    return reply(500, errorBody(500, 'Server Error', route.documentationUrl));
  }
}

/**
 * The request body for the handler: undefined when empty, a Buffer for bytes an operation without a JSON
 * body receives (a release asset upload posts application/octet-stream), else parsed JSON (an Error
 * when it does not parse). GitHub parses JSON whatever the content-type (curl sends form-urlencoded),
 * so only operations that document no JSON body take raw bytes.
 */
function parseBody(raw: RawRequest, route: Route): unknown {
  if (raw.body.length === 0) return undefined;
  // An operation without a JSON body (a release asset upload) takes the bytes as sent, whatever
  // content-type they claim: GitHub stores an uploaded .json asset byte for byte.
  if (!route.bodyPointer) return raw.body;
  const text = raw.body.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function reply(
  status: number,
  body: unknown,
): { status: number; headers: Record<string, string>; body: unknown } {
  return { status, headers: {}, body };
}

/** Who the Authorization header makes the request act as (API token, app JWT or installation token); see app-auth.ts. */
function authenticateRequest(
  ctx: DispatchContext,
  raw: RawRequest,
  route: Route,
  params: Record<string, string>,
): Authentication {
  return authenticate(
    ctx.state,
    raw.headers.authorization,
    route,
    params,
    raw.method,
    Math.floor(Date.now() / 1000),
  );
}
