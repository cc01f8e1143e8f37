#!/usr/bin/env node
import { runCli } from './run-cli.js';

// The entry holds no logic: run the CLI with the real process and clock.
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => new Date(),
  cwd: process.cwd(),
});
