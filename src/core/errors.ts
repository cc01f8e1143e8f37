/** Where and what: one problem found in a user's input. */
export interface Diagnostic {
  /** Repository-relative path of the file. */
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based column; 0 when unknown. */
  col: number;
  /** The field concerned, as a dotted path (`pins.capabilities.payments`), or '' for the document. */
  field: string;
  /** What is wrong and what to do. */
  message: string;
}

/** Stable error codes; the CLI maps them to exit codes. */
export type ErrorCode = 'E_INPUT' | 'E_RESOLVE' | 'E_UNPATCHABLE' | 'E_USAGE' | 'E_STATE';

/** Base of every error Lockstep raises on purpose. */
export class LockstepError extends Error {
  readonly code: ErrorCode;
  readonly diagnostics: readonly Diagnostic[];
  constructor(
    code: ErrorCode,
    message: string,
    diagnostics: readonly Diagnostic[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'LockstepError';
    this.code = code;
    this.diagnostics = diagnostics;
  }
}

/** Malformed or schema-invalid input (exit 2). */
export class InputError extends LockstepError {
  constructor(diagnostics: readonly Diagnostic[], options?: ErrorOptions) {
    super('E_INPUT', `${diagnostics.length} input error(s)`, diagnostics, options);
    this.name = 'InputError';
  }
}

/** A pin or range that leaves no candidate (exit 2). */
export class ResolveError extends LockstepError {
  constructor(...diagnostics: [Diagnostic, ...Diagnostic[]]) {
    super('E_RESOLVE', diagnostics.map((d) => d.message).join('\n'), diagnostics);
    this.name = 'ResolveError';
  }
}

/** An enforced advisory with no fix that fits (exit 1). */
export class UnpatchableError extends LockstepError {
  readonly advisory: string;
  constructor(advisory: string, diagnostic: Diagnostic) {
    super('E_UNPATCHABLE', diagnostic.message, [diagnostic]);
    this.name = 'UnpatchableError';
    this.advisory = advisory;
  }
}

/** `FILE:LINE:COL: message`, the form editors and CI logs link. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.message}`;
}

/** Sort diagnostics by file, line, column so output is stable. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}
