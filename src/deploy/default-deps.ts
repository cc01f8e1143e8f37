import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { DriverDeps, EnvVars } from './driver.js';

/**
 * The real implementations of the drivers' dependencies, bound once by a shell (the Action or the
 * CLI); tests build their own. `env` is passed in rather than read here, so this file reads no globals.
 */
export function defaultDriverDeps(root: string, env: EnvVars): DriverDeps {
  return {
    root,
    env,
    spawn: (command, args, options) => spawn(command, [...args], options),
    fetch: (url, init) => fetch(url, init),
    sleep: async (ms) => {
      await delay(ms);
    },
    random: Math.random,
    newId: randomUUID,
  };
}
