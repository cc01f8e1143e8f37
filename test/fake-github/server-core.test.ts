import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from './server.js';
import type { HandlerTable } from './types.js';

const gitRef = (base: string) => ({
  ref: 'refs/heads/feature',
  node_id: 'REF_1',
  url: `${base}/repos/acme/deploy/git/refs/heads/feature`,
  object: {
    type: 'commit',
    sha: 'a'.repeat(40),
    url: `${base}/repos/acme/deploy/git/commits/${'a'.repeat(40)}`,
  },
});

const handlers: HandlerTable = {
  'git/create-ref': (req) => ({ status: 201, body: gitRef(`http://${req.headers.host}`) }),
  'repos/get': () => ({ status: 200, body: { id: 'not a number' } }),
};

describe('fake GitHub: routing, validation, auth, headers', () => {
  let fake: FakeGitHub;
  let token: string;
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${fake.url}${path}`, {
      method,
      headers: { authorization: `token ${token}`, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeEach(async () => {
    fake = await startFakeGitHub({ handlers });
    token = fake.tokenFor('octocat');
  });
  afterEach(async () => {
    await fake.close();
  });

  it('answers an unknown path with GitHub 404 body and records it', async () => {
    const res = await call('GET', '/no/such/thing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    });
    expect(fake.problems.map((p) => p.kind)).toEqual(['rejected']);
    expect(() => fake.assertClean()).toThrow(/no operation has this path/);
  });

  it('answers a known path with a wrong method with 404', async () => {
    const res = await call('PATCH', '/repos/acme/deploy/git/refs');
    expect(res.status).toBe(404);
    expect(fake.clearProblems()[0]?.message).toMatch(
      /PATCH is not an operation of \/repos\/\{owner\}\/\{repo\}\/git\/refs/,
    );
  });

  it('rejects a body the description forbids with 422 before the handler runs', async () => {
    const res = await call('POST', '/repos/acme/deploy/git/refs', { ref: 'refs/heads/feature' });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      message: 'Invalid request.\n\n"sha" wasn\'t supplied.',
      documentation_url: 'https://docs.github.com/rest/git/refs#create-a-reference',
      status: '422',
    });
    const wrongType = await call('POST', '/repos/acme/deploy/git/refs', { ref: 'refs/heads/x', sha: 42 });
    expect(((await wrongType.json()) as { message: string }).message).toBe(
      "Invalid request.\n\nFor 'properties/sha', 42 is not a string.",
    );
    expect(fake.clearProblems().map((p) => p.kind)).toEqual(['rejected', 'rejected']);
  });

  it('passes a valid body to the handler and validates its response', async () => {
    const res = await call('POST', '/repos/acme/deploy/git/refs', {
      ref: 'refs/heads/feature',
      sha: 'a'.repeat(40),
    });
    expect(res.status).toBe(201);
    expect(fake.requests.at(-1)).toMatchObject({
      operationId: 'git/create-ref',
      status: 201,
      actor: 'octocat',
    });
    fake.assertClean();
  });

  it('records a handler response that breaks the description as a fake defect', async () => {
    const res = await call('GET', '/repos/acme/deploy');
    expect(res.status).toBe(200);
    expect(() => fake.assertClean()).toThrow(
      /invalid-response: GET \/repos\/acme\/deploy \(repos\/get\): .*must have required property 'archive_url'/,
    );
    fake.clearProblems();
  });

  it('records an operation without a handler as unimplemented and answers 404', async () => {
    const res = await call('GET', '/repos/acme/deploy/pulls');
    expect(res.status).toBe(404);
    expect(fake.clearProblems()).toMatchObject([{ kind: 'unimplemented', operationId: 'pulls/list' }]);
  });

  it('requires a token: 401 without one, and for an unknown one', async () => {
    const anonymous = await fetch(`${fake.url}/repos/acme/deploy`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { message: string }).message).toBe('Requires authentication');
    const bad = await call('GET', '/repos/acme/deploy', undefined, { authorization: 'Bearer nope' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ message: 'Bad credentials', status: '401' });
  });

  it('counts requests in the rate-limit headers', async () => {
    const first = await call('POST', '/repos/acme/deploy/git/refs', {
      ref: 'refs/heads/a',
      sha: 'a'.repeat(40),
    });
    const second = await call('POST', '/repos/acme/deploy/git/refs', {
      ref: 'refs/heads/b',
      sha: 'a'.repeat(40),
    });
    expect(first.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(second.headers.get('x-ratelimit-remaining')).toBe('4998');
    expect(second.headers.get('x-ratelimit-used')).toBe('2');
    expect(second.headers.get('x-ratelimit-resource')).toBe('core');
    expect(Number(second.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(second.headers.get('x-github-request-id')).not.toBe(first.headers.get('x-github-request-id'));
    expect(second.headers.get('x-github-api-version-selected')).toBe('2022-11-28');
  });

  it('answers 403 once the primary rate limit is used up', async () => {
    fake.rateLimits.setRemaining('octocat', 0);
    const res = await call('POST', '/repos/acme/deploy/git/refs', {
      ref: 'refs/heads/a',
      sha: 'a'.repeat(40),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(((await res.json()) as { message: string }).message).toMatch(
      /^API rate limit exceeded for user ID \d+\.$/,
    );
  });
});

describe('fake GitHub: repos/get and ETags with the default handlers', () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = await startFakeGitHub();
  });
  afterEach(async () => {
    try {
      fake.assertClean();
    } finally {
      await fake.close();
    }
  });

  it('serves a full repository that passes response validation, with an ETag and 304', async () => {
    fake.state.createRepo('acme', 'deploy');
    const headers = { authorization: `token ${fake.tokenFor('acme')}` };
    const res = await fetch(`${fake.url}/repos/acme/deploy`, { headers });
    expect(res.status).toBe(200);
    const repo = (await res.json()) as Record<string, unknown>;
    expect(repo).toMatchObject({
      full_name: 'acme/deploy',
      default_branch: 'main',
      private: false,
      permissions: { admin: true },
    });
    expect(repo.owner).toMatchObject({ login: 'acme', type: 'Organization', url: `${fake.url}/users/acme` });
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^W\/"[0-9a-f]+"$/);
    const again = await fetch(`${fake.url}/repos/acme/deploy`, {
      headers: { ...headers, 'if-none-match': etag ?? '' },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('answers 404 for a missing repository and for a private one the caller cannot see', async () => {
    fake.state.createRepo('acme', 'secret', { private: true });
    const headers = { authorization: `token ${fake.tokenFor('mallory')}` };
    for (const name of ['missing', 'secret']) {
      const res = await fetch(`${fake.url}/repos/acme/${name}`, { headers });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ message: 'Not Found', status: '404' });
    }
  });
});

describe('fake GitHub: handler tables', () => {
  it('names only operations GitHub describes', async () => {
    const { defaultHandlers } = await import('./handlers/index.js');
    const { loadGitHubSpec } = await import('./openapi/description.js');
    const { routes } = loadGitHubSpec();
    const unknown = Object.keys(defaultHandlers()).filter((id) => !routes.byOperationId(id));
    expect(unknown).toEqual([]);
  });
});
