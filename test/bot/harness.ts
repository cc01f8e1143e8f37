import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Octokit as CoreOctokit } from '@octokit/core';
import { Octokit } from '@octokit/rest';
import { createNodeMiddleware, Probot, ProbotOctokit } from 'probot';
import { lockstepApp } from '../../bot/app.js';
import type { Manifest } from '../../src/core/generated/schema-types.js';
import { pacedWrites } from '../../src/github/octokit.js';
import { createGitHubPort } from '../../src/github/octokit-port.js';
import {
  type DeliverOptions,
  type Delivery,
  deliverWebhook,
  type FakeGitHub,
  FakeState,
  type RegisteredApp,
  seedRepository,
  startFakeGitHub,
  steppingClock,
} from '../fake-github/index.js';
import type { RepoState } from '../fake-github/state/repo-state.js';
import { ApiMeter } from './api-meter.js';

export { ApiMeter };

export const EXAMPLES = fileURLToPath(new URL('../../examples', import.meta.url));
/** The webhook secret the harness signs deliveries with. */
export const SECRET = 'lockstep-webhook-secret';
/** The repository every bot test plays in. */
export const REPO = { owner: 'acme', repo: 'platform' } as const;
/** The bot's "now" unless a test says otherwise: before prod-eu's year-end freeze window. */
export const NOW = new Date('2026-12-02T09:00:00Z');

/**
 * Who is who. alice and carol-ops are listed approvers of staging; bob is in @acme/release-managers
 * and carol-ops in @acme/sre (prod-eu's approvers); dana opens changes; mallory can only read; erin
 * has no access at all.
 */
export const PEOPLE = {
  engineer: 'dana',
  approver: 'alice',
  manager: 'bob',
  sre: 'carol-ops',
  secops: 'secops',
  reader: 'mallory',
  stranger: 'erin',
  bot: 'lockstep[bot]',
  action: 'github-actions[bot]',
} as const;

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** Options of startBot. */
export interface BotHarnessOptions {
  /** The bot's clock (default: NOW, fixed). */
  clock?: () => Date;
  /** Files over examples/ in the seeded commit (null deletes), e.g. a different .github/lockstep.yml. */
  files?: Record<string, string | null>;
  /**
   * Probot's retry and throttling plugins on, with GitHub's retry-after honoured but scaled to
   * milliseconds (fault tests). Off by default so that a failing request fails the delivery at once.
   */
  resilient?: boolean;
}

/** A running bot: the fake GitHub, the Probot app behind its real middleware, and helpers to act. */
export interface BotHarness {
  fake: FakeGitHub;
  app: RegisteredApp;
  /** The Probot instance behind the middleware (the tick authenticates through it). */
  probot: Probot;
  /** The bot's API calls and round trips (installation and app requests; not the test's own). */
  meter: ApiMeter;
  /** The clock the app was given. */
  clock: () => Date;
  /** The repository's state in the fake. */
  repo: RepoState;
  hookUrl: string;
  /** Delivers a signed webhook for the test repository (sender defaults to dana). */
  deliver(event: string, action: string | undefined, options?: Partial<DeliverOptions>): Promise<Delivery>;
  /** An Octokit acting as `login`. */
  as(login: string): Octokit;
  /** Commits `files` on `branch` (created from main when new) directly in the fake; returns the sha. */
  commit(branch: string, files: Record<string, string | null>, message?: string): string;
  /**
   * Opens a pull request from a new branch with `files` as `author` (through the API, as a person
   * would), and delivers `pull_request.opened` unless `deliver: false`.
   */
  openPull(
    author: string,
    files: Record<string, string | null>,
    options?: { title?: string; branch?: string; deliver?: boolean },
  ): Promise<{ number: number; headSha: string; delivery?: Delivery }>;
  /** Submits a review as `login` on the PR's current head and delivers `pull_request_review.submitted`. */
  review(login: string, number: number, event?: 'APPROVE' | 'REQUEST_CHANGES' | 'COMMENT'): Promise<Delivery>;
  /** Writes a comment as `login` and delivers `issue_comment.created`. */
  comment(login: string, number: number, body: string): Promise<Delivery>;
  /**
   * Records a deploy of `env` at `commit` (default main's head) as the Action does: the annotated tag
   * `deploy/<env>/<n>` with the digest trailer and a release with the manifest attached.
   */
  recordDeploy(env: string, commit?: string): Promise<{ tag: string; digest: string }>;
  /** File text at a ref of the repository. */
  read(ref: string, path: string): string | undefined;
  /** The requests made since `mark` (a count of requests), by operationId. */
  requestsSince(mark: number): string[];
  close(): Promise<void>;
}

