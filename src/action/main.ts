import * as core from '@actions/core';
import { fsReader } from '../cli/fs-reader.js';
import { createOctokit } from '../github/octokit.js';
import { createGitHubPort } from '../github/octokit-port.js';
import { coreIo, octokitLog } from './core-io.js';
import { run } from './run.js';
import { readSettings } from './settings.js';

// The entry holds no logic (STYLE 1): real inputs, runner variables, GitHub client and clock in,
// run(); anything thrown, Error or not, fails the step (STYLE 7).
try {
  const settings = readSettings((name) => core.getInput(name), process.env, process.cwd());
  core.setSecret(settings.token);
  const octokit = createOctokit({
    token: settings.token,
    baseUrl: settings.apiUrl,
    log: octokitLog,
  });
  await run({
    settings,
    port: createGitHubPort(octokit, settings.repository),
    readerForWorkspace: fsReader,
    io: coreIo(process.env),
    now: () => new Date(),
    env: process.env,
  });
} catch (error) {
  core.setFailed(error instanceof Error ? error.message : `unexpected failure: ${String(error)}`);
}
