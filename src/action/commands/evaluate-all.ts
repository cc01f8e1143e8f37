import { evaluateEnvironment } from '../../core/evaluate.js';
import { baselineFromGitHub } from '../../github/baseline.js';
import { freezeReason } from '../../github/command-freeze.js';
import type { EnvironmentResult } from '../result.js';
import { type CommandContext, tagPrefixOf } from './context.js';

/**
 * Every environment judged against its last deploy tag: the committed manifest (validate) or what
 * compile gives now (plan), as the Action's result records it.
 */
export async function evaluateAll(
  ctx: CommandContext,
  target: 'committed' | 'compiled',
): Promise<EnvironmentResult[]> {
  const environments: EnvironmentResult[] = [];
  // A `/lockstep freeze` of the bot freezes the gate as the files would (ADR 0010).
  const freezes = await ctx.port.commandFreezes();
  for (const entry of ctx.repo.environments.values()) {
    const baseline = await baselineFromGitHub(
      ctx.port,
      tagPrefixOf(ctx),
      entry,
      ctx.validators,
      ctx.settings.rootInWorkspace,
    );
    const freeze = freezes.get(entry.name);
    const e = evaluateEnvironment(
      entry,
      ctx.repo.catalog,
      baseline,
      ctx.now,
      target,
      freeze ? { freezes: [freezeReason(freeze)] } : {},
    );
    environments.push({
      environment: e.environment,
      baseline: baseline.ref,
      ...(e.candidate ? { digest: e.candidate.digest } : {}),
      changed: (e.change?.changes.length ?? 0) > 0,
      verdict: e.verdict?.verdict ?? 'blocked',
      reason: e.verdict?.reason ?? e.violations[0]?.message ?? '',
      changes: e.change?.changes ?? [],
      violations: e.violations,
    });
  }
  return environments;
}
