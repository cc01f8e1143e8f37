import type { ActionIo } from './action-io.js';
import { type CommandResult, strictestVerdict } from './result.js';

/** Output names, as action.yml declares them. */
export const OUTPUTS = ['changed', 'verdict', 'digest', 'result'] as const;

/**
 * Sets the step's outputs: `changed` (any environment), `verdict` (the strictest), `digest` (only
 * for exactly one environment: with several, a single digest would mislead) and `result`, the JSON
 * document with every environment's details.
 */
export function setOutputs(io: ActionIo, result: CommandResult): void {
  const envs = result.environments;
  io.setOutput('changed', String(envs.some((r) => r.changed)));
  io.setOutput('verdict', strictestVerdict(envs) ?? '');
  io.setOutput('digest', envs.length === 1 ? (envs[0]?.digest ?? '') : '');
  io.setOutput('result', JSON.stringify(resultDocument(result)));
}

/** The `result` output: stable, documented keys only (no raw diagnostics objects beyond file/line/col). */
export function resultDocument(result: CommandResult) {
  return {
    command: result.command,
    ok: result.failure === undefined,
    environments: Object.fromEntries(
      result.environments.map((r) => [
        r.environment,
        {
          changed: r.changed,
          digest: r.digest ?? null,
          verdict: r.verdict ?? null,
          reason: r.reason ?? null,
          baseline: r.baseline ?? null,
          changes: r.changes.map((c) => ({
            item: c.item,
            from: c.from,
            to: c.to,
            class: c.class,
            why: c.why,
          })),
          violations: r.violations.map((v) => ({
            kind: v.kind,
            file: v.file,
            line: v.line,
            col: v.col,
            message: v.message,
          })),
        },
      ]),
    ),
  };
}
