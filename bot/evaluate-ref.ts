import type { Baseline, Evaluation } from '../src/core/evaluate.js';
import { evaluateEnvironment } from '../src/core/evaluate.js';
import type { EnvironmentEntry, RepoReader } from '../src/core/load/load-repository.js';
import { loadRepository, type Repository } from '../src/core/load/load-repository.js';
import { baselineAt, baselineFromGitHub } from '../src/github/baseline.js';
import {
  type CommandFreeze,
  commandFreezesIn,
  FREEZE_PREFIX,
  freezeReason,
} from '../src/github/command-freeze.js';
import type { DeployTag } from '../src/github/github-port.js';
import { readFilesAt } from '../src/github/graphql-files.js';
import type { BotContext } from './bot-context.js';
import { readRepositorySnapshot } from './read-snapshot.js';

/** One environment at a ref, judged against its last deploy tag. */
export interface EnvironmentPlan {
  baseline: Baseline;
  evaluation: Evaluation;
  /** Its deploy tags, oldest first. */
  tags: DeployTag[];
}

/** Every environment at a ref, judged; with the repository as loaded and the command freezes in force. */
export interface RefPlan {
  ref: string;
  /** The commit `ref` named when it was read. */
  commit: string;
  repo: Repository;
  plans: Map<string, EnvironmentPlan>;
  freezes: Map<string, CommandFreeze>;
}

/**
 * Loads catalog and environments at `ref` and judges each environment as `validate` does: the
 * committed manifest against the last deploy tag, with command freezes added to the gate.
 * `target: 'compiled'` judges what compile gives instead (security PRs, the dashboard).
 * Two GraphQL requests in sequence read everything: the snapshot (files, deploy tags, freezes), then
 * the files of every environment's last deploy tag (src/github/graphql-snapshot.ts). Input errors
 * (InputError, ResolveError) propagate for the caller to report.
 */
export async function evaluateAt(
  ctx: BotContext,
  ref: string,
  options: { environments?: readonly string[]; target?: 'committed' | 'compiled' } = {},
): Promise<RefPlan> {
  const snapshot = await readRepositorySnapshot(ctx, ref, [FREEZE_PREFIX]);
  const [repo, freezes] = await Promise.all([
    loadRepository(
      snapshot.reader,
      ctx.validators,
      options.environments ? { environments: options.environments } : {},
    ),
    commandFreezesIn(ctx.octokit, ctx.coordinates, snapshot),
  ]);
  const entries = [...repo.environments.values()];
  const baselines = await baselinesOf(ctx, repo, entries, snapshot.deployTags);
  const plans = new Map<string, EnvironmentPlan>();
  for (const entry of entries) {
    const { baseline, tags } = baselines.get(entry.name)!;
    const freeze = freezes.get(entry.name);
    const evaluation = evaluateEnvironment(
      entry,
      repo.catalog,
      baseline,
      ctx.now,
      options.target ?? 'committed',
      freeze ? { freezes: [freezeReason(freeze)] } : {},
    );
    plans.set(entry.name, { baseline, evaluation, tags });
  }
  return { ref, commit: snapshot.commit, repo, plans, freezes };
}

/**
 * Every environment's baseline: its deploy tags (from the snapshot, or listed per environment when
 * the snapshot could not hold them all, or when the files set another tag prefix), and the files of
 * its last deploy tag, all read in one request.
 */
async function baselinesOf(
  ctx: BotContext,
  repo: Repository,
  entries: readonly EnvironmentEntry[],
  prefetched: Map<string, DeployTag[]> | undefined,
): Promise<Map<string, { baseline: Baseline; tags: DeployTag[] }>> {
  const out = new Map<string, { baseline: Baseline; tags: DeployTag[] }>();
  if (!prefetched || repo.settings.tagPrefix !== ctx.settings.tagPrefix) {
    await Promise.all(
      entries.map(async (entry) => {
        const tags = await ctx.port.deployTags(repo.settings.tagPrefix, entry.name);
        const baseline = await baselineFromGitHub(
          ctx.port,
          repo.settings.tagPrefix,
          entry,
          ctx.validators,
          '',
        );
        out.set(entry.name, { baseline, tags });
      }),
    );
    return out;
  }
  const wanted = entries.flatMap((entry) => {
    const last = prefetched.get(entry.name)?.at(-1);
    return last
      ? [
          { rev: last.commit, path: entry.source.path },
          { rev: last.commit, path: entry.manifestPath },
        ]
      : [];
  });
  const texts = await readFilesAt(ctx.octokit, ctx.coordinates, wanted);
  for (const entry of entries) {
    const tags = prefetched.get(entry.name) ?? [];
    const last = tags.at(-1);
    const reader: RepoReader | undefined = last && {
      list: async () => [],
      read: async (path) => {
        const text = texts.get(`${last.commit}:${path}`);
        // Not inlined by GraphQL (binary or too large): read it through the Git Data API.
        return text === null ? ctx.port.readerAt(last.commit).read(path) : text;
      },
    };
    out.set(entry.name, { baseline: await baselineAt(reader, tags, entry, ctx.validators, ''), tags });
  }
  return out;
}

/** Blocked, drifting or unpatchable: the change must not merge. */
export function isBlocked(plan: EnvironmentPlan): boolean {
  const { verdict, violations } = plan.evaluation;
  return !verdict || verdict.verdict === 'blocked' || violations.length > 0;
}
