import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DispatchContext, dispatch } from './dispatch.js';
import { Faults } from './faults.js';
import { defaultHandlers } from './handlers/index.js';
import { API_VERSION, etagMatches, etagOf, RateLimits, type Reply } from './http-reply.js';
import { loadGitHubSpec } from './openapi/description.js';
import { type LoggedRequest, type Problem, RequestLog } from './request-log.js';
import type { RegisteredApp } from './state/apps-store.js';
import { type Clock, steppingClock } from './state/clock.js';
import { FakeState } from './state/store.js';
import type { HandlerTable } from './types.js';

/** Options for startFakeGitHub; all optional. */
export interface FakeGitHubOptions {
  /** Handlers by operationId; defaults to every handler the fake has. */
  handlers?: HandlerTable;
  clock?: Clock;
  /** A state to serve (e.g. seeded beforehand); a new empty one otherwise. */
  state?: FakeState;
}

/** A running fake GitHub REST API on 127.0.0.1. */
export interface FakeGitHub {
  /** The API base url, e.g. http://127.0.0.1:41234 (pass as Octokit's baseUrl). */
  readonly url: string;
  readonly state: FakeState;
  /** Every request received, in order. */
  readonly requests: readonly LoggedRequest[];
  /** Rejected requests, unimplemented operations and fake defects seen so far. */
  readonly problems: readonly Problem[];
  readonly faults: Faults;
  readonly rateLimits: RateLimits;
  /** A new API token that authenticates as `login` (the account is created if needed). */
  tokenFor(login: string): string;
  /** Registers a GitHub App with a new RSA key, installed on `repositories` (default: every repository now). */
  registerApp(options: { slug: string; name?: string; repositories?: readonly string[] }): RegisteredApp;
  /** Throws if any request was rejected, unimplemented, or answered with a body GitHub would not send. */
  assertClean(): void;
  /** Forgets recorded problems, returning them (for tests that provoke them on purpose). */
  clearProblems(): Problem[];
  close(): Promise<void>;
}

/** Starts a fake GitHub on a random port. */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const state = options.state ?? new FakeState(options.clock ?? steppingClock());
  const log = new RequestLog();
  const ctx: DispatchContext = {
    state,
    handlers: options.handlers ?? defaultHandlers(),
    description: loadGitHubSpec(),
    faults: new Faults(),
    log,
    rateLimits: new RateLimits(),
  };
  let nextRequest = 1;
  const server = createServer((req, res) => {
    const requestId = `FA4E:${(nextRequest++).toString(16).toUpperCase().padStart(6, '0')}`;
    void serve(ctx, req, res, requestId);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let nextToken = 1;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    requests: log.requests,
    problems: log.problems,
    faults: ctx.faults,
    rateLimits: ctx.rateLimits,
    tokenFor(login) {
      state.account(login);
      const token = `ghs_fake${String(nextToken++).padStart(32, '0')}`;
      state.tokens.set(token, login);
      return token;
    },
    registerApp: (options) => state.apps.register(options),
    assertClean: () => log.assertClean(),
    clearProblems: () => log.clearProblems(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serve(
  ctx: DispatchContext,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const method = req.method ?? 'GET';
    const reply = await dispatch(ctx, {
      method,
      // GitHub Enterprise Server serves the REST API under /api/v3 (Probot's GHE_HOST points there).
      url:
        (req.url ?? '/').replace(/^\/api\/graphql(?=\?|$)/, '/graphql').replace(/^\/api\/v3(?=\/|$)/, '') ||
        '/',
      headers,
      body: Buffer.concat(chunks),
      requestId,
    });
    write(res, reply, method, headers, requestId);
  } catch (error) {
    // Only a bug in the fake gets here; a 500 makes the calling test fail loudly.
    res
      .writeHead(500, { 'content-type': 'text/plain' })
      .end(String(error instanceof Error ? error.stack : error));
  }
}

function write(
  res: ServerResponse,
  reply: Reply,
  method: string,
  requestHeaders: Record<string, string>,
  requestId: string,
): void {
  if ('drop' in reply) {
    res.socket?.destroy();
    return;
  }
  // A Buffer body (an asset download) is sent as the bytes it holds; anything else as JSON.
  const bytes = Buffer.isBuffer(reply.body);
  const serialized = Buffer.isBuffer(reply.body)
    ? reply.body
    : reply.body === undefined
      ? ''
      : JSON.stringify(reply.body);
  const headers: Record<string, string> = {
    'content-type': bytes ? 'application/octet-stream' : 'application/json; charset=utf-8',
    'x-github-api-version-selected': requestHeaders['x-github-api-version'] ?? API_VERSION,
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': requestId,
    ...reply.headers,
  };
  if (method === 'GET' && reply.status === 200) {
    const etag = etagOf(serialized);
    headers.etag = etag;
    if (etagMatches(requestHeaders['if-none-match'], etag)) {
      res.writeHead(304, headers).end();
      return;
    }
  }
  if (serialized.length === 0) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  headers['content-length'] = String(Buffer.byteLength(serialized));
  res.writeHead(reply.status, headers).end(serialized);
}
