import { type CompileOutcome, compileEnvironment } from '../../core/compile.js';
import {
  type Diagnostic,
  formatDiagnostic,
  InputError,
  LockstepError,
  sortDiagnostics,
} from '../../core/errors.js';
import { EXIT } from '../cli-io.js';
import { openWorkspace } from '../workspace.js';
import { writeFilesAtomically } from '../write-files.js';
import { type Command, printJson, say } from './context.js';

/**
 * `lockstep compile [ENV...] [--check]`: writes each environment's manifest. Any input error (exit 2)
 * writes nothing at all; an unpatchable advisory (exit 1) fails that environment and the others are
 * still written.
 */
export const compileCommand: Command = async (ctx) => {
  const ws = await openWorkspace(ctx.root, ctx.args, ctx.validators);
  const now = ctx.io.now();
  const outcomes: CompileOutcome[] = [];
  const inputErrors: Diagnostic[] = [];
  const failures: { environment: string; code: string; diagnostics: readonly Diagnostic[] }[] = [];
  for (const entry of ws.repo.environments.values()) {
    try {
      outcomes.push(compileEnvironment(entry, ws.repo.catalog, now));
    } catch (error) {
      if (!(error instanceof LockstepError)) throw error;
      if (error.code === 'E_UNPATCHABLE')
        failures.push({ environment: entry.name, code: error.code, diagnostics: error.diagnostics });
      else inputErrors.push(...error.diagnostics);
    }
  }
  if (inputErrors.length) throw new InputError(inputErrors);

  const changed = outcomes.filter((o) => o.changed);
  if (!ctx.check && changed.length) {
    await writeFilesAtomically(
      ws.root,
      new Map(changed.map((o) => [ws.repo.environments.get(o.environment)!.manifestPath, o.text])),
    );
  }
  const drift = ctx.check && changed.length > 0;
  if (ctx.json) {
    printJson(ctx, {
      ok: !drift && failures.length === 0,
      check: ctx.check,
      environments: outcomes.map((o) => ({
        environment: o.environment,
        path: ws.repo.environments.get(o.environment)!.manifestPath,
        changed: o.changed,
        written: !ctx.check && o.changed,
        digest: o.manifest.digest,
        patches: o.manifest.security.patches,
        manifest: o.manifest,
      })),
      failures,
    });
  } else {
    for (const o of outcomes) {
      const path = ws.repo.environments.get(o.environment)!.manifestPath;
      const state = !o.changed ? 'up to date' : ctx.check ? 'out of date: run lockstep compile' : 'written';
      const patches = o.manifest.security.patches.length
        ? `, ${o.manifest.security.patches.length} security patch(es)`
        : '';
      say(ctx, `${o.environment}: ${path} ${state} (${o.manifest.digest}${patches})\n`);
    }
  }
  for (const f of failures)
    ctx.io.stderr(`${sortDiagnostics(f.diagnostics).map(formatDiagnostic).join('\n')}\n`);
  return drift || failures.length ? EXIT.violation : EXIT.ok;
};
