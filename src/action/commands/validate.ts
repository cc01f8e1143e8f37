import { evaluateEnvironment } from '../../core/evaluate.js';
import { annotateViolations } from '../annotations.js';
import { baselineFromGitHub } from '../baseline.js';
import type { EnvironmentResult } from '../result.js';
import { type ActionCommandRunner, tagPrefixOf } from './context.js';

/**
 * `validate`, as `lockstep validate`: for each environment drift, vulnerable versions, expired waivers
 * and the verdict of the change from the last deploy to the committed manifest. Any violation fails
 * the step; each is annotated where it is.
 */
export const validateCommand: ActionCommandRunner = async (ctx) => {
  const environments: EnvironmentResult[] = [];
  for (const entry of ctx.repo.environments.values()) {
    const baseline = await baselineFromGitHub(
      ctx.port,
      tagPrefixOf(ctx),
      entry,
      ctx.validators,
      ctx.settings.rootInWorkspace,
    );
    const e = evaluateEnvironment(entry, ctx.repo.catalog, baseline, ctx.now, 'committed');
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
  const violations = environments.flatMap((r) => r.violations);
  annotateViolations(ctx.io, violations, ctx.settings.rootInWorkspace, () => true);
  return {
    command: 'validate',
    environments,
    ...(violations.length
      ? { failure: `${violations.length} policy violation(s): see the annotations and the job summary` }
      : {}),
  };
};
