// Bundles the entries into dist/ (ESM, one file each): the CLI and the Action self-contained, the bot
// over node_modules (scripts/build-options.mjs).
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { allBuilds } from './build-options.mjs';

// dist/ holds exactly what the build writes: chunk names change with their content.
await rm('dist', { recursive: true, force: true });
for (const options of allBuilds) await build(options);
