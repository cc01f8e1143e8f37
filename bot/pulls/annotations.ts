import { type Diagnostic, sortDiagnostics } from '../../src/core/errors.js';
import type { ViolationKind } from '../../src/core/policy/violations.js';
import type { Annotation } from './check-runs.js';
import type { PullJudgement } from './judge-pull.js';

/** Annotation titles by kind of problem, as on the Action's annotations. */
const TITLES: Record<ViolationKind | 'input', string> = {
  input: 'Lockstep: invalid input',
  drift: 'Lockstep: manifest drift',
  affected: 'Lockstep: vulnerable version',
  'expired-waiver': 'Lockstep: expired waiver',
  blocked: 'Lockstep: blocked by policy',
  unpatchable: 'Lockstep: advisory without a fix',
};

/**
 * A diagnostic on its line of the diff. A whole-file problem (line 0) goes on line 1, since GitHub
 * needs a line; a column is given only when known (GitHub takes columns on one-line annotations).
 */
function annotationOf(
  d: Diagnostic,
  title: string,
  level: Annotation['annotation_level'],
  message: string,
): Annotation {
  const line = Math.max(d.line, 1);
  return {
    path: d.file,
    start_line: line,
    end_line: line,
    ...(d.line > 0 && d.col > 0 ? { start_column: d.col, end_column: d.col } : {}),
    annotation_level: level,
    title,
    message,
  };
}

/** One annotation per input error (ajv, YAML, resolve), in file order: each fails the check. */
export function inputAnnotations(diagnostics: readonly Diagnostic[]): Annotation[] {
  return sortDiagnostics(diagnostics).map((d) => annotationOf(d, TITLES.input, 'failure', d.message));
}

/**
 * One annotation per problem of every environment: a failure where it fails the check (the
 * environment counts), a warning where the base branch had it already. The same place and message
 * reported by two environments (a catalog advisory) is shown once.
 */
export function violationAnnotations(j: PullJudgement): Annotation[] {
  const seen = new Set<string>();
  const out: Annotation[] = [];
  for (const e of j.environments) {
    const inOrder = [...e.violations].sort(
      (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col,
    );
    for (const v of inOrder) {
      const key = `${v.file}:${v.line}:${v.col}:${v.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(annotationOf(v, TITLES[v.kind], e.counts ? 'failure' : 'warning', v.message));
    }
  }
  return out;
}
