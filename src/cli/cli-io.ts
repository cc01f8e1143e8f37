/** What a CLI command may touch besides the repository: output streams and the clock. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  now(): Date;
  /** Working directory, the default --root. */
  cwd: string;
}

/** Exit codes (SPEC section 5). */
export const EXIT = { ok: 0, violation: 1, input: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
