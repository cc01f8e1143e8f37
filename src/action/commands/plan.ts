import { evaluateEnvironment } from '../../core/evaluate.js';
import type { Violation } from '../../core/policy/violations.js';
import { annotateViolations } from '../annotations.js';
import { baselineFromGitHub } from '../baseline.js';
import type { EnvironmentResult } from '../result.js';
import { type ActionCommandRunner, tagPrefixOf } from './context.js';

/**
 * `plan`, as `lockstep plan`: the last deployed manifest -> what compile gives now, each change
 * classified, with the verdict. The step fails only when an environment is blocked (or has an
 * advisory without a fix); other violations are warnings, as the CLI prints them without failing.
 */
export const planCommand: ActionCommandRunner = async (ctx) => {
  const environments: EnvironmentResult[] = [];
  for (const entry of ctx.repo.environments.values()) {
    const baseline = await baselineFromGitHub(
      ctx.port,
      tagPrefixOf(ctx),
      entry,
      ctx.validators,
      ctx.settings.rootInWorkspace,
    );
    const e = evaluateEnvironment(entry, ctx.repo.catalog, baseline, ctx.now, 'compiled');
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
  const fails = (v: Violation) => v.kind === 'blocked' || v.kind === 'unpatchable';
  annotateViolations(
    ctx.io,
    environments.flatMap((r) => r.violations),
    ctx.settings.rootInWorkspace,
    fails,
  );
  const blocked = environments.filter((r) => r.verdict === 'blocked').map((r) => r.environment);
  return {
    command: 'plan',
    environments,
    ...(blocked.length
      ? { failure: `blocked by policy: ${blocked.join(', ')}; see the annotations and the job summary` }
      : {}),
  };
};
