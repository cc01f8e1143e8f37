import { HTML_BASE, nodeId } from '../github-objects.js';
import { githubTime } from '../state/clock.js';
import type { PullRecord } from '../state/pulls-store.js';
import type { RepoState } from '../state/repo-state.js';
import type { FakeState } from '../state/store.js';
import {
  type AutoMergeRecord,
  autoMergeAllowed,
  autoMergeOf,
  clearAutoMerge,
  setAutoMerge,
} from './auto-merge-store.js';
import { GraphqlFieldError } from './graphql-errors.js';
import type { GraphqlCaller } from './graphql-server.js';

const METHODS = { MERGE: 'merge', SQUASH: 'squash', REBASE: 'rebase' } as const;

/** The mutation's input, as validated by GitHub's schema (EnablePullRequestAutoMergeInput). */
interface EnableInput {
  pullRequestId?: unknown;
  mergeMethod?: unknown;
  commitHeadline?: unknown;
  commitBody?: unknown;
  expectedHeadOid?: unknown;
  clientMutationId?: unknown;
}

/**
 * `enablePullRequestAutoMerge(input:)`: records auto-merge on the pull request, so REST shows it as
 * `auto_merge`; the fake does not merge by itself later. GitHub's refusals come back as typed errors:
 * NOT_FOUND for an id the caller cannot see, FORBIDDEN without write access, UNPROCESSABLE when the
 * repository does not allow auto-merge ("Allow auto-merge" is off by default, as on GitHub, see
 * allowAutoMerge) or the pull request is not open.
 */
export function enablePullRequestAutoMerge(
  args: { input: Record<string, unknown> },
  { state, caller }: { state: FakeState; caller: GraphqlCaller },
): unknown {
  const input = args.input as EnableInput;
  const { repo, pr } = writablePull(state, caller, String(input.pullRequestId));
  if (!autoMergeAllowed(repo))
    throw new GraphqlFieldError('Auto merge is not allowed for this repository', 'UNPROCESSABLE');
  if (pr.state !== 'open')
    throw new GraphqlFieldError(
      'Pull request is not in the correct state to enable auto-merge',
      'UNPROCESSABLE',
    );
  const head = repo.pulls.headSha(pr);
  if (typeof input.expectedHeadOid === 'string' && input.expectedHeadOid !== head)
    throw new GraphqlFieldError('Head ref has been modified since the expected head oid', 'UNPROCESSABLE');
  const method =
    METHODS[(typeof input.mergeMethod === 'string' ? input.mergeMethod : 'MERGE') as keyof typeof METHODS];
  const record: AutoMergeRecord = {
    enabledBy: state.account(caller.actor),
    mergeMethod: method,
    commitTitle:
      typeof input.commitHeadline === 'string'
        ? input.commitHeadline
        : method === 'squash'
          ? `${pr.title} (#${pr.number})`
          : `Merge pull request #${pr.number} from ${repo.owner.login}/${pr.head}`,
    commitMessage: typeof input.commitBody === 'string' ? input.commitBody : '',
    enabledAt: autoMergeOf(pr)?.enabledAt ?? githubTime(state.clock.now()),
  };
  setAutoMerge(pr, record);
  const actor = { __typename: record.enabledBy.type === 'Bot' ? 'Bot' : 'User', login: caller.actor };
  return {
    __typename: 'EnablePullRequestAutoMergePayload',
    clientMutationId: typeof input.clientMutationId === 'string' ? input.clientMutationId : null,
    actor,
    pullRequest: pullRequestNode(repo, pr, record, head, actor),
  };
}

/**
 * `disablePullRequestAutoMerge(input:)`: removes the auto-merge request (GitHub answers with the pull
 * request either way), with the same visibility and permission rules as enabling it.
 */
export function disablePullRequestAutoMerge(
  args: { input: Record<string, unknown> },
  { state, caller }: { state: FakeState; caller: GraphqlCaller },
): unknown {
  const input = args.input as { pullRequestId?: unknown; clientMutationId?: unknown };
  const { repo, pr } = writablePull(state, caller, String(input.pullRequestId));
  clearAutoMerge(pr);
  return {
    __typename: 'DisablePullRequestAutoMergePayload',
    clientMutationId: typeof input.clientMutationId === 'string' ? input.clientMutationId : null,
    actor: { __typename: state.account(caller.actor).type === 'Bot' ? 'Bot' : 'User', login: caller.actor },
    pullRequest: {
      __typename: 'PullRequest',
      id: nodeId('PullRequest', pr.id),
      number: pr.number,
      title: pr.title,
      url: `${HTML_BASE}/${repo.fullName}/pull/${pr.number}`,
      autoMergeRequest: null,
    },
  };
}

/** The pull request a node id names, if the caller can see it (NOT_FOUND) and write to it (FORBIDDEN). */
function writablePull(
  state: FakeState,
  caller: GraphqlCaller,
  id: string,
): { repo: RepoState; pr: PullRecord } {
  const found = pullByNodeId(state, id);
  const visible =
    found &&
    (!caller.installation ||
      caller.installation.repositories.has(found.repo.fullName.toLowerCase()) ||
      !found.repo.private);
  if (!found || !visible)
    throw new GraphqlFieldError(`Could not resolve to a node with the global id of '${id}'`, 'NOT_FOUND');
  const inInstallation =
    !caller.installation || caller.installation.repositories.has(found.repo.fullName.toLowerCase());
  if (!inInstallation || !['admin', 'maintain', 'write'].includes(found.repo.permission(caller.actor)))
    throw new GraphqlFieldError(
      `${caller.actor} does not have permission to change auto-merge on this pull request.`,
      'FORBIDDEN',
    );
  return found;
}

function pullRequestNode(
  repo: RepoState,
  pr: PullRecord,
  record: AutoMergeRecord,
  head: string,
  actor: { __typename: string; login: string },
) {
  return {
    __typename: 'PullRequest',
    id: nodeId('PullRequest', pr.id),
    number: pr.number,
    title: pr.title,
    url: `${HTML_BASE}/${repo.fullName}/pull/${pr.number}`,
    state: pr.mergedAt ? 'MERGED' : pr.state.toUpperCase(),
    headRefOid: head,
    autoMergeRequest: {
      __typename: 'AutoMergeRequest',
      enabledAt: record.enabledAt,
      mergeMethod: record.mergeMethod.toUpperCase(),
      commitHeadline: record.commitTitle,
      commitBody: record.commitMessage,
      enabledBy: actor,
    },
  };
}

/** The pull request a global node id names (`nodeId('PullRequest', id)`), in any repository. */
function pullByNodeId(state: FakeState, id: string): { repo: RepoState; pr: PullRecord } | undefined {
  const m = /^\d+:PullRequest(\d+)$/.exec(Buffer.from(id, 'base64').toString('utf8'));
  if (!m || nodeId('PullRequest', Number(m[1])) !== id) return undefined;
  for (const repo of state.repos.values()) {
    const pr = repo.pulls.list().find((p) => p.id === Number(m[1]));
    if (pr) return { repo, pr };
  }
  return undefined;
}
