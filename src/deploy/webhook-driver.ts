import { createHmac } from 'node:crypto';
import { LockstepError } from '../core/errors.js';
import { backoffDelay, retryAfterMs } from './backoff.js';
import type { DeployDriver, DriverDeps, DriverInput, DriverResult } from './driver.js';

/** Default time one POST may take. */
export const WEBHOOK_TIMEOUT_SECONDS = 30;
/** Default number of retries after the first attempt. */
export const WEBHOOK_RETRIES = 3;
/** The variable holding the HMAC secret when the config names none. */
export const DEFAULT_SECRET_ENV = 'LOCKSTEP_WEBHOOK_SECRET';
/** First backoff and its cap. */
const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 30_000;

/** The webhook settings, resolved. */
export interface WebhookOptions {
  url: string;
  secretEnv?: string | undefined;
  timeoutSeconds?: number | undefined;
  retries?: number | undefined;
}

/** `sha256=<hex>`: the HMAC-SHA256 of the exact body, as GitHub signs its own webhooks. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

type Attempt = { kind: 'ok' | 'fatal' | 'retry'; detail: string; waitMs?: number };

/**
 * The webhook driver: POSTs the manifest text, signed in X-Lockstep-Signature-256 with the secret from
 * the named environment variable. Retries with backoff only where a retry can help (5xx, network error,
 * timeout); a 4xx or 3xx fails at once. The delivery id stays the same across retries so the receiver
 * can drop duplicates. The secret is read when the driver is created, so a missing one fails before
 * anything is deployed.
 */
export function webhookDriver(
  options: WebhookOptions,
  deps: Pick<DriverDeps, 'env' | 'fetch' | 'sleep' | 'random' | 'newId'>,
): DeployDriver {
  const secretEnv = options.secretEnv ?? DEFAULT_SECRET_ENV;
  const secret = deps.env[secretEnv];
  if (!secret)
    throw new LockstepError(
      'E_INPUT',
      `webhook driver: the environment variable ${secretEnv} holding the HMAC secret is not set or empty; set it (for example from a repository secret)${options.secretEnv ? '' : ', or name another variable in deploy.secretEnv'}`,
    );
  const timeout = options.timeoutSeconds ?? WEBHOOK_TIMEOUT_SECONDS;
  const attempts = 1 + (options.retries ?? WEBHOOK_RETRIES);
  return {
    name: 'webhook',
    async deploy(input: DriverInput): Promise<DriverResult> {
      const body = input.manifestText;
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'lockstep',
        'x-lockstep-signature-256': signBody(secret, body),
        'x-lockstep-environment': input.environment,
        'x-lockstep-digest': input.digest,
        'x-lockstep-tag': input.tag,
        'x-lockstep-rollback': input.rollback ? 'true' : 'false',
        'x-lockstep-delivery': deps.newId(),
      };
      let last = '';
      for (let n = 1; n <= attempts; n++) {
        const result = await postOnce(options.url, body, headers, timeout, deps.fetch);
        last = result.detail;
        input.log(`webhook attempt ${n}/${attempts}: ${result.detail}`);
        if (result.kind === 'ok') return { ok: true, detail: `webhook ${result.detail} (attempt ${n})` };
        if (result.kind === 'fatal') return { ok: false, detail: `webhook ${result.detail}; not retried` };
        if (n < attempts) {
          const wait = Math.max(
            backoffDelay(n, BACKOFF_BASE_MS, BACKOFF_CAP_MS, deps.random),
            Math.min(result.waitMs ?? 0, BACKOFF_CAP_MS),
          );
          input.log(`webhook: retrying in ${(wait / 1000).toFixed(1)} s`);
          await deps.sleep(wait);
        }
      }
      return { ok: false, detail: `webhook failed after ${attempts} attempt(s); last: ${last}` };
    },
  };
}

async function postOnce(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutSeconds: number,
  fetch: DriverDeps['fetch'],
): Promise<Attempt> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      // A redirect would turn the POST into a GET or resend the signed body elsewhere: refuse it.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutSeconds * 1000),
    });
    const text = (await response.text()).trim().slice(0, 200);
    const status = `${url} answered ${response.status}${text ? `: ${oneLine(text)}` : ''}`;
    if (response.status >= 200 && response.status < 300) return { kind: 'ok', detail: status };
    if (response.status >= 500)
      return {
        kind: 'retry',
        detail: status,
        ...optional(retryAfterMs(response.headers.get('retry-after'))),
      };
    if (response.status >= 300 && response.status < 400)
      return {
        kind: 'fatal',
        detail: `${status} (a redirect to ${response.headers.get('location') ?? 'elsewhere'}; configure the final URL in deploy.url)`,
      };
    return { kind: 'fatal', detail: status };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError')
      return { kind: 'retry', detail: `${url} did not answer within ${timeoutSeconds} s` };
    return { kind: 'retry', detail: `${url} could not be reached: ${networkReason(error)}` };
  }
}

function optional(waitMs: number | undefined): { waitMs?: number } {
  return waitMs === undefined ? {} : { waitMs };
}

/** fetch's "fetch failed" hides the reason in `cause` (ECONNREFUSED, ENOTFOUND ...). */
function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
