import { ChecksStore } from './checks-store.js';
import { DeploymentsStore } from './deployments-store.js';
import { GitStore } from './git-store.js';
import { IssuesStore } from './issues-store.js';
import { ProtectionStore } from './protection-store.js';
import { PullsStore } from './pulls-store.js';
import { ReleasesStore } from './releases-store.js';
import type { Account, FakeState } from './store.js';

/** A collaborator's permission, as GET /repos/{owner}/{repo}/collaborators/{username}/permission reports it. */
export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

/** One repository: its Git data and everything GitHub keeps about it. */
export class RepoState {
  readonly id: number;
  readonly owner: Account;
  readonly name: string;
  defaultBranch: string;
  readonly private: boolean;
  readonly git: GitStore;
  readonly pulls: PullsStore;
  readonly issues: IssuesStore;
  readonly checks: ChecksStore;
  readonly deployments: DeploymentsStore;
  readonly releases: ReleasesStore;
  readonly protection: ProtectionStore;
  /** login (lower-case) -> permission. The owner account is admin. */
  readonly collaborators = new Map<string, Permission>();
  readonly global: FakeState;
  /** Issues and pull requests share one number sequence, as on GitHub. */
  #nextNumber = 1;

  constructor(
    global: FakeState,
    owner: Account,
    name: string,
    options: { defaultBranch?: string; private?: boolean },
  ) {
    this.global = global;
    this.id = global.nextId();
    this.owner = owner;
    this.name = name;
    this.defaultBranch = options.defaultBranch ?? 'main';
    this.private = options.private ?? false;
    this.git = new GitStore(this);
    this.pulls = new PullsStore(this);
    this.issues = new IssuesStore(this);
    this.checks = new ChecksStore(this);
    this.deployments = new DeploymentsStore(this);
    this.releases = new ReleasesStore(this);
    this.protection = new ProtectionStore(this);
  }

  get fullName(): string {
    return `${this.owner.login}/${this.name}`;
  }

  nextNumber(): number {
    return this.#nextNumber++;
  }

  /** Gives `login` a permission on the repository, creating the account if needed. */
  addCollaborator(login: string, permission: Permission): void {
    this.global.account(login);
    this.collaborators.set(login.toLowerCase(), permission);
  }

  permission(login: string): Permission {
    if (login.toLowerCase() === this.owner.login.toLowerCase()) return 'admin';
    return this.collaborators.get(login.toLowerCase()) ?? 'none';
  }
}
