import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from './server.js';
import type { RegisteredApp } from './state/apps-store.js';
import { exampleActions, examplePayload } from './webhook-examples.js';
import { ADJUSTED_EVENTS } from './webhook-payloads.js';
import { deliverWebhook } from './webhooks.js';

const quietLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** Captures deliveries instead of handling them, so the test sees the exact bytes and headers sent. */
interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
}

describe('deliverWebhook payloads, adjusted from every supported example', () => {
  let fake: FakeGitHub;
  let app: RegisteredApp;
  let sink: Server;
  let to: string;
  const captured: Captured[] = [];
  const ids = { pull: 0, issue: 0 };

  beforeAll(async () => {
    fake = await startFakeGitHub();
    fake.state.createRepo('acme', 'platform').git.commitFiles('main', { 'README.md': 'hi\n' }, 'initial');
    app = fake.registerApp({ slug: 'lockstep' });
    const owner = 'acme';
    const repo = 'platform';
    const alice = new Octokit({ baseUrl: fake.url, auth: fake.tokenFor('alice'), log: quietLog });
    const bob = new Octokit({ baseUrl: fake.url, auth: fake.tokenFor('bob'), log: quietLog });
    const main = fake.state.repo(owner, repo)?.git.branch('main') ?? '';
    await alice.rest.git.createRef({ owner, repo, ref: 'refs/heads/feature', sha: main });
    fake.state
      .repo(owner, repo)
      ?.git.commitFiles('feature', { 'a.txt': 'a\n', 'README.md': 'hey\n' }, 'Change');
    const { data: pr } = await alice.rest.pulls.create({
      owner,
      repo,
      head: 'feature',
      base: 'main',
      title: 'T',
    });
    ids.pull = pr.number;
    await bob.rest.pulls.createReview({ owner, repo, pull_number: pr.number, event: 'APPROVE' });
    await bob.rest.issues.createComment({ owner, repo, issue_number: pr.number, body: '/lockstep plan' });
    const { data: issue } = await alice.rest.issues.create({ owner, repo, title: 'An issue' });
    ids.issue = issue.number;
    await bob.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: 'on the issue' });
    const deployment = await alice.rest.repos.createDeployment({
      owner,
      repo,
      ref: 'main',
      environment: 'production',
      required_contexts: [],
    });
    const deploymentId = (deployment.data as { id: number }).id;
    await alice.rest.repos.createDeploymentStatus({
      owner,
      repo,
      deployment_id: deploymentId,
      state: 'failure',
    });
    await alice.rest.checks.create({ owner, repo, name: 'lockstep/policy', head_sha: pr.head.sha });
    sink = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        captured.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(202).end('ok');
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    to = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => sink.close(() => resolve()));
    try {
      fake.assertClean();
    } finally {
      await fake.close();
    }
  });

  const cases = ADJUSTED_EVENTS.flatMap((event) =>
    exampleActions(event).map((action) => [event, action] as const),
  );

  it.each(cases)('%s.%s keeps the example top-level keys and points at the fake', async (event, action) => {
    const delivery = await deliverWebhook(fake, {
      to,
      secret: 's3cret',
      event,
      ...(action ? { action } : {}),
      repo: { owner: 'acme', name: 'platform' },
      pull: ids.pull,
      ...(event === 'issue_comment' ? { issue: ids.issue } : {}),
    });
    expect(delivery.status).toBe(202);
    const example = examplePayload(event, event === 'repository_dispatch' ? undefined : action || undefined);
    const sent = JSON.parse(captured.at(-1)?.body ?? '{}') as Record<string, unknown>;
    expect(Object.keys(sent)).toEqual(expect.arrayContaining(Object.keys(example)));
    expect(sent).toEqual(delivery.payload);
    expect(sent.repository).toMatchObject({
      full_name: 'acme/platform',
      url: `${fake.url}/repos/acme/platform`,
    });
    expect(sent.installation).toMatchObject({ id: app.installationId });
    expect(JSON.stringify(sent)).not.toContain('api.github.com');
  });

  it('sends the objects of the fake: PR, review, comment, push commits, deployment, check run', async () => {
    const repo = fake.state.repo('acme', 'platform');
    const base = { to, secret: 's', repo: { owner: 'acme', name: 'platform' } };
    const review = await deliverWebhook(fake, {
      ...base,
      event: 'pull_request_review',
      action: 'submitted',
      pull: ids.pull,
    });
    expect(review.payload).toMatchObject({
      review: { state: 'APPROVED', user: { login: 'bob' }, commit_id: repo?.git.branch('feature') },
      pull_request: { number: ids.pull },
    });
    const push = await deliverWebhook(fake, { ...base, event: 'push', ref: 'refs/heads/feature' });
    expect(push.payload).toMatchObject({
      ref: 'refs/heads/feature',
      after: repo?.git.branch('feature'),
      before: repo?.git.branch('main'),
      head_commit: { message: 'Change', added: ['a.txt'], modified: ['README.md'] },
    });
    expect(push.payload.commits).toHaveLength(1);
    const status = await deliverWebhook(fake, { ...base, event: 'deployment_status', action: 'created' });
    expect(status.payload).toMatchObject({
      deployment: { environment: 'production', ref: 'main' },
      deployment_status: { state: 'failure' },
    });
    const check = await deliverWebhook(fake, { ...base, event: 'check_run', action: 'created' });
    expect(check.payload).toMatchObject({
      check_run: { name: 'lockstep/policy', pull_requests: [{ number: ids.pull }] },
    });
    const dispatch = await deliverWebhook(fake, {
      ...base,
      event: 'repository_dispatch',
      action: 'lockstep-catalog',
      clientPayload: { advisory: 'GHSA-1' },
    });
    expect(dispatch.payload).toMatchObject({
      action: 'lockstep-catalog',
      branch: 'main',
      client_payload: { advisory: 'GHSA-1' },
    });
  });

  it('signs the exact body bytes and sends Hookshot headers; a redelivery keeps its id', async () => {
    const first = await deliverWebhook(fake, {
      to,
      secret: 'topsecret',
      event: 'pull_request',
      action: 'opened',
      repo: { owner: 'acme', name: 'platform' },
      pull: ids.pull,
      payload: { pull_request: { title: 'Overridden' } },
    });
    const { headers, body } = captured.at(-1) as Captured;
    expect(headers['x-hub-signature-256']).toBe(
      `sha256=${createHmac('sha256', 'topsecret').update(body).digest('hex')}`,
    );
    expect(headers).toMatchObject({
      'x-github-event': 'pull_request',
      'x-github-delivery': first.deliveryId,
      'x-github-hook-id': '1',
      'content-type': 'application/json',
      'x-github-hook-installation-target-id': String(app.appId),
    });
    expect(headers['user-agent']).toMatch(/^GitHub-Hookshot\//);
    expect(first.deliveryId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(first.payload).toMatchObject({ pull_request: { title: 'Overridden', number: ids.pull } });

    await deliverWebhook(fake, {
      to,
      secret: 'topsecret',
      event: 'pull_request',
      action: 'opened',
      repo: { owner: 'acme', name: 'platform' },
      pull: ids.pull,
      deliveryId: first.deliveryId,
      badSignature: true,
    });
    const forged = captured.at(-1) as Captured;
    expect(forged.headers['x-github-delivery']).toBe(first.deliveryId);
    expect(forged.headers['x-hub-signature-256']).not.toBe(
      `sha256=${createHmac('sha256', 'topsecret').update(forged.body).digest('hex')}`,
    );
  });

  it('names the missing state or example instead of sending a made-up payload', async () => {
    const base = { to, secret: 's', repo: { owner: 'acme', name: 'platform' } };
    await expect(deliverWebhook(fake, { ...base, event: 'pull_request', action: 'opened' })).rejects.toThrow(
      /needs the `pull` number/,
    );
    await expect(
      deliverWebhook(fake, { ...base, event: 'pull_request', action: 'teleported', pull: 1 }),
    ).rejects.toThrow(/no "pull_request.teleported" example/);
  });
});
