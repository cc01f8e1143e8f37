import type { Violation } from '../../core/policy/violations.js';
import { annotateViolations } from '../annotations.js';
import type { ActionCommandRunner } from './context.js';
import { evaluateAll } from './evaluate-all.js';

/**
 * `plan`, as `lockstep plan`: the last deployed manifest -> what compile gives now, each change
 * classified, with the verdict. The step fails only when an environment is blocked (or has an
 * advisory without a fix); other violations are warnings, as the CLI prints them without failing.
 */
export const planCommand: ActionCommandRunner = async (ctx) => {
  const environments = await evaluateAll(ctx, 'compiled');
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
