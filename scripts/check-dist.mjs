// Fails when the committed dist/ differs from a fresh build (an action runs from its repository, so
// dist/ is what users run). Builds in memory with the same options as scripts/build.mjs.
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { allBuilds } from './build-options.mjs';

const outputFiles = [];
for (const options of allBuilds) outputFiles.push(...(await build({ ...options, write: false })).outputFiles);
const stale = [];
for (const file of outputFiles) {
  const committed = await readFile(file.path, 'utf8').catch(() => undefined);
  if (committed !== file.text) stale.push(file.path.slice(process.cwd().length + 1));
}
if (stale.length) {
  console.error(`dist/ is stale (${stale.join(', ')}): run npm run build and commit dist/`);
  process.exit(1);
}
console.log(`dist/ matches a fresh build (${outputFiles.length} file(s))`);
