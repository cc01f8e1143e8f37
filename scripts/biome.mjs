// Runs Biome's native binary. The registry this project installs from carries Biome's Linux builds
// only (ADR 0001), so they are optional dependencies and this wrapper finds the one for this machine.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pkg = `@biomejs/cli-${process.platform}-${process.arch}`;
let binary;
try {
  binary = join(
    dirname(require.resolve(`${pkg}/package.json`)),
    process.platform === 'win32' ? 'biome.exe' : 'biome',
  );
} catch {
  binary = undefined;
}
if (!binary || !existsSync(binary)) {
  console.error(
    `Biome has no installed build for ${process.platform}-${process.arch} (${pkg}); lint runs on Linux x64 and arm64.`,
  );
  process.exit(1);
}
const result = spawnSync(binary, process.argv.slice(2), { stdio: 'inherit' });
process.exit(result.status ?? 1);
