import { Octokit } from '@octokit/rest';
import type { GitHubPort } from '../../src/github/github-port.js';
import { createOctokit } from '../../src/github/octokit.js';
import { createGitHubPort } from '../../src/github/octokit-port.js';
import {
  type DeliverOptions,
  type Delivery,
  deliverWebhook,
  type FakeGitHub,
  FakeState,
  startFakeGitHub,
  steppingClock,
} from '../fake-github/index.js';
import { seedRepository } from '../fake-github/seed.js';
import type { RepoState } from '../fake-github/state/repo-state.js';
import { type BotServer, startBotServer, WEBHOOK_SECRET } from './bot-server.js';
import type { RepoRef } from './repo-ops.js';
import { Targets } from './targets.js';

/** The deployment repository the story plays in. */
export const DEMO_REPO: RepoRef = { owner: 'acme', repo: 'platform-deploy' };

/** The story's "now": early December 2026, before prod-eu's year-end freeze window (from 12-18). */
export const NOW = new Date('2026-12-02T09:00:00Z');

/** Who does what. Approvers come from examples/environments/*.yaml. */
export const PEOPLE = {
  /** Release engineer: opens changes, merges them. */
  engineer: 'dana',
  /** Listed by name in staging's approvers. */
  approver: 'alice',
  /** Member of @acme/release-managers (staging's and prod-eu's approvers). */
  manager: 'bob',
  /** Operations, member of @acme/sre: listed in staging's approvers and a commander. */
  sre: 'carol-ops',
  /** Security team: publishes advisories into the catalog. */
  secops: 'secops',
  /** The Lockstep GitHub App (bot/). */
  bot: 'lockstep[bot]',
  /** The deploy workflow's token, which the Action runs with. */
  action: 'github-actions[bot]',
} as const;

/** A running world: the fake GitHub with the repository, the bot behind its middleware, acme's targets. */
export interface Demo {
  fake: FakeGitHub;
  /** The repository's state in the fake (the demo reads it to narrate what GitHub shows). */
  repo: RepoState;
  bot: BotServer;
  targets: Targets;
  /** The Action's GitHub adapter, with the workflow token (retries on, no pause between writes). */
  actionPort: GitHubPort;
  /** An Octokit acting as `login`. */
  as(login: string): Octokit;
  /**
   * Delivers the signed webhook GitHub sends for `event`/`action` to the bot (sender: `sender`) and
   * throws unless the app answered 2xx (Probot answers 500 when a handler failed).
   */
  deliver(
    event: string,
    action: string | undefined,
    sender: string,
    more?: Partial<DeliverOptions>,
  ): Promise<Delivery>;
  close(): Promise<void>;
}

/** Starts the fake, seeds the repository from examples/, gives people access and starts the bot. */
export async function startDemo(examplesDir: string): Promise<Demo> {
  const state = new FakeState(steppingClock(NOW));
  const repo = seedRepository(state, {
    owner: DEMO_REPO.owner,
    name: DEMO_REPO.repo,
    dir: examplesDir,
    message: 'Import the acme deployment repository',
  });
  for (const login of [PEOPLE.engineer, PEOPLE.approver, PEOPLE.manager, PEOPLE.sre, PEOPLE.secops])
    repo.addCollaborator(login, 'write');
  repo.addCollaborator(PEOPLE.action, 'write');
  state.addTeamMember('acme', 'release-managers', PEOPLE.manager);
  state.addTeamMember('acme', 'sre', PEOPLE.sre);
  const fake = await startFakeGitHub({ state });
  const targets = new Targets();
  let bot: BotServer | undefined;
  try {
    bot = await startBotServer(fake, () => NOW);
    repo.addCollaborator(PEOPLE.bot, 'write');
    await targets.start();
  } catch (error) {
    await bot?.close();
    await fake.close();
    throw error;
  }
  const clients = new Map<string, Octokit>();
  const as = (login: string): Octokit => {
    let client = clients.get(login);
    if (!client) {
      client = new Octokit({ baseUrl: fake.url, auth: fake.tokenFor(login), log: quiet });
      clients.set(login, client);
    }
    return client;
  };
  const actionOctokit = createOctokit({
    token: fake.tokenFor(PEOPLE.action),
    baseUrl: fake.url,
    writeIntervalMs: 0,
    retryBaseMs: 10,
  });
  const hookUrl = bot.hookUrl;
  // Deterministic delivery ids (GitHub's are UUIDs), so that two runs print the same timeline.
  let deliveries = 0;
  return {
    fake,
    repo,
    bot,
    targets,
    actionPort: createGitHubPort(actionOctokit, DEMO_REPO),
    as,
    async deliver(event, action, sender, more = {}) {
      const delivery = await deliverWebhook(fake, {
        to: hookUrl,
        secret: WEBHOOK_SECRET,
        event,
        ...(action === undefined ? {} : { action }),
        repo: { owner: DEMO_REPO.owner, name: DEMO_REPO.repo },
        sender,
        deliveryId: `00000000-0000-4000-8000-${String(++deliveries).padStart(12, '0')}`,
        ...more,
      });
      if (delivery.status >= 300)
        throw new Error(
          `the bot answered ${delivery.status} to ${event}${action ? `.${action}` : ''}: ${delivery.body.slice(0, 300)}`,
        );
      return delivery;
    },
    async close() {
      await Promise.all([bot?.close(), targets.close()]);
      await fake.close();
    },
  };
}

/** Octokit logs 4xx answers it expects (404 on a missing file); the timeline is the demo's output. */
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
