import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DeployDriver, DriverInput, DriverResult } from './driver.js';

/** Where the directory driver keeps deployed state, relative to the repository root. */
export const STATE_DIR = '.lockstep';

/** The file the directory driver writes: `.lockstep/<env>/deployed.manifest.json`. */
export function deployedManifestPath(environment: string): string {
  // Environment names are schema-checked; this guards the path against a name that was not.
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(environment))
    throw new Error(`directory driver: '${environment}' is not a valid environment name`);
  return join(STATE_DIR, environment, 'deployed.manifest.json');
}

/**
 * Writes `text` to `target` so that readers see the old file or the new one, never a part: a temporary
 * file in the same directory, flushed to disk, then renamed over the target.
 */
export async function writeFileAtomically(target: string, text: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temp = `${target}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The directory driver (the default): the deployed manifest under `.lockstep/` in the repository. */
export function directoryDriver(root: string): DeployDriver {
  return {
    name: 'directory',
    async deploy(input: DriverInput): Promise<DriverResult> {
      const path = deployedManifestPath(input.environment);
      await writeFileAtomically(join(root, path), input.manifestText);
      input.log(`directory driver: wrote ${path}`);
      return { ok: true, detail: `wrote ${path}` };
    },
  };
}
