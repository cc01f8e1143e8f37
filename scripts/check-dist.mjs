// Fails when the committed dist/ differs from a fresh build (an action runs from its repository, so
// dist/ is what users run). Builds in memory with the same options as scripts/build.mjs.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { allBuilds } from './build-options.mjs';

const outputFiles = [];
for (const options of allBuilds) outputFiles.push(...(await build({ ...options, write: false })).outputFiles);
const stale = [];
for (const file of outputFiles) {
  const committed = await readFile(file.path, 'utf8').catch(() => undefined);
  if (committed !== file.text) stale.push(file.path.slice(process.cwd().length + 1));
}
// A file a fresh build would not write (an old chunk of the bot) is stale too.
const fresh = new Set(outputFiles.map((f) => f.path));
for (const name of await readdir('dist')) {
  const path = join(process.cwd(), 'dist', name);
  if (!fresh.has(path)) stale.push(`dist/${name} (not built any more: delete it)`);
}
if (stale.length) {
  console.error(`dist/ is stale (${stale.join(', ')}): run npm run build and commit dist/`);
  process.exit(1);
}
console.log(`dist/ matches a fresh build (${outputFiles.length} file(s))`);
