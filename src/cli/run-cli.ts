import { parseArgs } from 'node:util';
import pkg from '../../package.json' with { type: 'json' };
import { formatDiagnostic, LockstepError, sortDiagnostics } from '../core/errors.js';
import { createValidators } from '../core/load/schema-check.js';
import { type CliIo, EXIT, type ExitCode } from './cli-io.js';
import { COMMANDS, type CommandContext } from './commands/index.js';

const USAGE = `Usage: lockstep <command> [options]

Commands:
  compile  [ENV...] [--root DIR] [--check] [--json]   write environments/<env>.manifest.json
  validate [ENV...] [--root DIR] [--json]             check inputs, drift and policy
  plan     [ENV...] [--root DIR] [--json]             last deployed manifest -> compile now
  deploy   ENV [--root DIR] [--dry-run] [--json]      deploy with the directory driver
  rollback ENV [--to TAG] [--root DIR] [--json]       restore the files of an earlier deploy tag
  explain  ENV ITEM [--root DIR] [--json]             why ITEM got its version
  report   [--root DIR] [--format md|json|html]       compliance report

Exit codes: 0 fine; 1 policy violation or drift; 2 invalid input or usage.
Docs: docs/cli.md`;

const OPTIONS = {
  root: { type: 'string' },
  check: { type: 'boolean' },
  json: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  to: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** Options that only some commands take. */
const OPTION_COMMANDS: Record<string, readonly string[]> = {
  check: ['compile'],
  'dry-run': ['deploy'],
  to: ['rollback'],
  format: ['report'],
};

/** Runs one CLI invocation and returns its exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  // Usage errors honour --json too, so a script always gets one JSON document on stdout.
  const wantsJson = argv.includes('--json') || argv.includes('--format=json');
  const usage = (message: string): ExitCode => {
    io.stderr(`lockstep: ${message}\n\n${USAGE}\n`);
    if (wantsJson)
      io.stdout(`${JSON.stringify({ ok: false, code: 'E_USAGE', message, diagnostics: [] }, null, 2)}\n`);
    return EXIT.input;
  };
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; args: string[] }>
  >;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [name, ...args] = positionals;
  if (values.version) {
    io.stdout(wantsJson ? `${JSON.stringify({ ok: true, version: pkg.version })}\n` : `${pkg.version}\n`);
    return EXIT.ok;
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (!name) return usage('no command given');
  const command = COMMANDS[name as keyof typeof COMMANDS];
  if (!command) return usage(`unknown command '${name}'`);
  const misplaced = Object.keys(values).find(
    (o) => o in OPTION_COMMANDS && !OPTION_COMMANDS[o]!.includes(name),
  );
  if (misplaced)
    return usage(
      `--${misplaced} does not apply to ${name} (it is for: ${OPTION_COMMANDS[misplaced]!.join(', ')})`,
    );
  const json = values.json === true || values.format === 'json';
  const ctx: CommandContext = {
    io,
    args,
    root: values.root ?? io.cwd,
    json,
    check: values.check === true,
    dryRun: values['dry-run'] === true,
    ...(values.to !== undefined ? { to: values.to } : {}),
    ...(values.format !== undefined ? { format: values.format } : {}),
    validators: createValidators(),
  };
  try {
    return await command(ctx);
  } catch (error) {
    return reportError(error, ctx);
  }
}

/** Input errors as FILE:LINE:COL lines; anything unexpected still fails, with its message, no stack. */
function reportError(error: unknown, ctx: CommandContext): ExitCode {
  const { io } = ctx;
  if (error instanceof LockstepError) {
    const exit = error.code === 'E_UNPATCHABLE' || error.code === 'E_STATE' ? EXIT.violation : EXIT.input;
    const lines = error.diagnostics.length
      ? sortDiagnostics(error.diagnostics).map(formatDiagnostic)
      : [`lockstep: ${error.message}`];
    io.stderr(`${lines.join('\n')}\n`);
    if (ctx.json)
      io.stdout(
        `${JSON.stringify({ ok: false, code: error.code, message: error.message, diagnostics: error.diagnostics }, null, 2)}\n`,
      );
    return exit;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`lockstep: internal error: ${message}\nPlease report it with the command you ran.\n`);
  if (ctx.json) io.stdout(`${JSON.stringify({ ok: false, code: 'E_INTERNAL', message }, null, 2)}\n`);
  return EXIT.input;
}
