import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LockstepError } from '../../src/core/errors.js';
import { createDriver } from '../../src/deploy/driver.js';
import { DEFAULT_SECRET_ENV, webhookDriver } from '../../src/deploy/webhook-driver.js';
import { driverInput, MANIFEST_TEXT, testDeps } from './deploy-fixtures.js';
import { useServer } from './http-server.js';

const serve = useServer();
const SECRET = 's3cret-value';
const env = { HOOK_SECRET: SECRET };

/** What a receiver does: recompute the HMAC of the raw body and compare in constant time. */
function verifies(body: string, header: string | string[] | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`);
  const got = Buffer.from(String(header));
  return got.length === expected.length && timingSafeEqual(got, expected);
}

describe('webhook driver', () => {
  it('POSTs the exact manifest text with a verifiable signature and the deploy headers', async () => {
    const { url, requests } = await serve(() => ({ status: 200, body: 'queued' }));
    const deps = testDeps('/repo', env);
    const driver = createDriver({ driver: 'webhook', url, secretEnv: 'HOOK_SECRET' }, deps);
    const input = driverInput();
    const result = await driver.deploy(input);
    expect(result).toEqual({ ok: true, detail: `webhook ${url} answered 200: queued (attempt 1)` });
    expect(requests).toHaveLength(1);
    const [req] = requests;
    expect(req?.method).toBe('POST');
    expect(req?.body).toBe(MANIFEST_TEXT);
    expect(verifies(req?.body ?? '', req?.headers['x-lockstep-signature-256'])).toBe(true);
    expect(verifies(`${req?.body} `, req?.headers['x-lockstep-signature-256'])).toBe(false);
    expect(req?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-lockstep-environment': 'prod-eu',
      'x-lockstep-digest': 'sha256:0123abcd',
      'x-lockstep-tag': 'deploy/prod-eu/7',
      'x-lockstep-rollback': 'false',
      'x-lockstep-delivery': 'delivery-1',
    });
    expect(deps.delays).toEqual([]);
  });

  it('retries 5xx with growing backoff and keeps the delivery id', async () => {
    const { url, requests } = await serve((n) => (n < 2 ? { status: 500, body: 'busy' } : { status: 200 }));
    const deps = testDeps('/repo', env);
    const input = driverInput();
    const result = await webhookDriver({ url, secretEnv: 'HOOK_SECRET' }, deps).deploy(input);
    expect(result).toEqual({ ok: true, detail: `webhook ${url} answered 200 (attempt 3)` });
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.headers['x-lockstep-delivery']))).toEqual(new Set(['delivery-1']));
    expect(requests.every((r) => verifies(r.body, r.headers['x-lockstep-signature-256']))).toBe(true);
    expect(deps.delays).toHaveLength(2);
    expect(deps.delays[1]).toBeGreaterThan(deps.delays[0] ?? Infinity);
    expect(input.lines.filter((l) => l.includes('answered 500: busy'))).toHaveLength(2);
  });

  it('gives up after the configured retries', async () => {
    const { url, requests } = await serve(() => ({ status: 503 }));
    const deps = testDeps('/repo', env);
    const result = await webhookDriver({ url, secretEnv: 'HOOK_SECRET', retries: 4 }, deps).deploy(
      driverInput(),
    );
    expect(result).toEqual({
      ok: false,
      detail: `webhook failed after 5 attempt(s); last: ${url} answered 503`,
    });
    expect(requests).toHaveLength(5);
    expect(deps.delays).toEqual([750, 1500, 3000, 6000]);
  });

  it('fails at once on a 4xx', async () => {
    const { url, requests } = await serve(() => ({ status: 400, body: 'bad signature' }));
    const deps = testDeps('/repo', env);
    const result = await webhookDriver({ url, secretEnv: 'HOOK_SECRET' }, deps).deploy(driverInput());
    expect(result).toEqual({ ok: false, detail: `webhook ${url} answered 400: bad signature; not retried` });
    expect(requests).toHaveLength(1);
    expect(deps.delays).toEqual([]);
  });

  it('does not follow a redirect', async () => {
    const { url, requests } = await serve(() => ({ status: 302 }));
    const result = await webhookDriver({ url, secretEnv: 'HOOK_SECRET' }, testDeps('/repo', env)).deploy(
      driverInput(),
    );
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(
      /answered 302 \(a redirect .*configure the final URL in deploy\.url\); not retried$/,
    );
    expect(requests).toHaveLength(1);
  });

  it('times out a hanging receiver and retries', async () => {
    const { url, requests } = await serve((n) => (n === 0 ? 'hang' : { status: 204 }));
    const deps = testDeps('/repo', env);
    const input = driverInput();
    const result = await webhookDriver({ url, secretEnv: 'HOOK_SECRET', timeoutSeconds: 1 }, deps).deploy(
      input,
    );
    expect(result).toEqual({ ok: true, detail: `webhook ${url} answered 204 (attempt 2)` });
    expect(requests).toHaveLength(2);
    expect(input.lines[0]).toBe(`webhook attempt 1/4: ${url} did not answer within 1 s`);
    expect(deps.delays).toHaveLength(1);
  });

  it('retries when the receiver cannot be reached', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/hook`;
    const deps = testDeps('/repo', env);
    const input = driverInput();
    const result = await webhookDriver({ url: closed, secretEnv: 'HOOK_SECRET', retries: 1 }, deps).deploy(
      input,
    );
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(
      /after 2 attempt\(s\); last: .* could not be reached: fetch failed: .*ECONNREFUSED/,
    );
    expect(deps.delays).toHaveLength(1);
  });

  it('refuses to start without the secret, naming the variable', () => {
    const deps = testDeps('/repo', {});
    const make = (secretEnv?: string) =>
      createDriver(
        { driver: 'webhook', url: 'http://127.0.0.1:1/', ...(secretEnv ? { secretEnv } : {}) },
        deps,
      );
    expect(() => make('HOOK_SECRET')).toThrow(LockstepError);
    expect(() => make('HOOK_SECRET')).toThrow(/HOOK_SECRET .*not set or empty/);
    expect(() => make()).toThrow(
      new RegExp(`${DEFAULT_SECRET_ENV} .*or name another variable in deploy.secretEnv`),
    );
  });
});

/** A port nothing listens on: bound, read, released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
