import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import type { Account, FakeState } from './store.js';

/** Permissions as GitHub lists them on apps, installations and installation tokens. */
export type AppPermissions = Record<string, 'read' | 'write' | 'admin'>;

/** A GitHub App the fake knows: it verifies the app's JWTs with `publicKey`. */
export interface AppRecord {
  id: number;
  slug: string;
  name: string;
  owner: Account;
  /** The `<slug>[bot]` account installation tokens act as. */
  bot: Account;
  publicKey: KeyObject;
  permissions: AppPermissions;
  events: string[];
  createdAt: Date;
}

/** One installation of an app on an account, covering some of its repositories. */
export interface InstallationRecord {
  id: number;
  appId: number;
  account: Account;
  /** Lower-case full names (owner/name) the installation may access. */
  repositories: Set<string>;
  createdAt: Date;
}

/** An issued installation access token. */
export interface InstallationToken {
  installationId: number;
  expiresAt: Date;
}

/** What registerApp returns: everything a Probot instance needs to authenticate as the app. */
export interface RegisteredApp {
  appId: number;
  slug: string;
  /** PKCS#1 PEM ("BEGIN RSA PRIVATE KEY"), the form GitHub's "Generate a private key" downloads. */
  privateKey: string;
  installationId: number;
  /** The login installation tokens act as, e.g. `lockstep[bot]`. */
  botLogin: string;
}

/** The permissions an app gets when the test names none: what the Lockstep bot asks for (app.yml). */
const DEFAULT_PERMISSIONS: AppPermissions = {
  administration: 'write',
  checks: 'write',
  contents: 'write',
  deployments: 'read',
  issues: 'write',
  members: 'read',
  metadata: 'read',
  pull_requests: 'write',
  statuses: 'read',
};

/** The events it subscribes to (app.yml). */
const DEFAULT_EVENTS = [
  'check_suite',
  'deployment_status',
  'issue_comment',
  'pull_request',
  'pull_request_review',
  'push',
  'repository_dispatch',
  'status',
];

/** Installation access tokens live an hour on GitHub. */
const TOKEN_LIFETIME_MS = 60 * 60 * 1000;

/** GitHub Apps, their installations and installation access tokens. */
export class AppsStore {
  readonly global: FakeState;
  readonly apps = new Map<number, AppRecord>();
  readonly installations = new Map<number, InstallationRecord>();
  readonly tokens = new Map<string, InstallationToken>();

  constructor(global: FakeState) {
    this.global = global;
  }

  /**
   * Creates an app with a fresh RSA key and installs it on `repositories` (default: every repository
   * the fake has now), owned by the first repository's owner.
   */
  register(options: {
    slug: string;
    name?: string;
    repositories?: readonly string[];
    permissions?: AppPermissions;
  }): RegisteredApp {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const repositories = options.repositories ?? [...this.global.repos.values()].map((r) => r.fullName);
    const ownerLogin = repositories[0]?.split('/')[0] ?? options.slug;
    const app: AppRecord = {
      id: this.global.nextId(),
      slug: options.slug,
      name: options.name ?? options.slug,
      owner: this.global.account(ownerLogin, 'Organization'),
      bot: this.global.account(`${options.slug}[bot]`, 'Bot'),
      publicKey,
      permissions: options.permissions ?? DEFAULT_PERMISSIONS,
      events: DEFAULT_EVENTS,
      createdAt: this.global.clock.now(),
    };
    this.apps.set(app.id, app);
    const installationId = this.install(app.id, repositories);
    return {
      appId: app.id,
      slug: app.slug,
      privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      installationId,
      botLogin: app.bot.login,
    };
  }

  /** Installs app `appId` on `repositories` (full names of one owner); returns the installation id. */
  install(appId: number, repositories: readonly string[]): number {
    if (!this.apps.has(appId)) throw new Error(`no app ${appId}`);
    const owner = repositories[0]?.split('/')[0];
    if (!owner) throw new Error('an installation needs at least one repository');
    if (repositories.some((r) => r.split('/')[0]?.toLowerCase() !== owner.toLowerCase()))
      throw new Error(`an installation covers one account's repositories: ${repositories.join(', ')}`);
    const installation: InstallationRecord = {
      id: this.global.nextId(),
      appId,
      account: this.global.account(owner),
      repositories: new Set(repositories.map((r) => r.toLowerCase())),
      createdAt: this.global.clock.now(),
    };
    this.installations.set(installation.id, installation);
    return installation.id;
  }

  /** The installation of `appId` that covers `fullName`, if any. */
  installationOn(appId: number, fullName: string): InstallationRecord | undefined {
    return [...this.installations.values()].find(
      (i) => i.appId === appId && i.repositories.has(fullName.toLowerCase()),
    );
  }

  appOf(installation: InstallationRecord): AppRecord {
    const app = this.apps.get(installation.appId);
    if (!app) throw new Error(`installation ${installation.id} has no app`);
    return app;
  }

  /** A new installation access token, also registered as an API token of the app's bot account. */
  issueToken(installation: InstallationRecord, now: Date): { token: string; expiresAt: Date } {
    const token = `ghs_${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x').slice(0, 36)}`;
    const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS);
    this.tokens.set(token, { installationId: installation.id, expiresAt });
    this.global.tokens.set(token, this.appOf(installation).bot.login);
    return { token, expiresAt };
  }

  /** The app whose slug is `login`; JWT-authenticated requests carry the slug as their actor. */
  bySlug(login: string): AppRecord | undefined {
    return [...this.apps.values()].find((a) => a.slug === login);
  }
}
