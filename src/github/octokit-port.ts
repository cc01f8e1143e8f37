import type { Octokit } from '@octokit/rest';
import { listCommandFreezes } from './command-freeze.js';
import { createDeployTag, listDeployTags, type Tagger } from './deploy-tags.js';
import type {
  DeploymentInfo,
  GitHubPort,
  PullInfo,
  ReleaseInfo,
  RepoCoordinates,
  ReviewInfo,
} from './github-port.js';
import { statusOf } from './request-errors.js';
import { treeReader } from './tree-reader.js';
import { upsertRelease } from './upsert-release.js';

/** Options of createGitHubPort besides the repository. */
export interface GitHubPortOptions {
  /** The tagger of deploy tags; by default GitHub records the token's identity. */
  tagger?: Tagger;
}

/** How many deployments `deployments()` returns (each costs one call for its latest status). */
const DEFAULT_DEPLOYMENT_LIMIT = 5;

/**
 * GitHubPort over Octokit (the Action's createOctokit, or Probot's context.octokit), making the
 * fewest calls each operation allows; see each method for its count.
 */
export function createGitHubPort(
  octokit: Octokit,
  coordinates: RepoCoordinates,
  options: GitHubPortOptions = {},
): GitHubPort {
  const { owner, repo } = coordinates;
  return {
    coordinates: { owner, repo },

    readerAt: (ref) => treeReader(octokit, coordinates, ref),

    deployTags: (prefix, environment) => listDeployTags(octokit, coordinates, prefix, environment),

    createDeployTag: (input) => createDeployTag(octokit, coordinates, input, options.tagger),

    // One call lists `refs/lockstep/freeze/`, then one per freeze (usually none).
    commandFreezes: () => listCommandFreezes(octokit, coordinates),

    // One call: GitHub lists the PRs a commit belongs to, including the one it merged.
    async pullForCommit(sha) {
      const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
        owner,
        repo,
        commit_sha: sha,
        per_page: 100,
      });
      const pull =
        data.find((p) => p.merged_at !== null && p.merge_commit_sha === sha) ??
        (data.length === 1 ? data[0] : undefined);
      if (pull === undefined) return undefined;
      const info: PullInfo = {
        number: pull.number,
        author: pull.user?.login ?? '',
        headSha: pull.head.sha,
        merged: pull.merged_at !== null,
        mergeCommitSha: pull.merge_commit_sha ?? null,
      };
      return info;
    },

    // One call per 100 reviews.
    async reviews(pullNumber) {
      const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
        owner,
        repo,
        pull_number: pullNumber,
        per_page: 100,
      });
      return reviews
        .filter((r) => r.submitted_at !== undefined && r.commit_id !== null)
        .map(
          (r): ReviewInfo => ({
            user: r.user?.login ?? '',
            state: r.state as ReviewInfo['state'],
            commitId: r.commit_id ?? '',
            submittedAt: r.submitted_at ?? '',
          }),
        );
    },

    // One call per 100 members; an unknown team (or one the token cannot see) has no members.
    async teamMembers(org, slug) {
      try {
        const members = await octokit.paginate(octokit.rest.teams.listMembersInOrg, {
          org,
          team_slug: slug,
          per_page: 100,
        });
        return new Set(members.map((m) => m.login.toLowerCase()));
      } catch (error) {
        if (statusOf(error) === 404) return new Set<string>();
        throw error;
      }
    },

    // One call for the list, then (unless states: false) one per deployment for its latest status,
    // in parallel.
    async deployments(environment, { limit = DEFAULT_DEPLOYMENT_LIMIT, sha, states = true } = {}) {
      const { data } = await octokit.rest.repos.listDeployments({
        owner,
        repo,
        environment,
        ...(sha !== undefined ? { sha } : {}),
        per_page: limit,
      });
      return Promise.all(
        data.slice(0, limit).map(async (d): Promise<DeploymentInfo> => {
          const statuses = states
            ? (
                await octokit.rest.repos.listDeploymentStatuses({
                  owner,
                  repo,
                  deployment_id: d.id,
                  per_page: 1,
                })
              ).data
            : [];
          return {
            id: d.id,
            environment: d.environment,
            sha: d.sha,
            createdAt: d.created_at,
            state: statuses[0]?.state,
            payload: d.payload,
          };
        }),
      );
    },

    // One call. No required contexts: Lockstep's own policy gate has decided already.
    async createDeployment(input) {
      const payload = isRecord(input.payload) ? input.payload : JSON.stringify(input.payload ?? null);
      const { data } = await octokit.rest.repos.createDeployment({
        owner,
        repo,
        ref: input.sha,
        environment: input.environment,
        description: input.description,
        payload,
        auto_merge: false,
        required_contexts: [],
      });
      if (!('id' in data))
        throw new Error(
          `GitHub did not create the deployment of ${input.environment}: ${data.message ?? ''}`,
        );
      return data.id;
    },

    // One call.
    async setDeploymentStatus(id, input) {
      await octokit.rest.repos.createDeploymentStatus({
        owner,
        repo,
        deployment_id: id,
        state: input.state,
        description: truncate(input.description),
        ...(input.logUrl !== undefined ? { log_url: input.logUrl } : {}),
      });
    },

    // One call; per_page 1 keeps GitHub from listing the commits in between.
    async compareCommits(base, head) {
      const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
        owner,
        repo,
        basehead: `${base}...${head}`,
        per_page: 1,
      });
      return data.status;
    },

    upsertRelease: (input) => upsertRelease(octokit, coordinates, input),

    // One call per 100 releases, for the whole repository (cheaper than one read per deploy tag).
    async releases() {
      const list = await octokit.paginate(octokit.rest.repos.listReleases, { owner, repo, per_page: 100 });
      return list
        .filter((r) => !r.draft)
        .map(
          (r): ReleaseInfo => ({
            tag: r.tag_name,
            name: r.name ?? r.tag_name,
            url: r.html_url,
            assets: r.assets.map((a) => a.name),
          }),
        );
    },

    // One call.
    async setCommitStatus(sha, input) {
      await octokit.rest.repos.createCommitStatus({
        owner,
        repo,
        sha,
        context: input.context,
        state: input.state,
        description: truncate(input.description),
        ...(input.targetUrl !== undefined ? { target_url: input.targetUrl } : {}),
      });
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** GitHub refuses status descriptions over 140 characters. */
function truncate(text: string, max = 140): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
