import { LockstepError } from '../core/errors.js';
import type { EnvVars, FetchFn, HealthCheckConfig, Log, Sleep, SpawnFn } from './driver.js';
import { describeOutcome, runProcess } from './run-process.js';

/** Defaults of `deploy.healthCheck`. */
export const HEALTH_DEFAULTS = { retries: 5, intervalSeconds: 5, timeoutSeconds: 30 } as const;
/** The wait between attempts doubles up to this, or up to intervalSeconds when that is larger. */
const INTERVAL_CAP_SECONDS = 300;

/** What a health check needs from the outside world. */
export interface HealthCheckDeps {
  /** Working directory of a check command. */
  root: string;
  env: EnvVars;
  /** The deploy being checked; handed to a check command in LOCKSTEP_* variables. */
  target: { environment: string; digest: string; tag: string };
  log: Log;
  fetch: FetchFn;
  spawn: SpawnFn;
  sleep: Sleep;
  killGraceMs?: number;
}

/** The outcome of all attempts. */
export interface HealthResult {
  healthy: boolean;
  attempts: number;
  /** What the last attempt saw. */
  detail: string;
}

/** Wait before retry `retry` (1-based): intervalSeconds doubling, capped. */
export function healthBackoffMs(retry: number, intervalSeconds: number): number {
  const cap = Math.max(intervalSeconds, INTERVAL_CAP_SECONDS);
  return Math.min(cap, intervalSeconds * 2 ** (retry - 1)) * 1000;
}

/**
 * Checks a deploy until it is healthy or the retries run out: a command (no shell) that must exit 0,
 * or a URL whose GET must answer 2xx. Throws only for a config with neither or both; an unhealthy
 * target is a result.
 */
export async function runHealthCheck(check: HealthCheckConfig, deps: HealthCheckDeps): Promise<HealthResult> {
  const retries = check.retries ?? HEALTH_DEFAULTS.retries;
  const interval = check.intervalSeconds ?? HEALTH_DEFAULTS.intervalSeconds;
  const timeout = check.timeoutSeconds ?? HEALTH_DEFAULTS.timeoutSeconds;
  const attempt = checkOnce(check, timeout, deps);
  let detail = '';
  for (let n = 1; n <= retries + 1; n++) {
    const result = await attempt();
    detail = result.detail;
    deps.log(`health check ${n}/${retries + 1}: ${detail}`);
    if (result.healthy) return { healthy: true, attempts: n, detail };
    if (n <= retries) await deps.sleep(healthBackoffMs(n, interval));
  }
  return { healthy: false, attempts: retries + 1, detail };
}

type Once = () => Promise<{ healthy: boolean; detail: string }>;

function checkOnce(check: HealthCheckConfig, timeout: number, deps: HealthCheckDeps): Once {
  if (check.command && check.url)
    throw new LockstepError('E_INPUT', 'deploy.healthCheck takes exactly one of command or url, not both');
  const argv = check.command;
  if (argv)
    return async () => {
      const outcome = await runProcess({
        argv,
        cwd: deps.root,
        env: {
          ...deps.env,
          LOCKSTEP_ENVIRONMENT: deps.target.environment,
          LOCKSTEP_DIGEST: deps.target.digest,
          LOCKSTEP_TAG: deps.target.tag,
        },
        timeoutMs: timeout * 1000,
        killGraceMs: deps.killGraceMs ?? 5000,
        onLine: (line) => deps.log(line),
        spawn: deps.spawn,
      });
      return {
        healthy: outcome.code === 0 && !outcome.timedOut,
        detail: `check command ${describeOutcome(argv[0], outcome, timeout)}`,
      };
    };
  const url = check.url;
  if (!url) throw new LockstepError('E_INPUT', 'deploy.healthCheck needs a command or a url');
  return async () => {
    try {
      const response = await deps.fetch(url, {
        method: 'GET',
        signal: AbortSignal.timeout(timeout * 1000),
      });
      // Read the body so the connection is released; a short excerpt helps when it says why.
      const text = (await response.text()).trim().replace(/\s+/g, ' ').slice(0, 120);
      const healthy = response.status >= 200 && response.status < 300;
      return { healthy, detail: `${url} answered ${response.status}${text && !healthy ? `: ${text}` : ''}` };
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      const reason =
        error instanceof Error
          ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}`
          : String(error);
      return {
        healthy: false,
        detail: timedOut
          ? `${url} did not answer within ${timeout} s`
          : `${url} could not be reached: ${reason}`,
      };
    }
  };
}
