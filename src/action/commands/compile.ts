import { compileEnvironment } from '../../core/compile.js';
import { type Diagnostic, InputError, LockstepError } from '../../core/errors.js';
import type { Violation } from '../../core/policy/violations.js';
import { annotateViolations, annotationOf } from '../annotations.js';
import type { EnvironmentResult } from '../result.js';
import type { ActionCommandRunner } from './context.js';

/**
 * `compile`, as `lockstep compile --check`: the Action never writes to the repository, so a committed
 * manifest that differs from what compile gives fails the step, annotated on the manifest.
 */
export const compileCommand: ActionCommandRunner = async (ctx) => {
  const environments: EnvironmentResult[] = [];
  const inputErrors: Diagnostic[] = [];
  const unpatchable: Violation[] = [];
  for (const entry of ctx.repo.environments.values()) {
    try {
      const o = compileEnvironment(entry, ctx.repo.catalog, ctx.now);
      environments.push({
        environment: o.environment,
        digest: o.manifest.digest,
        changed: o.changed,
        changes: [],
        violations: [],
      });
    } catch (error) {
      if (!(error instanceof LockstepError)) throw error;
      if (error.code !== 'E_UNPATCHABLE') {
        inputErrors.push(...error.diagnostics);
        continue;
      }
      const violations = error.diagnostics.map((d) => ({
        ...d,
        environment: entry.name,
        kind: 'unpatchable' as const,
      }));
      unpatchable.push(...violations);
      environments.push({ environment: entry.name, changed: false, changes: [], violations });
    }
  }
  // Like the CLI: an input error anywhere is reported alone (it makes every other result doubtful).
  if (inputErrors.length) throw new InputError(inputErrors);

  const stale = environments.filter((r) => r.changed);
  for (const r of stale) {
    const entry = ctx.repo.environments.get(r.environment)!;
    const at = entry.manifestSource ? 1 : 0;
    const message = entry.manifestSource
      ? `${entry.manifestPath} is out of date: run lockstep compile ${entry.name} and commit the result`
      : `${entry.manifestPath} is missing: run lockstep compile ${entry.name} and commit the result`;
    ctx.io.error(
      message,
      annotationOf(
        { file: entry.manifestPath, line: at, col: at, field: '', message },
        'out-of-date',
        ctx.settings.rootInWorkspace,
      ),
    );
  }
  annotateViolations(ctx.io, unpatchable, ctx.settings.rootInWorkspace, () => true);
  const problems = [
    ...(stale.length
      ? [`manifest(s) out of date: ${stale.map((r) => r.environment).join(', ')}; run lockstep compile`]
      : []),
    ...(unpatchable.length
      ? [`advisory without a fix in ${unpatchable.map((v) => v.environment).join(', ')}`]
      : []),
  ];
  return { command: 'compile', environments, ...(problems.length ? { failure: problems.join('; ') } : {}) };
};
