import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { Octokit } from '@octokit/rest';
import { ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JWT_MESSAGES } from './app-auth.js';
import { type FakeGitHub, startFakeGitHub } from './server.js';
import type { RegisteredApp } from './state/apps-store.js';

const quietLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** An RS256 JWT as @octokit/auth-app makes one, with the claims a test chooses. */
function jwt(privateKey: string, claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}`;
  const signature = sign('RSA-SHA256', Buffer.from(unsigned), createPrivateKey(privateKey));
  return `${unsigned}.${signature.toString('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);

describe('GitHub App authentication in the fake', () => {
  let fake: FakeGitHub;
  let app: RegisteredApp;

  beforeEach(async () => {
    fake = await startFakeGitHub();
    fake.state.createRepo('acme', 'platform').git.commitFiles('main', { 'README.md': 'hi\n' }, 'initial');
    app = fake.registerApp({ slug: 'lockstep' });
  });
  afterEach(async () => {
    try {
      fake.assertClean();
    } finally {
      await fake.close();
    }
  });

  const asApp = (token: string) => new Octokit({ baseUrl: fake.url, auth: token, log: quietLog });
  const validJwt = () => jwt(app.privateKey, { iat: now() - 30, exp: now() + 570, iss: app.appId });

  it('answers GET /app, the repo installation and an installation token for a valid JWT', async () => {
    const octokit = asApp(validJwt());
    const { data: integration } = await octokit.rest.apps.getAuthenticated();
    expect(integration).toMatchObject({ id: app.appId, slug: 'lockstep', installations_count: 1 });
    const { data: installation } = await octokit.rest.apps.getRepoInstallation({
      owner: 'acme',
      repo: 'platform',
    });
    expect(installation).toMatchObject({
      id: app.installationId,
      app_id: app.appId,
      account: { login: 'acme' },
    });
    const created = await octokit.rest.apps.createInstallationAccessToken({
      installation_id: app.installationId,
    });
    expect(created.status).toBe(201);
    expect(created.data.token).toMatch(/^ghs_/);
    expect(Date.parse(created.data.expires_at)).toBeGreaterThan(0);
    const { data: repo } = await asApp(created.data.token).rest.repos.get({
      owner: 'acme',
      repo: 'platform',
    });
    expect(repo.full_name).toBe('acme/platform');
    expect(fake.requests.at(-1)?.actor).toBe('lockstep[bot]');
  });

  it.each([
    ['expired', { iat: now() - 1200, exp: now() - 600 }, JWT_MESSAGES.expired],
    ['too long-lived', { iat: now(), exp: now() + 3600 }, JWT_MESSAGES.tooFarAhead],
    ['issued in the future', { iat: now() + 600, exp: now() + 900 }, JWT_MESSAGES.issuedInFuture],
  ])('refuses a JWT that is %s with GitHub 401 message', async (_name, times, message) => {
    const token = jwt(app.privateKey, { ...times, iss: app.appId });
    await expect(asApp(token).rest.apps.getAuthenticated()).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining(message),
    });
  });

  it('refuses a JWT signed with another key or naming another app as undecodable', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs1',
      format: 'pem',
    });
    for (const token of [
      jwt(other.toString(), { iat: now() - 30, exp: now() + 570, iss: app.appId }),
      jwt(app.privateKey, { iat: now() - 30, exp: now() + 570, iss: app.appId + 999 }),
      'a.b.c',
    ]) {
      await expect(asApp(token).rest.apps.getAuthenticated()).rejects.toMatchObject({
        status: 401,
        message: expect.stringContaining(JWT_MESSAGES.undecodable),
      });
    }
  });

  it('keeps JWTs to app routes and installation tokens away from them', async () => {
    await expect(asApp(validJwt()).rest.repos.get({ owner: 'acme', repo: 'platform' })).rejects.toMatchObject(
      {
        status: 403,
      },
    );
    const { data } = await asApp(validJwt()).rest.apps.createInstallationAccessToken({
      installation_id: app.installationId,
    });
    await expect(asApp(data.token).rest.apps.getAuthenticated()).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining(JWT_MESSAGES.undecodable),
    });
    await expect(
      asApp(validJwt()).rest.apps.createInstallationAccessToken({ installation_id: 999_999 }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('scopes an installation token to its installation repositories', async () => {
    fake.state.createRepo('other', 'private-repo', { private: true });
    fake.state.createRepo('other', 'public-repo');
    const { data } = await asApp(validJwt()).rest.apps.createInstallationAccessToken({
      installation_id: app.installationId,
    });
    const bot = asApp(data.token);
    await expect(bot.rest.repos.get({ owner: 'other', repo: 'private-repo' })).rejects.toMatchObject({
      status: 404,
    });
    await expect(bot.rest.repos.get({ owner: 'other', repo: 'public-repo' })).resolves.toMatchObject({
      status: 200,
    });
    await expect(
      bot.rest.issues.create({ owner: 'other', repo: 'public-repo', title: 'x' }),
    ).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration'),
    });
  });

  it('authenticates ProbotOctokit as an installation: comments are by <slug>[bot]', async () => {
    const Octo = ProbotOctokit.defaults((options: object) => ({
      ...options,
      baseUrl: fake.url,
      log: quietLog,
      retry: { enabled: false },
      throttle: { enabled: false },
    }));
    const octokit = new Octo({
      auth: { appId: app.appId, privateKey: app.privateKey, installationId: app.installationId },
    });
    const { data: issue } = await octokit.rest.issues.create({
      owner: 'acme',
      repo: 'platform',
      title: 'hello',
    });
    expect(issue.user?.login).toBe('lockstep[bot]');
    expect(fake.requests.map((r) => r.operationId)).toEqual([
      'apps/create-installation-access-token',
      'issues/create',
    ]);
  });
});
