// Bundles the entries into dist/ (ESM, one file each): the CLI and the Action self-contained, the bot
// over node_modules (scripts/build-options.mjs).
import { build } from 'esbuild';
import { allBuilds } from './build-options.mjs';

for (const options of allBuilds) await build(options);
