import { type Evaluation, evaluateEnvironment } from '../../core/evaluate.js';
import { EXIT } from '../cli-io.js';
import { violationLines } from '../render.js';
import { baselineOf, deploysOf, openWorkspace } from '../workspace.js';
import { type Command, printJson, say } from './context.js';

/**
 * `lockstep validate [ENV...]`: schemas (exit 2), then for each environment drift, advisories,
 * expired waivers and the policy verdict of the change from the last deploy to the committed manifest.
 */
export const validateCommand: Command = async (ctx) => {
  const ws = await openWorkspace(ctx.root, ctx.args, ctx.validators);
  const now = ctx.io.now();
  const results: (Evaluation & { baseline: string })[] = [];
  for (const entry of ws.repo.environments.values()) {
    const baseline = await baselineOf(ws, entry, await deploysOf(ws, entry));
    results.push({
      ...evaluateEnvironment(entry, ws.repo.catalog, baseline, now, 'committed'),
      baseline: baseline.ref,
    });
  }
  const violations = results.flatMap((r) => r.violations);
  if (ctx.json) {
    printJson(ctx, {
      ok: violations.length === 0,
      environments: results.map((r) => ({
        environment: r.environment,
        baseline: r.baseline,
        verdict: r.verdict?.verdict ?? 'blocked',
        reason: r.verdict?.reason ?? r.violations[0]?.message,
        approvals: r.verdict?.approvals,
        rollback: r.change?.rollback ?? false,
        changes: r.change?.changes ?? [],
        violations: r.violations,
      })),
    });
  } else {
    for (const r of results) {
      const verdict = r.verdict ? `${r.verdict.verdict} (${r.verdict.reason})` : 'blocked';
      say(
        ctx,
        `${r.environment}: ${r.violations.length ? `${r.violations.length} violation(s)` : 'ok'}; verdict ${verdict}\n`,
      );
    }
    if (violations.length) ctx.io.stderr(`${violationLines(violations)}\n`);
  }
  return violations.length ? EXIT.violation : EXIT.ok;
};
