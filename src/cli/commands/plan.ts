import { evaluateEnvironment } from '../../core/evaluate.js';
import { EXIT } from '../cli-io.js';
import { changeTable, violationLines } from '../render.js';
import { baselineOf, deploysOf, openWorkspace } from '../workspace.js';
import { type Command, printJson, say } from './context.js';

/** `lockstep plan [ENV...]`: the last deployed manifest -> what compile gives now, classified, with the verdict. */
export const planCommand: Command = async (ctx) => {
  const ws = await openWorkspace(ctx.root, ctx.args, ctx.validators);
  const now = ctx.io.now();
  const plans = [];
  for (const entry of ws.repo.environments.values()) {
    const baseline = await baselineOf(ws, entry, await deploysOf(ws, entry));
    const evaluation = evaluateEnvironment(entry, ws.repo.catalog, baseline, now, 'compiled');
    plans.push({ baseline, evaluation });
  }
  const blocked = plans.filter(
    (p) =>
      !p.evaluation.verdict ||
      p.evaluation.verdict.verdict === 'blocked' ||
      p.evaluation.violations.some((v) => v.kind === 'unpatchable'),
  );
  if (ctx.json) {
    printJson(ctx, {
      ok: blocked.length === 0,
      environments: plans.map(({ baseline, evaluation: e }) => ({
        environment: e.environment,
        baseline: baseline.ref,
        from: baseline.manifest?.digest ?? null,
        to: e.candidate?.digest ?? null,
        changed: (e.change?.changes.length ?? 0) > 0,
        rollback: e.change?.rollback ?? false,
        verdict: e.verdict?.verdict ?? 'blocked',
        reason: e.verdict?.reason ?? e.violations[0]?.message,
        approvals: e.verdict?.approvals,
        changes: e.change?.changes ?? [],
        patches: e.candidate?.security.patches ?? [],
        violations: e.violations,
      })),
    });
  } else {
    for (const { baseline, evaluation: e } of plans) {
      const verdict = e.verdict ? `${e.verdict.verdict}: ${e.verdict.reason}` : 'blocked';
      say(
        ctx,
        `${e.environment} (from ${baseline.ref}${baseline.manifest ? ` ${baseline.manifest.digest.slice(0, 19)}` : ''}): ${verdict}\n`,
      );
      if (e.change) say(ctx, `${changeTable(e.change.changes)}\n`);
      if (e.violations.length) ctx.io.stderr(`${violationLines(e.violations)}\n`);
    }
  }
  return blocked.length ? EXIT.violation : EXIT.ok;
};
