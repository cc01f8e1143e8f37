import type { Octokit } from '@octokit/rest';
import type { ResolvedSettings } from '../src/core/load/load-repository.js';
import type { Validators } from '../src/core/load/schema-check.js';
import type { GitHubPort, RepoCoordinates } from '../src/github/github-port.js';
import { createGitHubPort } from '../src/github/octokit-port.js';
import { type ConfigReader, readBotSettings } from './settings.js';

/** Where the bot's log lines go (Probot's logger in production). */
export type BotLog = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

/** What every bot operation gets: GitHub for one repository, its settings, the clock and the sender. */
export interface BotContext {
  /** Probot's installation Octokit: retries and throttling on (the same plugins as the Action's). */
  octokit: Octokit;
  coordinates: RepoCoordinates;
  /** The domain port shared with the Action (src/github). */
  port: GitHubPort;
  /** The branch environments deploy from and branch protection freezes. */
  defaultBranch: string;
  settings: ResolvedSettings;
  validators: Validators;
  /** The event's time, from the injected clock: freeze windows and waivers are judged at it. */
  now: Date;
  /** Who caused the event (`sender.login`). */
  sender: string;
  log: BotLog;
}

/** What createBotContext reads from one delivery. */
export interface DeliveryFacts {
  octokit: Octokit;
  coordinates: RepoCoordinates;
  defaultBranch: string;
  sender: string;
  readConfig: ConfigReader;
  log: BotLog;
}

/** The app-wide dependencies, passed in once (no globals): validators and the clock. */
export interface BotDeps {
  validators: Validators;
  clock: () => Date;
}

/** Builds the context of one delivery; reads and checks the settings first (throws InputError). */
export async function createBotContext(facts: DeliveryFacts, deps: BotDeps): Promise<BotContext> {
  const settings = await readBotSettings(facts.readConfig, deps.validators);
  return {
    octokit: facts.octokit,
    coordinates: facts.coordinates,
    port: createGitHubPort(facts.octokit, facts.coordinates),
    defaultBranch: facts.defaultBranch,
    settings,
    validators: deps.validators,
    now: deps.clock(),
    sender: facts.sender,
    log: facts.log,
  };
}
