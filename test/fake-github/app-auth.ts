import { verify } from 'node:crypto';
import type { Route } from './openapi/route-table.js';
import type { AppRecord, AppsStore } from './state/apps-store.js';
import type { FakeState } from './state/store.js';

/** Who a request acts as, or GitHub's refusal (status and message). */
export type Authentication =
  | { ok: true; actor: string }
  | { ok: false; status: 401 | 403 | 404; message: string };

/** GitHub's messages for JWTs it refuses; @octokit/auth-app matches the first three to correct clock skew. */
export const JWT_MESSAGES = {
  tooFarAhead: "'Expiration time' claim ('exp') is too far in the future",
  expired:
    "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
  issuedInFuture:
    "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
  undecodable: 'A JSON web token could not be decoded',
} as const;

/** GitHub accepts a JWT for at most ten minutes after it was issued. */
const MAX_JWT_SECONDS = 10 * 60;
/** Leeway GitHub allows for clock drift on `iat` and `exp`. */
const LEEWAY_SECONDS = 60;

/**
 * Whether the operation needs the app itself (a JWT) rather than a user or installation token: the
 * routes @octokit/auth-app signs with a JWT (/app..., and the installation lookups by repo, org, user).
 */
export function requiresAppJwt(route: Route): boolean {
  return (
    route.template === '/app' ||
    route.template.startsWith('/app/') ||
    route.template.endsWith('/installation')
  );
}

/**
 * Turns the Authorization header into an actor. A JWT (three dot-separated parts) must verify against
 * a registered app's key and acts as the app's slug, only on app routes. An installation token acts as
 * `<slug>[bot]` and reaches only its installation's repositories. Any other token is looked up in
 * state.tokens. `nowSeconds` is wall-clock time: clients sign JWTs with their own clock, and the fake's
 * Date header (which @octokit/auth-app reads to correct skew) is wall-clock too.
 */
export function authenticate(
  state: FakeState,
  authorization: string | undefined,
  route: Route,
  params: Record<string, string>,
  method: string,
  nowSeconds: number,
): Authentication {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization ?? '');
  const credential = match?.[1];
  if (!credential)
    return { ok: false, status: 401, message: authorization ? 'Bad credentials' : 'Requires authentication' };
  const appRoute = requiresAppJwt(route);
  if (credential.split('.').length === 3) {
    const checked = verifyAppJwt(state.apps, credential, nowSeconds);
    if ('message' in checked) return { ok: false, status: 401, message: checked.message };
    if (!appRoute) return { ok: false, status: 403, message: 'Resource not accessible by integration' };
    return { ok: true, actor: checked.app.slug };
  }
  const login = state.tokens.get(credential);
  if (!login) return { ok: false, status: 401, message: 'Bad credentials' };
  if (appRoute) return { ok: false, status: 401, message: JWT_MESSAGES.undecodable };
  const installationToken = state.apps.tokens.get(credential);
  if (installationToken && params.owner && params.repo) {
    const installation = state.apps.installations.get(installationToken.installationId);
    const fullName = `${params.owner}/${params.repo}`.toLowerCase();
    if (!installation?.repositories.has(fullName)) {
      // GitHub hides private repositories outside the installation and refuses writes to public ones.
      const repo = state.repo(params.owner, params.repo);
      if (!repo || repo.private) return { ok: false, status: 404, message: 'Not Found' };
      if (method !== 'GET')
        return { ok: false, status: 403, message: 'Resource not accessible by integration' };
    }
  }
  return { ok: true, actor: login };
}

/** The app a JWT belongs to, or GitHub's message for why it is refused. */
export function verifyAppJwt(
  apps: AppsStore,
  jwt: string,
  nowSeconds: number,
): { app: AppRecord } | { message: string } {
  const [header, payload, signature] = jwt.split('.');
  const undecodable = { message: JWT_MESSAGES.undecodable };
  if (header === undefined || payload === undefined || signature === undefined) return undecodable;
  let claims: { iss?: unknown; iat?: unknown; exp?: unknown };
  let alg: unknown;
  try {
    alg = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg;
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return undecodable;
  }
  if (alg !== 'RS256' || typeof claims !== 'object' || claims === null) return undecodable;
  // iss is the app id (a number, or its decimal string); a client id is not supported by the fake.
  const app = apps.apps.get(Number(claims.iss));
  if (!app) return undecodable;
  const signed = Buffer.from(`${header}.${payload}`);
  if (!verify('RSA-SHA256', signed, app.publicKey, Buffer.from(signature, 'base64url'))) return undecodable;
  if (
    typeof claims.iat !== 'number' ||
    !Number.isInteger(claims.iat) ||
    claims.iat > nowSeconds + LEEWAY_SECONDS
  )
    return { message: JWT_MESSAGES.issuedInFuture };
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds - LEEWAY_SECONDS)
    return { message: JWT_MESSAGES.expired };
  if (claims.exp > nowSeconds + MAX_JWT_SECONDS + LEEWAY_SECONDS)
    return { message: JWT_MESSAGES.tooFarAhead };
  return { app };
}
