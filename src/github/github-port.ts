import type { RepoReader } from '../core/load/load-repository.js';
import type { CommandFreeze } from './command-freeze.js';

/** The repository the port talks to. */
export interface RepoCoordinates {
  owner: string;
  repo: string;
}

/** A deploy tag `deploy/<env>/<n>` with the digest its message records. */
export interface DeployTag {
  tag: string;
  environment: string;
  n: number;
  /** The deployed commit the tag points at. */
  commit: string;
  /** The `Lockstep-Digest` trailer of the tag message. */
  digest: string;
}

/** A pull request, as far as approvals need it. */
export interface PullInfo {
  number: number;
  author: string;
  headSha: string;
  merged: boolean;
  mergeCommitSha: string | null;
}

/** A submitted review. */
export interface ReviewInfo {
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  commitId: string;
  submittedAt: string;
}

/** A GitHub Deployment of one environment. */
export interface DeploymentInfo {
  id: number;
  environment: string;
  sha: string;
  createdAt: string;
  /** The latest status, if any. */
  state: string | undefined;
  payload: unknown;
}

/** A published release, as the report lists it. */
export interface ReleaseInfo {
  tag: string;
  name: string;
  /** Its page on GitHub. */
  url: string;
  /** Names of its attached files. */
  assets: string[];
}

/** A file attached to a release. */
export interface ReleaseAsset {
  name: string;
  contentType: string;
  content: string;
}

/**
 * What Lockstep asks of GitHub, in its own words (STYLE 4): one port shared by the Action and the bot,
 * implemented over Octokit by octokit-port.ts and in tests by the fake GitHub behind it. Every
 * write is idempotent, so a rerun after a failure converges instead of duplicating.
 */
export interface GitHubPort {
  readonly coordinates: RepoCoordinates;
  /** The repository's files at a ref (commit sha, branch or tag), for the core's loader. */
  readerAt(ref: string): RepoReader;
  /** The deploy tags of an environment, oldest first (tags without a digest trailer are skipped). */
  deployTags(prefix: string, environment: string): Promise<DeployTag[]>;
  /** Creates the annotated tag and its ref on `commit`; an existing identical tag is kept (created: false). */
  createDeployTag(input: { tag: string; commit: string; message: string }): Promise<{ created: boolean }>;
  /** The pull request whose merge brought `sha` to the default branch, if any. */
  pullForCommit(sha: string): Promise<PullInfo | undefined>;
  /** All submitted reviews of a pull request, oldest first. */
  reviews(pullNumber: number): Promise<ReviewInfo[]>;
  /** Members of `org`'s team `slug` (lower-case logins). */
  teamMembers(org: string, slug: string): Promise<Set<string>>;
  /**
   * Deployments of an environment, newest first; the latest `limit` (default 5) of them, only those
   * of commit `sha` when given. `states: false` skips reading each one's latest status (`state` is
   * then undefined), for callers that only need ids and order.
   */
  deployments(
    environment: string,
    options?: { limit?: number; sha?: string; states?: boolean },
  ): Promise<DeploymentInfo[]>;
  /**
   * How `head` relates to `base`: `behind` means head is an ancestor of base (an older commit),
   * `ahead` a descendant, `diverged` neither.
   */
  compareCommits(base: string, head: string): Promise<'ahead' | 'behind' | 'identical' | 'diverged'>;
  /** Creates a Deployment (no required contexts: Lockstep's own policy gate decides). */
  createDeployment(input: {
    environment: string;
    sha: string;
    payload: unknown;
    description: string;
  }): Promise<number>;
  /** Adds a status to a Deployment. */
  setDeploymentStatus(
    id: number,
    input: {
      state: 'in_progress' | 'success' | 'failure' | 'error' | 'inactive';
      description: string;
      logUrl?: string;
    },
  ): Promise<void>;
  /** Creates the release of `tag`, or updates it when it exists; missing assets are uploaded. */
  upsertRelease(input: {
    tag: string;
    name: string;
    body: string;
    assets: readonly ReleaseAsset[];
  }): Promise<{ id: number; url: string; created: boolean }>;
  /** Every published release (drafts excluded), newest first. */
  releases(): Promise<ReleaseInfo[]>;
  /** The bot's `/lockstep freeze` records in force, by environment (ADR 0010). */
  commandFreezes(): Promise<Map<string, CommandFreeze>>;
  /** Sets a commit status. */
  setCommitStatus(
    sha: string,
    input: {
      context: string;
      state: 'pending' | 'success' | 'failure' | 'error';
      description: string;
      targetUrl?: string;
    },
  ): Promise<void>;
}
