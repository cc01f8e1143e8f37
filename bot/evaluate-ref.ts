import type { Baseline, Evaluation } from '../src/core/evaluate.js';
import { evaluateEnvironment } from '../src/core/evaluate.js';
import { loadRepository, type Repository } from '../src/core/load/load-repository.js';
import { baselineFromGitHub } from '../src/github/baseline.js';
import type { BotContext } from './bot-context.js';
import { type CommandFreeze, freezeReason, listCommandFreezes } from './freeze/freeze-records.js';

/** One environment at a ref, judged against its last deploy tag. */
export interface EnvironmentPlan {
  baseline: Baseline;
  evaluation: Evaluation;
}

/** Every environment at a ref, judged; with the repository as loaded and the command freezes in force. */
export interface RefPlan {
  ref: string;
  repo: Repository;
  plans: Map<string, EnvironmentPlan>;
  freezes: Map<string, CommandFreeze>;
}

/**
 * Loads catalog and environments at `ref` (a commit sha, for one consistent snapshot) and judges each
 * environment as `validate` does: the committed manifest against the last deploy tag, with command
 * freezes added to the gate. `target: 'compiled'` judges what compile gives instead (security PRs).
 * Input errors (InputError, ResolveError) propagate for the caller to report. Environments are judged
 * concurrently: their reads are independent, so they cost one round trip each level, not one per
 * environment.
 */
export async function evaluateAt(
  ctx: BotContext,
  ref: string,
  options: { environments?: readonly string[]; target?: 'committed' | 'compiled' } = {},
): Promise<RefPlan> {
  const [repo, freezes] = await Promise.all([
    loadRepository(
      ctx.port.readerAt(ref),
      ctx.validators,
      options.environments ? { environments: options.environments } : {},
    ),
    listCommandFreezes(ctx.octokit, ctx.coordinates),
  ]);
  const entries = [...repo.environments.values()];
  const judged = await Promise.all(
    entries.map(async (entry): Promise<[string, EnvironmentPlan]> => {
      const baseline = await baselineFromGitHub(ctx.port, repo.settings.tagPrefix, entry, ctx.validators, '');
      const freeze = freezes.get(entry.name);
      const evaluation = evaluateEnvironment(
        entry,
        repo.catalog,
        baseline,
        ctx.now,
        options.target ?? 'committed',
        freeze ? { freezes: [freezeReason(freeze)] } : {},
      );
      return [entry.name, { baseline, evaluation }];
    }),
  );
  return { ref, repo, plans: new Map(judged), freezes };
}

/** Blocked, drifting or unpatchable: the change must not merge. */
export function isBlocked(plan: EnvironmentPlan): boolean {
  const { verdict, violations } = plan.evaluation;
  return !verdict || verdict.verdict === 'blocked' || violations.length > 0;
}
