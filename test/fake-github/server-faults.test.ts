import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from './server.js';

describe('fake GitHub: fault injection', () => {
  let fake: FakeGitHub;
  let get: () => Promise<Response>;

  beforeEach(async () => {
    fake = await startFakeGitHub();
    fake.state.createRepo('acme', 'deploy');
    const headers = { authorization: `token ${fake.tokenFor('acme')}` };
    get = () => fetch(`${fake.url}/repos/acme/deploy`, { headers });
  });
  afterEach(async () => {
    try {
      fake.assertClean();
    } finally {
      await fake.close();
    }
  });

  it('fails an operation with 500 for the next N calls, then serves it again', async () => {
    fake.faults.inject({ operationId: 'repos/get', kind: 'status', status: 500, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get()).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect(fake.faults.pending()).toEqual([]);
    expect(fake.requests.map((r) => r.fault)).toEqual(['status', 'status', undefined]);
  });

  it('matches by method and path pattern', async () => {
    fake.faults.inject({ method: 'GET', path: /^\/repos\/acme\//, kind: 'status', status: 502 });
    const res = await get();
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ message: 'Server Error', status: '502' });
  });

  it('answers a secondary rate limit with 403, retry-after and GitHub message', async () => {
    fake.faults.inject({ operationId: 'repos/get', kind: 'secondary-rate-limit', retryAfter: 7 });
    const res = await get();
    expect(res.status).toBe(403);
    expect(res.headers.get('retry-after')).toBe('7');
    const body = (await res.json()) as { message: string };
    expect(body.message).toMatch(/^You have exceeded a secondary rate limit\. Please wait a few minutes/);
    expect(body.message).toContain(res.headers.get('x-github-request-id') ?? 'no id');
  });

  it('answers a primary rate limit with remaining 0 and a reset time', async () => {
    fake.faults.inject({
      operationId: 'repos/get',
      kind: 'primary-rate-limit',
      status: 429,
      resetInSeconds: 30,
    });
    const res = await get();
    expect(res.status).toBe(429);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(Date.now() / 1000 + 20);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /^API rate limit exceeded for user ID \d+\./,
    );
  });

  it('delays a request by the given time', async () => {
    fake.faults.inject({ operationId: 'repos/get', kind: 'delay', ms: 200 });
    const started = Date.now();
    const res = await get();
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('drops the connection', async () => {
    fake.faults.inject({ operationId: 'repos/get', kind: 'drop' });
    await expect(get()).rejects.toThrow(/fetch failed/);
    expect((await get()).status).toBe(200);
  });
});
