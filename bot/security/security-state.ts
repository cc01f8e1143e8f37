import { InputError } from '../../src/core/errors.js';
import { loadRepository, type Repository } from '../../src/core/load/load-repository.js';
import type { OpenPull } from '../../src/github/pull-branch.js';
import type { BotContext } from '../bot-context.js';
import { readRepositorySnapshot } from '../read-snapshot.js';
import {
  type CommitFacts,
  commitFacts,
  type PullMarker,
  parseMarker,
  SECURITY_BRANCH_PREFIX,
} from './security-marker.js';

/** An open security PR of the bot's. */
export interface OpenSecurityPull extends OpenPull {
  environment: string;
  nodeId: string;
  /** GitHub auto-merge is enabled on it. */
  autoMerge: boolean;
  marker: PullMarker | undefined;
}

/** A `lockstep/security/<env>` branch: its head, and what the bot's commit there says it holds. */
export interface SecurityBranch {
  commit: string;
  facts: CommitFacts | undefined;
}

/** The default branch and the bot's security PRs, as one sync sees them. */
export interface SecurityState {
  /** The default branch's commit that was read. */
  commit: string;
  /** Its root tree (the base of new commits). */
  tree: string;
  /** Catalog and environments at `commit`, or the input errors that stop the sync. */
  repo: Repository | InputError;
  /** Security branches by environment; undefined when there were too many to list in the snapshot. */
  branches: Map<string, SecurityBranch> | undefined;
  /** Open security PRs by environment. */
  pulls: Map<string, OpenSecurityPull>;
}

const BRANCH_REFS = `refs/heads/${SECURITY_BRANCH_PREFIX}`;

/**
 * Reads everything a sync needs in two concurrent requests: one GraphQL snapshot of the default
 * branch (settings, catalog and environment files with their text, and the security branches with
 * their commit messages), and one list of the open pull requests into it (paged by 100), matched to
 * environments by branch: no per-environment read.
 */
export async function readSecurityState(ctx: BotContext): Promise<SecurityState> {
  const { owner, repo } = ctx.coordinates;
  const [snapshot, open] = await Promise.all([
    readRepositorySnapshot(ctx, ctx.defaultBranch, [BRANCH_REFS]),
    ctx.octokit.paginate(ctx.octokit.rest.pulls.list, {
      owner,
      repo,
      state: 'open',
      base: ctx.defaultBranch,
      per_page: 100,
    }),
  ]);
  let loaded: Repository | InputError;
  try {
    loaded = await loadRepository(snapshot.reader, ctx.validators);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    loaded = error;
  }
  const refs = snapshot.records.get(BRANCH_REFS);
  const branches =
    refs && new Map(refs.map((r) => [r.name, { commit: r.commit, facts: commitFacts(r.message) }] as const));
  const pulls = new Map<string, OpenSecurityPull>();
  for (const p of open) {
    if (!p.head.ref.startsWith(SECURITY_BRANCH_PREFIX) || p.user?.type !== 'Bot') continue;
    if (p.head.repo?.full_name?.toLowerCase() !== `${owner}/${repo}`.toLowerCase()) continue;
    const environment = p.head.ref.slice(SECURITY_BRANCH_PREFIX.length);
    pulls.set(environment, {
      environment,
      number: p.number,
      url: p.html_url,
      nodeId: p.node_id,
      headSha: p.head.sha,
      title: p.title,
      body: p.body ?? '',
      labels: p.labels.map((l) => l.name ?? '').filter(Boolean),
      autoMerge: p.auto_merge !== null && p.auto_merge !== undefined,
      marker: parseMarker(p.body ?? ''),
    });
  }
  return { commit: snapshot.commit, tree: snapshot.tree, repo: loaded, branches, pulls };
}
