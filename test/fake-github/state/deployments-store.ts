import { GitHubError, notFound } from '../types.js';
import type { RepoState } from './repo-state.js';

export type DeploymentState =
  | 'error'
  | 'failure'
  | 'inactive'
  | 'in_progress'
  | 'queued'
  | 'pending'
  | 'success';

/** One deployment status; a deployment's current state is its newest status. */
export interface DeploymentStatusRecord {
  id: number;
  state: DeploymentState;
  description: string;
  environment: string;
  targetUrl: string;
  logUrl: string;
  environmentUrl: string;
  creator: string;
  createdAt: Date;
}

/** One GitHub Deployment. */
export interface DeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  task: string;
  payload: Record<string, unknown> | string;
  environment: string;
  originalEnvironment: string;
  description: string | null;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  creator: string;
  createdAt: Date;
  updatedAt: Date;
  /** Oldest first. */
  statuses: DeploymentStatusRecord[];
}

/** Deployments and their statuses for one repository. */
export class DeploymentsStore {
  readonly repo: RepoState;
  /** Oldest first. */
  readonly deployments: DeploymentRecord[] = [];

  constructor(repo: RepoState) {
    this.repo = repo;
  }

  create(input: Omit<DeploymentRecord, 'id' | 'createdAt' | 'updatedAt' | 'statuses'>): DeploymentRecord {
    const now = this.repo.global.clock.now();
    const deployment: DeploymentRecord = {
      ...input,
      id: this.repo.global.nextId(),
      createdAt: now,
      updatedAt: now,
      statuses: [],
    };
    this.deployments.push(deployment);
    return deployment;
  }

  get(id: number): DeploymentRecord {
    const deployment = this.deployments.find((d) => d.id === id);
    if (!deployment) throw notFound();
    return deployment;
  }

  /** The newest status's state, or undefined before the first status. */
  stateOf(deployment: DeploymentRecord): DeploymentState | undefined {
    return deployment.statuses.at(-1)?.state;
  }

  /**
   * Adds a status. A success with autoInactive marks earlier deployments to the same environment
   * whose newest status is success as inactive, as GitHub's auto_inactive does.
   */
  addStatus(
    deployment: DeploymentRecord,
    input: Omit<DeploymentStatusRecord, 'id' | 'createdAt'>,
    autoInactive: boolean,
  ): DeploymentStatusRecord {
    const status = this.#push(deployment, input);
    if (input.environment !== deployment.environment) deployment.environment = input.environment;
    if (input.state === 'success' && autoInactive) {
      for (const other of this.deployments) {
        if (other === deployment || other.id > deployment.id || other.environment !== deployment.environment)
          continue;
        if (this.stateOf(other) !== 'success') continue;
        const last = other.statuses.at(-1);
        this.#push(other, {
          state: 'inactive',
          description: '',
          environment: other.environment,
          targetUrl: last?.targetUrl ?? '',
          logUrl: last?.logUrl ?? '',
          environmentUrl: last?.environmentUrl ?? '',
          creator: input.creator,
        });
      }
    }
    return status;
  }

  /**
   * Deletes a deployment. GitHub only deletes inactive deployments, unless it is the only deployment
   * in its environment.
   */
  delete(deployment: DeploymentRecord): void {
    const sameEnvironment = this.deployments.filter((d) => d.environment === deployment.environment);
    if (this.stateOf(deployment) !== 'inactive' && sameEnvironment.length > 1) {
      throw new GitHubError(
        422,
        'We cannot delete an active deployment unless it is the only deployment in a given environment.',
      );
    }
    this.deployments.splice(this.deployments.indexOf(deployment), 1);
  }

  #push(
    deployment: DeploymentRecord,
    input: Omit<DeploymentStatusRecord, 'id' | 'createdAt'>,
  ): DeploymentStatusRecord {
    const now = this.repo.global.clock.now();
    const status: DeploymentStatusRecord = { ...input, id: this.repo.global.nextId(), createdAt: now };
    deployment.statuses.push(status);
    deployment.updatedAt = now;
    return status;
  }
}
