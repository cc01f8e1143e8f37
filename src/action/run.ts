import { LockstepError } from '../core/errors.js';
import { loadRepository, type RepoReader } from '../core/load/load-repository.js';
import { createValidators, type Validators } from '../core/load/schema-check.js';
import type { DriverDeps } from '../deploy/driver.js';
import type { GitHubPort } from '../github/github-port.js';
import type { ActionIo } from './action-io.js';
import { annotateInputErrors } from './annotations.js';
import { compileCommand } from './commands/compile.js';
import type { ActionCommandRunner } from './commands/context.js';
import { deployCommand } from './commands/deploy.js';
import { planCommand } from './commands/plan.js';
import { reportCommand } from './commands/report.js';
import { validateCommand } from './commands/validate.js';
import { setOutputs } from './outputs.js';
import type { CommandResult, EnvironmentResult } from './result.js';
import type { ActionCommand, ActionEnv, Settings } from './settings.js';
import { inputErrorMarkdown, summaryMarkdown } from './summary.js';

/** Everything the pipeline touches, passed in: main.ts gives the real ones, tests their fakes. */
export interface RunDeps {
  settings: Settings;
  port: GitHubPort;
  /** Reads the checked-out deployment repository at `root`. */
  readerForWorkspace(root: string): RepoReader;
  io: ActionIo;
  now(): Date;
  /** Compiled JSON Schemas; created when not given. */
  validators?: Validators;
  /** The runner's variables, handed to deploy drivers and health checks (process.env in main.ts). */
  env?: ActionEnv;
  /** The drivers' outside world; defaultDriverDeps when not given (tests shorten the waits). */
  driverDeps?: (root: string, env: ActionEnv) => DriverDeps;
}

const COMMANDS: Record<ActionCommand, ActionCommandRunner> = {
  compile: compileCommand,
  validate: validateCommand,
  plan: planCommand,
  deploy: deployCommand,
  report: reportCommand,
};

/**
 * The Action's pipeline:
 *
 * 1. Load the deployment repository from the workspace; every input error of every file is
 *    annotated on its line and fails the step (the CLI's exit 2).
 * 2. Run the command: compile (check only), validate or plan, each environment against its last
 *    deploy tag on GitHub; violations are annotated where they are.
 * 3. Set the outputs: changed, verdict, digest, result.
 * 4. Write the job summary: per environment the verdict and the change table.
 * 5. Fail the step exactly when the CLI would exit non-zero.
 *
 * Errors that are not Lockstep's (GitHub unreachable, a bug) propagate to main.ts's catch.
 */
export async function run(deps: RunDeps): Promise<CommandResult | undefined> {
  const { settings, io } = deps;
  const validators = deps.validators ?? createValidators();
  const now = deps.now();
  let result: CommandResult;
  try {
    // 1. Load.
    const repo = await loadRepository(deps.readerForWorkspace(settings.root), validators, {
      environments: settings.environments,
    });
    // 2. Run the command.
    result = await COMMANDS[settings.command]({
      settings,
      repo,
      validators,
      port: deps.port,
      io,
      now,
      env: deps.env ?? {},
      ...(deps.driverDeps ? { driverDeps: deps.driverDeps } : {}),
    });
  } catch (error) {
    if (!(error instanceof LockstepError)) throw error;
    await failOnInput(deps, error);
    return undefined;
  }
  // 3. Outputs (and one line per environment in the log).
  for (const r of result.environments) io.info(logLine(r));
  setOutputs(io, result);
  for (const [name, value] of Object.entries(result.outputs ?? {})) io.setOutput(name, value);
  // 4. Job summary.
  await io.summary(result.summary ?? summaryMarkdown(result));
  // 5. Failure.
  if (result.failure) io.setFailed(result.failure);
  else io.info(`lockstep ${settings.command}: ${result.environments.length} environment(s) passed`);
  return result;
}

/** Input errors (malformed YAML, schema, unknown environment, unresolvable pin) fail the step. */
async function failOnInput(deps: RunDeps, error: LockstepError): Promise<void> {
  const { io, settings } = deps;
  annotateInputErrors(io, error.diagnostics, settings.rootInWorkspace);
  await io.summary(inputErrorMarkdown(settings.command, error.message, error.diagnostics));
  io.setFailed(
    error.diagnostics.length
      ? `${error.diagnostics.length} input error(s): see the annotations and the job summary`
      : error.message,
  );
}

/** One environment in the step's log, like the CLI's text output. */
function logLine(r: EnvironmentResult): string {
  const problems = r.violations.length ? `, ${r.violations.length} violation(s)` : '';
  // compile has no baseline: it compares with the committed manifest.
  if (r.baseline === undefined)
    return `${r.environment}: ${r.changed ? 'out of date' : 'up to date'}${problems}`;
  const verdict = r.verdict ? `; verdict ${r.verdict}${r.reason ? ` (${r.reason})` : ''}` : '';
  return `${r.environment}: ${r.changes.length} change(s) from ${r.baseline}${problems}${verdict}`;
}
