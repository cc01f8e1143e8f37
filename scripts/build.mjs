// Bundles the entries into dist/ (ESM, one file each, runnable with no install step).
import { build } from 'esbuild';
import { buildOptions } from './build-options.mjs';

await build(buildOptions);
