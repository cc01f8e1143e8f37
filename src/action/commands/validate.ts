import { annotateViolations } from '../annotations.js';
import type { ActionCommandRunner } from './context.js';
import { evaluateAll } from './evaluate-all.js';

/**
 * `validate`, as `lockstep validate`: for each environment drift, vulnerable versions, expired waivers
 * and the verdict of the change from the last deploy to the committed manifest. Any violation fails
 * the step; each is annotated where it is.
 */
export const validateCommand: ActionCommandRunner = async (ctx) => {
  const environments = await evaluateAll(ctx, 'committed');
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
