import { Octokit } from '@octokit/rest';
import { ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from './server.js';

/** Octokit logs retries and throttling as warnings; the tests only assert on behaviour. */
const quietLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe('fake GitHub with real clients', () => {
  let fake: FakeGitHub;
  let token: string;

  beforeEach(async () => {
    fake = await startFakeGitHub();
    fake.state.createRepo('acme', 'deploy');
    token = fake.tokenFor('acme');
  });
  afterEach(async () => {
    try {
      fake.assertClean();
    } finally {
      await fake.close();
    }
  });

  const probot = (retry: boolean) =>
    new (ProbotOctokit.defaults((options: object) => ({
      ...options,
      baseUrl: fake.url,
      log: quietLog,
      // retryAfterBaseValue shrinks plugin-retry's back-off from seconds to milliseconds.
      retry: { enabled: retry, retryAfterBaseValue: 10 },
    })))({ auth: { token } });

  it('serves @octokit/rest, whose errors carry GitHub status and message', async () => {
    const octokit = new Octokit({ baseUrl: fake.url, auth: token, log: quietLog });
    const { data, headers } = await octokit.rest.repos.get({ owner: 'acme', repo: 'deploy' });
    expect(data.full_name).toBe('acme/deploy');
    expect(headers['x-ratelimit-remaining']).toBe('4999');
    await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'missing' })).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('Not Found'),
    });
  });

  it('lets Probot Octokit retry a 502 and converge', async () => {
    fake.faults.inject({ operationId: 'repos/get', kind: 'status', status: 502 });
    const { data } = await probot(true).rest.repos.get({ owner: 'acme', repo: 'deploy' });
    expect(data.name).toBe('deploy');
    expect(fake.requests.map((r) => r.status)).toEqual([502, 200]);
  });

  it('surfaces the 502 when retries are off', async () => {
    fake.faults.inject({ operationId: 'repos/get', kind: 'status', status: 502 });
    await expect(probot(false).rest.repos.get({ owner: 'acme', repo: 'deploy' })).rejects.toMatchObject({
      status: 502,
    });
  });

  it('waits out a secondary rate limit with retry-after under Probot throttling', async () => {
    fake.faults.inject({ operationId: 'repos/get', kind: 'secondary-rate-limit', retryAfter: 1 });
    const started = Date.now();
    const { data } = await probot(false).rest.repos.get({ owner: 'acme', repo: 'deploy' });
    expect(data.name).toBe('deploy');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(fake.requests.map((r) => r.status)).toEqual([403, 200]);
  });
});
