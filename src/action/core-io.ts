import * as core from '@actions/core';
import type { ActionIo } from './action-io.js';
import type { ActionEnv } from './settings.js';

/** The runner's ActionIo: @actions/core, with the summary skipped (and said) outside a runner. */
export function coreIo(env: ActionEnv): ActionIo {
  return {
    info: (message) => core.info(message),
    error: (message, properties) => core.error(message, properties),
    warning: (message, properties) => core.warning(message, properties),
    setOutput: (name, value) => core.setOutput(name, value),
    setFailed: (message) => core.setFailed(message),
    async summary(markdown) {
      if (!env.GITHUB_STEP_SUMMARY) {
        core.info('GITHUB_STEP_SUMMARY is not set: job summary skipped');
        return;
      }
      await core.summary.addRaw(markdown, true).write();
    },
  };
}

/** Octokit's retries and rate-limit waits as warnings in the log; its chatter as debug lines. */
export function octokitLog(level: 'debug' | 'info' | 'warn' | 'error', message: string): void {
  if (level === 'warn' || level === 'error') core.warning(message);
  else core.debug(message);
}
