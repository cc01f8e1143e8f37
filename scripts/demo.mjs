// `npm run demo`: bundles test/demo/main.ts with esbuild (Node 20 cannot run .ts), imports it and plays
// the story on a fake GitHub. Exit 0 when every step passed; 1 with the failing step's message.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The bundle keeps packages external, and Node resolves them (and the fake's createRequire of
// @octokit/openapi) from the bundle's own folder: a folder in os.tmpdir() would find no node_modules,
// so the temporary folder lives under node_modules/.cache instead.
const cache = join(root, 'node_modules', '.cache');
let dir;
try {
  await mkdir(cache, { recursive: true });
  dir = await mkdtemp(join(cache, 'lockstep-demo-'));
  const outfile = join(dir, 'demo.mjs');
  await build({
    entryPoints: [join(root, 'test/demo/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  const { main } = await import(pathToFileURL(outfile).href);
  await main(join(root, 'examples'));
} catch (error) {
  // A thrown non-Error still fails the demo (STYLE 7).
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\ndemo failed: ${message}`);
  if (error instanceof Error && error.cause) console.error(`  cause: ${String(error.cause)}`);
  process.exitCode = 1;
} finally {
  if (dir) await rm(dir, { recursive: true, force: true });
}
