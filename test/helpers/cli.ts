import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { TempRepo } from './temp-repo.js';

/** The built CLI: `npm run build` makes it; the test script checks it is fresh before vitest runs. */
export const CLI_PATH = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** What one CLI run gave. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js ...args` in `cwd`, without colour, and never rejects on a non-zero exit. */
export function runCli(cwd: string, ...args: string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.GITHUB_ACTIONS;
  // Git in the CLI must not read the developer's config; tags are created in the test's own repo.
  env.GIT_CONFIG_NOSYSTEM = '1';
  env.GIT_CONFIG_GLOBAL = '/dev/null';
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI_PATH, ...args],
      { cwd, env, encoding: 'utf8', timeout: 20_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}

/** A stack trace line, as Node prints them: users must never see one. */
export const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

/**
 * Runs a command that must be refused as invalid input or usage: exit 2, no stack trace, and nothing
 * written (files, and in a Git repository HEAD, refs and index the same before and after).
 */
export async function expectRefused(repo: TempRepo, ...args: string[]): Promise<CliResult> {
  const before = await repo.state();
  const result = await runCli(repo.root, ...args);
  expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 2 });
  expect(result.stderr).not.toMatch(STACK_TRACE);
  expect(result.stderr).not.toMatch(/internal error/);
  expect(await repo.state()).toEqual(before);
  if (args.includes('--json')) expect(() => JSON.parse(result.stdout)).not.toThrow();
  else expect(result.stdout).toBe('');
  return result;
}

/** Parses stdout as the one JSON document `--json` promises. */
export function jsonOf(result: CliResult): Record<string, unknown> {
  return JSON.parse(result.stdout) as Record<string, unknown>;
}
