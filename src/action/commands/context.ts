import type { Repository } from '../../core/load/load-repository.js';
import type { Validators } from '../../core/load/schema-check.js';
import type { DriverDeps } from '../../deploy/driver.js';
import type { GitHubPort } from '../../github/github-port.js';
import type { ActionIo } from '../action-io.js';
import type { CommandResult } from '../result.js';
import type { ActionEnv, Settings } from '../settings.js';

/** What every Action command gets: the loaded repository, GitHub, the runner and the clock. */
export interface CommandContext {
  settings: Settings;
  repo: Repository;
  validators: Validators;
  port: GitHubPort;
  io: ActionIo;
  now: Date;
  /** The runner's variables, for deploy drivers and health checks (absent: none). */
  env?: ActionEnv;
  /** The drivers' outside world (absent: defaultDriverDeps). */
  driverDeps?: (root: string, env: ActionEnv) => DriverDeps;
}

export type ActionCommandRunner = (ctx: CommandContext) => Promise<CommandResult>;

/** The deploy tag prefix: the input, else .github/lockstep.yml (whose default is 'deploy'). */
export function tagPrefixOf(ctx: CommandContext): string {
  return ctx.settings.tagPrefix ?? ctx.repo.settings.tagPrefix;
}
