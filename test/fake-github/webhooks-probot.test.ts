import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Octokit } from '@octokit/rest';
import { createNodeMiddleware, Probot, ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedRepository } from './seed.js';
import { type FakeGitHub, startFakeGitHub } from './server.js';
import type { RegisteredApp } from './state/apps-store.js';
import { deliverWebhook } from './webhooks.js';

const examples = fileURLToPath(new URL('../../examples', import.meta.url));
const SECRET = 'webhook-secret';
const quietLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A tiny app: greets opened pull requests, labels conversations that get a comment. */
function testApp(probot: Probot): void {
  probot.on('pull_request.opened', async (context) => {
    await context.octokit.rest.issues.createComment(
      context.issue({ body: `Thanks for #${context.payload.number}` }),
    );
  });
  probot.on('issue_comment.created', async (context) => {
    await context.octokit.rest.issues.addLabels(context.issue({ labels: ['seen'] }));
  });
}

describe('signed deliveries through Probot middleware, against the fake', () => {
  let fake: FakeGitHub;
  let app: RegisteredApp;
  let server: Server;
  let hookUrl: string;

  beforeEach(async () => {
    fake = await startFakeGitHub();
    seedRepository(fake.state, { owner: 'acme', name: 'platform', dir: examples });
    app = fake.registerApp({ slug: 'lockstep' });
    const probot = new Probot({
      appId: app.appId,
      privateKey: app.privateKey,
      secret: SECRET,
      logLevel: 'fatal',
      Octokit: ProbotOctokit.defaults((options: object) => ({
        ...options,
        baseUrl: fake.url,
        retry: { enabled: false },
        throttle: { enabled: false },
      })),
    });
    const middleware = await createNodeMiddleware(testApp, { probot, webhooksPath: '/api/github/webhooks' });
    server = createServer((req, res) => {
      void middleware(req, res, () => res.writeHead(404).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    try {
      fake.assertClean();
    } finally {
      await fake.close();
    }
  });

  /** Opens a PR as `alice` through the API, as a person would. */
  async function openPull(repo = 'platform', owner = 'acme'): Promise<number> {
    const alice = new Octokit({ baseUrl: fake.url, auth: fake.tokenFor('alice'), log: quietLog });
    const target = fake.state.repo(owner, repo);
    const main = target?.git.branch('main') ?? '';
    await alice.rest.git.createRef({ owner, repo, ref: 'refs/heads/feature', sha: main });
    target?.git.commitFiles('feature', { 'NOTES.md': 'a change\n' }, 'Add notes');
    const { data } = await alice.rest.pulls.create({
      owner,
      repo,
      head: 'feature',
      base: 'main',
      title: 'Notes',
    });
    return data.number;
  }

  const comments = (number: number, repo = 'platform') =>
    fake.state.repo('acme', repo)?.issues.commentsOn(number) ?? [];

  it('turns a signed pull_request.opened into a comment by <slug>[bot]', async () => {
    const number = await openPull();
    const delivery = await deliverWebhook(fake, {
      to: hookUrl,
      secret: SECRET,
      event: 'pull_request',
      action: 'opened',
      repo: { owner: 'acme', name: 'platform' },
      pull: number,
      sender: 'alice',
    });
    expect(delivery.status).toBe(200);
    expect(delivery.payload).toMatchObject({
      number,
      pull_request: { number, user: { login: 'alice' }, head: { ref: 'feature' }, base: { ref: 'main' } },
      installation: { id: app.installationId },
      sender: { login: 'alice' },
    });
    expect(comments(number).map((c) => [c.user, c.body])).toEqual([
      ['lockstep[bot]', `Thanks for #${number}`],
    ]);
    expect(fake.requests.map((r) => r.operationId)).toContain('apps/create-installation-access-token');
  });

  it('rejects a bad signature and changes nothing', async () => {
    const number = await openPull();
    const before = fake.requests.length;
    const delivery = await deliverWebhook(fake, {
      to: hookUrl,
      secret: SECRET,
      event: 'pull_request',
      action: 'opened',
      repo: { owner: 'acme', name: 'platform' },
      pull: number,
      badSignature: true,
    });
    expect([400, 401]).toContain(delivery.status);
    expect(fake.requests.length).toBe(before);
    expect(comments(number)).toEqual([]);
  });

  it('runs the handler again on redelivery of the same delivery id: idempotence is the app job', async () => {
    const number = await openPull();
    const options = {
      to: hookUrl,
      secret: SECRET,
      event: 'pull_request',
      action: 'opened',
      repo: { owner: 'acme', name: 'platform' },
      pull: number,
    };
    const first = await deliverWebhook(fake, options);
    const again = await deliverWebhook(fake, { ...options, deliveryId: first.deliveryId });
    expect(again.deliveryId).toBe(first.deliveryId);
    expect(again.status).toBe(200);
    // GitHub redelivers the same payload; Probot does not deduplicate, so this naive app comments twice.
    expect(comments(number)).toHaveLength(2);
  });

  it('labels a pull request on issue_comment.created', async () => {
    const number = await openPull();
    fake.state.repo('acme', 'platform')?.issues.addComment(number, 'alice', '/lockstep plan');
    const delivery = await deliverWebhook(fake, {
      to: hookUrl,
      secret: SECRET,
      event: 'issue_comment',
      action: 'created',
      repo: { owner: 'acme', name: 'platform' },
      pull: number,
      sender: 'alice',
    });
    expect(delivery.status).toBe(200);
    expect(delivery.payload).toMatchObject({
      issue: { number, pull_request: {} },
      comment: { body: '/lockstep plan' },
    });
    expect(
      fake.state
        .repo('acme', 'platform')
        ?.issues.labelsOf(number)
        .map((l) => l.name),
    ).toEqual(['seen']);
  });

  it('uses the token of the installation the delivery names', async () => {
    fake.state.createRepo('globex', 'deploy').git.commitFiles('main', { 'README.md': 'hi\n' }, 'initial');
    const second = fake.state.apps.install(app.appId, ['globex/deploy']);
    const number = await openPull('deploy', 'globex');
    const delivery = await deliverWebhook(fake, {
      to: hookUrl,
      secret: SECRET,
      event: 'pull_request',
      action: 'opened',
      repo: { owner: 'globex', name: 'deploy' },
      pull: number,
      installationId: second,
    });
    expect(delivery.status).toBe(200);
    expect(
      fake.state
        .repo('globex', 'deploy')
        ?.issues.commentsOn(number)
        .map((c) => c.user),
    ).toEqual(['lockstep[bot]']);
    const tokenCall = fake.requests.find((r) => r.operationId === 'apps/create-installation-access-token');
    expect(tokenCall?.path).toBe(`/app/installations/${second}/access_tokens`);
  });

  it('fails the delivery when the named installation cannot reach the repository', async () => {
    fake.state
      .createRepo('globex', 'deploy', { private: true })
      .git.commitFiles('main', { 'a.txt': 'a\n' }, 'init');
    const number = await openPull('deploy', 'globex');
    const delivery = await deliverWebhook(fake, {
      to: hookUrl,
      secret: SECRET,
      event: 'pull_request',
      action: 'opened',
      repo: { owner: 'globex', name: 'deploy' },
      pull: number,
      installationId: app.installationId,
    });
    // A handler that throws fails the delivery with the error's status (GitHub's 404 for the comment).
    expect(delivery.status).toBe(404);
    expect(fake.state.repo('globex', 'deploy')?.issues.commentsOn(number)).toEqual([]);
    expect(fake.requests.at(-1)).toMatchObject({ operationId: 'issues/create-comment', status: 404 });
  });
});
