import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOctokit } from '../../src/github/octokit.js';
import { type FakeGitHub, startFakeGitHub } from '../fake-github/index.js';

describe('createOctokit', () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = await startFakeGitHub();
    fake.state.createRepo('acme', 'deploy');
  });
  afterEach(async () => {
    try {
      fake.assertClean();
    } finally {
      await fake.close();
    }
  });

  const client = (retries?: number, log?: (level: string, message: string) => void) =>
    createOctokit({
      token: fake.tokenFor('acme'),
      baseUrl: fake.url,
      retryBaseMs: 10,
      writeIntervalMs: 0,
      ...(retries !== undefined ? { retries } : {}),
      ...(log ? { log } : {}),
    });

  it('waits out a primary rate limit until its reset', async () => {
    fake.faults.inject({ operationId: 'repos/get', kind: 'primary-rate-limit', resetInSeconds: 1 });
    const logs: string[] = [];
    const { data } = await client(3, (level, message) => logs.push(`${level}: ${message}`)).rest.repos.get({
      owner: 'acme',
      repo: 'deploy',
    });
    expect(data.name).toBe('deploy');
    expect(fake.requests.map((r) => r.status)).toEqual([403, 200]);
    expect(logs.some((l) => /^warn: GitHub primary rate limit on GET .*retry 1 of 3/.test(l))).toBe(true);
  });

  it('gives up on a rate limit when no retries are left, and never writes to the console', async () => {
    const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => {}),
    );
    fake.faults.inject({ operationId: 'repos/get', kind: 'secondary-rate-limit', retryAfter: 1 });
    await expect(client(0).rest.repos.get({ owner: 'acme', repo: 'deploy' })).rejects.toMatchObject({
      status: 403,
    });
    fake.faults.inject({ operationId: 'repos/get', kind: 'status', status: 500, times: 2 });
    const { status } = await client(2).rest.repos.get({ owner: 'acme', repo: 'deploy' });
    expect(status).toBe(200);
    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
});