/** Starts the fake GitHub with acme/platform seeded from examples/, and the Lockstep app on Probot. */
export async function startBot(options: BotHarnessOptions = {}): Promise<BotHarness> {
  const state = new FakeState(steppingClock(NOW));
  const repo = seedRepository(state, {
    owner: REPO.owner,
    name: REPO.repo,
    dir: EXAMPLES,
    message: 'Import the acme deployment repository',
  });
  if (options.files) repo.git.commitFiles('main', options.files, 'Adjust the repository for this test');
  for (const login of [PEOPLE.engineer, PEOPLE.approver, PEOPLE.manager, PEOPLE.sre, PEOPLE.secops])
    repo.addCollaborator(login, 'write');
  repo.addCollaborator(PEOPLE.reader, 'read');
  repo.addCollaborator(PEOPLE.action, 'write');
  state.account(PEOPLE.stranger);
  state.addTeamMember('acme', 'release-managers', PEOPLE.manager);
  state.addTeamMember('acme', 'sre', PEOPLE.sre);
  const fake = await startFakeGitHub({ state });
  const app = fake.registerApp({ slug: 'lockstep' });
  repo.addCollaborator(PEOPLE.bot, 'write');

  const resilient = options.resilient ?? false;
  const meter = new ApiMeter();
  const Metered = ProbotOctokit.plugin((octokit: CoreOctokit) => {
    octokit.hook.wrap('request', (request, opts) =>
      meter.track(`${opts.method} ${opts.url}`, async () => request(opts)),
    );
    return {};
  });
  const probot = new Probot({
    appId: app.appId,
    privateKey: app.privateKey,
    secret: SECRET,
    logLevel: 'fatal',
    Octokit: Metered.defaults((o: object) => ({
      ...o,
      baseUrl: fake.url,
      retry: resilient ? { enabled: true, retryAfterBaseValue: 1 } : { enabled: false },
      throttle: resilient
        ? {
            enabled: true,
            // Wait the fake's retry-after in milliseconds instead of seconds, and never between writes.
            onRateLimit: (_after: number, _opts: unknown, _o: unknown, count: number) => count < 3,
            onSecondaryRateLimit: (_after: number, _opts: unknown, _o: unknown, count: number) => count < 3,
            fallbackSecondaryRateRetryAfter: 0,
            retryAfterBaseValue: 1,
            // No pause between writes (GitHub's advice, 1 s and 3 s, is for production, not tests).
            write: pacedWrites(0),
            notifications: pacedWrites(0),
          }
        : { enabled: false },
    })),
  });
  const middleware = await createNodeMiddleware(lockstepApp({ clock: options.clock ?? (() => NOW) }), {
    probot,
    webhooksPath: '/api/github/webhooks',
  });
  const server: Server = createServer((req, res) => {
    void middleware(req, res, () => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;

  const clients = new Map<string, Octokit>();
  const as = (login: string): Octokit => {
    let client = clients.get(login);
    if (!client) {
      client = new Octokit({ baseUrl: fake.url, auth: fake.tokenFor(login), log: quiet });
      clients.set(login, client);
    }
    return client;
  };
  const deliver = (event: string, action: string | undefined, more: Partial<DeliverOptions> = {}) =>
    deliverWebhook(fake, {
      to: hookUrl,
      secret: SECRET,
      event,
      ...(action === undefined ? {} : { action }),
      repo: { owner: REPO.owner, name: REPO.repo },
      sender: PEOPLE.engineer,
      ...more,
    });
  const tagCounts = new Map<string, number>();

  return {
    fake,
    app,
    probot,
    meter,
    clock: options.clock ?? (() => NOW),
    repo,
    hookUrl,
    deliver,
    as,
    commit(branch, files, message = 'Change') {
      if (!repo.git.branch(branch)) repo.git.refs.set(`refs/heads/${branch}`, repo.git.branch('main') ?? '');
      return repo.git.commitFiles(branch, files, message);
    },
    async openPull(author, files, opts = {}) {
      const branch = opts.branch ?? `change-${repo.pulls.list().length + 1}`;
      const main = repo.git.branch('main') ?? '';
      await as(author).rest.git.createRef({ ...REPO, ref: `refs/heads/${branch}`, sha: main });
      const headSha = repo.git.commitFiles(branch, files, opts.title ?? 'Change');
      const { data } = await as(author).rest.pulls.create({
        ...REPO,
        head: branch,
        base: 'main',
        title: opts.title ?? 'Change',
      });
      const delivery =
        opts.deliver === false
          ? undefined
          : await deliver('pull_request', 'opened', { pull: data.number, sender: author });
      return { number: data.number, headSha, ...(delivery ? { delivery } : {}) };
    },
    async review(login, number, event = 'APPROVE') {
      const { data: pull } = await as(login).rest.pulls.get({ ...REPO, pull_number: number });
      await as(login).rest.pulls.createReview({
        ...REPO,
        pull_number: number,
        commit_id: pull.head.sha,
        event,
      });
      return deliver('pull_request_review', 'submitted', { pull: number, sender: login });
    },
    async comment(login, number, body) {
      await as(login).rest.issues.createComment({ ...REPO, issue_number: number, body });
      return deliver('issue_comment', 'created', { pull: number, issue: number, sender: login });
    },
    async recordDeploy(env, commit) {
      const sha = commit ?? repo.git.branch('main') ?? '';
      const text = repo.git.readFile(sha, `environments/${env}.manifest.json`);
      if (text === undefined) throw new Error(`recordDeploy: no manifest of ${env} at ${sha}`);
      const manifest = JSON.parse(text) as Manifest;
      const existing = [...repo.git.refs.keys()].filter((r) =>
        r.startsWith(`refs/tags/deploy/${env}/`),
      ).length;
      const n = Math.max(existing, tagCounts.get(env) ?? 0) + 1;
      tagCounts.set(env, n);
      const tag = `deploy/${env}/${n}`;
      const port = createGitHubPort(as(PEOPLE.action), REPO);
      await port.createDeployTag({
        tag,
        commit: sha,
        message: `Deploy ${env} #${n}\n\nLockstep-Digest: ${manifest.digest}`,
      });
      await port.upsertRelease({
        tag,
        name: `${env} #${n}`,
        body: `Deployed from \`${sha}\`.\n\nLockstep-Digest: \`${manifest.digest}\`\n`,
        assets: [{ name: `${env}.manifest.json`, contentType: 'application/json', content: text }],
      });
      return { tag, digest: manifest.digest };
    },
    read: (ref, path) => repo.git.readFile(ref, path),
    requestsSince: (mark) => fake.requests.slice(mark).map((r) => r.operationId ?? `${r.method} ${r.path}`),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      try {
        fake.assertClean();
      } finally {
        await fake.close();
      }
    },
  };
}
