import type { AnnotationProperties } from '@actions/core';
import { type Diagnostic, sortDiagnostics } from '../core/errors.js';
import type { Violation, ViolationKind } from '../core/policy/violations.js';
import type { ActionIo } from './action-io.js';

/** Annotation titles by kind of problem, as they show on the pull request diff. */
const TITLES: Record<ViolationKind | 'input' | 'out-of-date', string> = {
  input: 'Lockstep: invalid input',
  drift: 'Lockstep: manifest drift',
  'out-of-date': 'Lockstep: manifest out of date',
  affected: 'Lockstep: vulnerable version',
  'expired-waiver': 'Lockstep: expired waiver',
  blocked: 'Lockstep: blocked by policy',
  unpatchable: 'Lockstep: advisory without a fix',
};

export type AnnotationKind = keyof typeof TITLES;

/**
 * Where a diagnostic points, for GitHub: the path relative to the workspace (the repository checkout),
 * and the line and column only when known (0 means the whole file).
 */
export function annotationOf(
  d: Diagnostic,
  kind: AnnotationKind,
  rootInWorkspace: string,
): AnnotationProperties {
  return {
    title: TITLES[kind],
    file: rootInWorkspace ? `${rootInWorkspace}/${d.file}` : d.file,
    ...(d.line > 0 ? { startLine: d.line } : {}),
    ...(d.line > 0 && d.col > 0 ? { startColumn: d.col } : {}),
  };
}

/** One error annotation per input error, in file order. */
export function annotateInputErrors(
  io: ActionIo,
  diagnostics: readonly Diagnostic[],
  rootInWorkspace: string,
): void {
  for (const d of sortDiagnostics(diagnostics))
    io.error(d.message, annotationOf(d, 'input', rootInWorkspace));
}

/** One annotation per violation: an error when it fails the step, a warning otherwise. */
export function annotateViolations(
  io: ActionIo,
  violations: readonly Violation[],
  rootInWorkspace: string,
  fails: (v: Violation) => boolean,
): void {
  for (const v of sortDiagnostics(violations) as Violation[]) {
    const properties = annotationOf(v, v.kind, rootInWorkspace);
    if (fails(v)) io.error(v.message, properties);
    else io.warning(v.message, properties);
  }
}
