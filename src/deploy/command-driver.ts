import type { DeployDriver, DriverDeps, DriverInput, DriverResult } from './driver.js';
import { describeOutcome, runProcess } from './run-process.js';

/** Default time one run of the deploy command may take. */
export const COMMAND_TIMEOUT_SECONDS = 600;

/** Default time between SIGTERM and SIGKILL when a command times out. */
export const KILL_GRACE_MS = 5000;

/** The variables a deploy command gets; manifest data reaches it only this way, never in argv. */
export function commandEnvironment(input: DriverInput, env: DriverDeps['env']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return {
    ...out,
    LOCKSTEP_ENVIRONMENT: input.environment,
    LOCKSTEP_MANIFEST: input.manifestPath,
    LOCKSTEP_DIGEST: input.digest,
    LOCKSTEP_TAG: input.tag,
    LOCKSTEP_ROLLBACK: input.rollback ? 'true' : 'false',
    LOCKSTEP_CHANGES: JSON.stringify(input.changes),
  };
}

/**
 * The command driver: runs the configured program (no shell) in the repository root with the manifest
 * path and the changes in LOCKSTEP_* variables, streams its output to the log, and lets its exit code
 * decide. argv comes from the environment config alone, so no manifest data is ever parsed by a shell.
 */
export function commandDriver(
  argv: readonly [string, ...string[]],
  timeoutSeconds: number | undefined,
  deps: Pick<DriverDeps, 'root' | 'env' | 'spawn' | 'killGraceMs'>,
): DeployDriver {
  const timeout = timeoutSeconds ?? COMMAND_TIMEOUT_SECONDS;
  return {
    name: 'command',
    async deploy(input: DriverInput): Promise<DriverResult> {
      input.log(`command driver: running ${JSON.stringify(argv)} (timeout ${timeout} s)`);
      const outcome = await runProcess({
        argv,
        cwd: deps.root,
        env: commandEnvironment(input, deps.env),
        timeoutMs: timeout * 1000,
        killGraceMs: deps.killGraceMs ?? KILL_GRACE_MS,
        onLine: (line) => input.log(line),
        spawn: deps.spawn,
      });
      const ok = outcome.code === 0 && !outcome.timedOut;
      return { ok, detail: `deploy command ${describeOutcome(argv[0], outcome, timeout)}` };
    },
  };
}
