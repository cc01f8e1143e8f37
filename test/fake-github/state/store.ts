import { AppsStore } from './apps-store.js';
import type { Clock } from './clock.js';
import { RepoState } from './repo-state.js';

/** A user or organization account known to the fake. */
export interface Account {
  login: string;
  id: number;
  type: 'User' | 'Organization' | 'Bot';
}

/**
 * Everything the fake GitHub knows, in memory. Repositories hold their own state (repo-state.ts);
 * accounts, teams and id counters are global like GitHub's.
 */
export class FakeState {
  readonly accounts = new Map<string, Account>();
  /** org -> team slug -> member logins. */
  readonly teams = new Map<string, Map<string, Set<string>>>();
  readonly repos = new Map<string, RepoState>();
  /** API token -> login; the server authenticates `Authorization: token X` / `Bearer X` with it. */
  readonly tokens = new Map<string, string>();
  /** GitHub Apps, their installations and installation tokens (the fake's app authentication). */
  readonly apps = new AppsStore(this);
  readonly clock: Clock;
  #nextId = 1000;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** A new unique numeric id (GitHub ids are global per kind; one counter keeps them unique). */
  nextId(): number {
    return this.#nextId++;
  }

  account(login: string, type: Account['type'] = 'User'): Account {
    let account = this.accounts.get(login.toLowerCase());
    if (!account) {
      account = { login, id: this.nextId(), type };
      this.accounts.set(login.toLowerCase(), account);
    }
    return account;
  }

  /** Creates an empty repository (no commits); seed.ts fills it. */
  createRepo(
    owner: string,
    name: string,
    options: { defaultBranch?: string; private?: boolean } = {},
  ): RepoState {
    const key = `${owner}/${name}`.toLowerCase();
    if (this.repos.has(key)) throw new Error(`repository ${owner}/${name} exists`);
    const repo = new RepoState(this, this.account(owner, 'Organization'), name, options);
    this.repos.set(key, repo);
    return repo;
  }

  /** The repository, or undefined (handlers turn that into GitHub's 404). */
  repo(owner: string, name: string): RepoState | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  /** Adds `login` to `org`'s team `slug`. */
  addTeamMember(org: string, slug: string, login: string): void {
    const teams = this.teams.get(org.toLowerCase()) ?? new Map<string, Set<string>>();
    this.teams.set(org.toLowerCase(), teams);
    const members = teams.get(slug) ?? new Set<string>();
    teams.set(slug, members);
    members.add(login);
    this.account(login);
  }
}
