import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Writes several files so that a failure part-way leaves no half-written file: each is written to a
 * temporary name first, then all are renamed into place.
 */
export async function writeFilesAtomically(root: string, files: ReadonlyMap<string, string>): Promise<void> {
  const staged: [string, string][] = [];
  for (const [path, text] of files) {
    const target = join(root, path);
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.lockstep-tmp-${process.pid}`;
    await writeFile(temp, text);
    staged.push([temp, target]);
  }
  for (const [temp, target] of staged) await rename(temp, target);
}
