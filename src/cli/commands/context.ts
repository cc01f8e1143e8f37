import type { Validators } from '../../core/load/schema-check.js';
import type { CliIo, ExitCode } from '../cli-io.js';

/** Everything a command gets: parsed options, I/O, and the compiled schemas. */
export interface CommandContext {
  io: CliIo;
  /** Positional arguments after the command name. */
  args: readonly string[];
  root: string;
  json: boolean;
  check: boolean;
  dryRun: boolean;
  to?: string;
  format?: string;
  validators: Validators;
}

export type Command = (ctx: CommandContext) => Promise<ExitCode>;

/** Prints one JSON document on stdout. */
export function printJson(ctx: CommandContext, value: unknown): void {
  ctx.io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** Human-readable output: stdout, or stderr under --json so that stdout holds only the JSON document. */
export function say(ctx: CommandContext, text: string): void {
  (ctx.json ? ctx.io.stderr : ctx.io.stdout)(text.endsWith('\n') ? text : `${text}\n`);
}
