import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { LockstepError } from '../core/errors.js';
import type { Environment } from '../core/generated/schema-types.js';
import type { Change } from '../core/policy/classify.js';
import { commandDriver } from './command-driver.js';
import { directoryDriver } from './directory-driver.js';
import { webhookDriver } from './webhook-driver.js';

/** The `deploy` block of an environment config. */
export type DeployConfig = NonNullable<Environment['deploy']>;

/** The `deploy.healthCheck` block of an environment config. */
export type HealthCheckConfig = NonNullable<DeployConfig['healthCheck']>;

/** The names of the drivers. */
export type DriverName = NonNullable<DeployConfig['driver']>;

/** Writes one line to the run's log. */
export type Log = (line: string) => void;

/** Waits the given milliseconds; tests pass a fake that records the delays. */
export type Sleep = (ms: number) => Promise<void>;

/** Environment variables as `process.env` holds them. */
export type EnvVars = Readonly<Record<string, string | undefined>>;

/** The slice of `child_process.spawn` the drivers use (always without a shell). */
export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

/** The slice of `fetch` the drivers use. */
export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

/** What a driver deploys. */
export interface DriverInput {
  /** The environment name. */
  environment: string;
  /** Absolute path of the compiled manifest. */
  manifestPath: string;
  /** The manifest's exact text (canonical JSON), as committed. */
  manifestText: string;
  /** The manifest digest, `sha256:...`. */
  digest: string;
  /** What changes compared with the last deploy. */
  changes: readonly Change[];
  /** The deploy tag this deploy will get, `deploy/<env>/<n>`. */
  tag: string;
  /** True when this deploy restores an earlier manifest. */
  rollback: boolean;
  /** The run's log. */
  log: Log;
}

/** How a deploy ended; `detail` is one line for the log and the Deployment status. */
export interface DriverResult {
  ok: boolean;
  detail: string;
}

/** Deploys a manifest to an environment's target. */
export interface DeployDriver {
  readonly name: DriverName;
  deploy(input: DriverInput): Promise<DriverResult>;
}

/** What the drivers need from the outside world; defaults are filled by `createDriver`'s caller. */
export interface DriverDeps {
  /** Repository root: the directory driver writes under it, the command driver runs in it. */
  root: string;
  /** Environment variables handed to commands and read for the webhook secret. */
  env: EnvVars;
  spawn: SpawnFn;
  fetch: FetchFn;
  sleep: Sleep;
  /** A number in [0, 1) for backoff jitter. */
  random: () => number;
  /** A fresh delivery id (a UUID). */
  newId: () => string;
  /** How long a timed-out command gets between SIGTERM and SIGKILL (default 5000). */
  killGraceMs?: number;
}

/**
 * Picks the driver an environment's `deploy` block names (directory when there is none). Throws a
 * LockstepError for a config the driver cannot run with (a missing webhook secret), before anything
 * is deployed.
 */
export function createDriver(config: DeployConfig | undefined, deps: DriverDeps): DeployDriver {
  switch (config?.driver ?? 'directory') {
    case 'directory':
      return directoryDriver(deps.root);
    case 'command': {
      if (!config?.command)
        throw new LockstepError('E_INPUT', 'deploy.command is required with the command driver');
      return commandDriver(config.command, config.timeoutSeconds, deps);
    }
    case 'webhook': {
      if (!config?.url) throw new LockstepError('E_INPUT', 'deploy.url is required with the webhook driver');
      return webhookDriver(
        {
          url: config.url,
          secretEnv: config.secretEnv,
          timeoutSeconds: config.timeoutSeconds,
          retries: config.retries,
        },
        deps,
      );
    }
  }
}
