import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandDriver } from '../../src/deploy/command-driver.js';
import { createDriver } from '../../src/deploy/driver.js';
import { driverInput, testDeps, useTempDir } from './deploy-fixtures.js';

const tempDir = useTempDir();

/** Writes a node script into dir and returns the argv that runs it. */
async function script(dir: string, body: string, ...args: string[]): Promise<[string, ...string[]]> {
  const file = join(dir, 'deploy.mjs');
  await writeFile(file, body);
  return [process.execPath, file, ...args];
}

describe('command driver', () => {
  it('passes the deploy in LOCKSTEP_* variables and streams output lines to the log', async () => {
    const dir = await tempDir();
    const argv = await script(
      dir,
      `const e = process.env;
       console.log('env=' + e.LOCKSTEP_ENVIRONMENT + ' manifest=' + e.LOCKSTEP_MANIFEST);
       console.log('digest=' + e.LOCKSTEP_DIGEST + ' tag=' + e.LOCKSTEP_TAG + ' rollback=' + e.LOCKSTEP_ROLLBACK);
       const changes = JSON.parse(e.LOCKSTEP_CHANGES);
       console.error('changes=' + changes.map((c) => c.item + ':' + c.from + '->' + c.to).join(','));
       process.stdout.write('extra=' + e.EXTRA + ' cwd=' + process.cwd() + '\\nno newline at end');`,
    );
    const driver = createDriver({ driver: 'command', command: argv }, testDeps(dir, { EXTRA: 'kept' }));
    const input = driverInput({ rollback: true });
    const result = await driver.deploy(input);
    expect(result).toEqual({ ok: true, detail: `deploy command '${process.execPath}' exited with code 0` });
    expect(input.lines.slice(1).sort()).toEqual(
      [
        'env=prod-eu manifest=/repo/environments/prod-eu.manifest.json',
        'digest=sha256:0123abcd tag=deploy/prod-eu/7 rollback=true',
        'changes=capability:payments:1.2.5->1.2.7',
        `extra=kept cwd=${dir}`,
        'no newline at end',
      ].sort(),
    );
  });

  it('fails with the exit code in the detail', async () => {
    const dir = await tempDir();
    const argv = await script(dir, `console.log('deploying'); process.exit(3);`);
    const input = driverInput();
    const result = await commandDriver(argv, 30, testDeps(dir)).deploy(input);
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(/failed with exit code 3$/);
    expect(input.lines).toContain('deploying');
  });

  it('fails clearly when the program does not exist', async () => {
    const dir = await tempDir();
    const result = await commandDriver([join(dir, 'missing.sh')], 30, testDeps(dir)).deploy(driverInput());
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(/could not be started: .*ENOENT/);
  });

  it('stops a command that runs past its timeout, and its children', async () => {
    const dir = await tempDir();
    const pidFile = join(dir, 'grandchild.pid');
    // The child starts a grandchild in the same process group, then both sleep.
    const argv = await script(
      dir,
      `import { spawn } from 'node:child_process';
       import { writeFileSync } from 'node:fs';
       const g = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
       writeFileSync(${JSON.stringify(pidFile)}, String(g.pid));
       console.log('started');
       setTimeout(() => {}, 60000);`,
    );
    const started = Date.now();
    const input = driverInput();
    const result = await commandDriver(argv, 1, testDeps(dir)).deploy(input);
    expect(result).toEqual({
      ok: false,
      detail: `deploy command '${process.execPath}' timed out after 1 s and was stopped`,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    const grandchild = Number(await readFile(pidFile, 'utf8'));
    await expect.poll(() => alive(grandchild), { timeout: 3000 }).toBe(false);
  });

  it('kills a command that ignores SIGTERM after the grace period', async () => {
    const dir = await tempDir();
    const argv = await script(
      dir,
      `process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
       console.log('ready');
       setInterval(() => {}, 1000);`,
    );
    const input = driverInput();
    const result = await commandDriver(argv, 1, testDeps(dir)).deploy(input);
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(/timed out after 1 s/);
    expect(input.lines).toContain('ignoring SIGTERM');
  });

  it('never hands manifest data to a shell', async () => {
    const dir = await tempDir();
    const marker = join(dir, 'pwned');
    const evil = `$(touch ${marker}); touch ${marker}; \`touch ${marker}\``;
    // The argv itself holds shell syntax too: without a shell it is passed as a literal argument.
    const argv = await script(
      dir,
      `console.log('arg=' + process.argv[2]);
       console.log('env=' + process.env.LOCKSTEP_ENVIRONMENT);
       console.log('digest=' + process.env.LOCKSTEP_DIGEST);`,
      `; touch ${marker}`,
    );
    const input = driverInput({ environment: evil, digest: evil, tag: evil });
    const result = await commandDriver(argv, 30, testDeps(dir)).deploy(input);
    expect(result.ok).toBe(true);
    expect(input.lines).toContain(`arg=; touch ${marker}`);
    expect(input.lines).toContain(`env=${evil}`);
    expect(input.lines).toContain(`digest=${evil}`);
    expect(existsSync(marker)).toBe(false);
  });
});

/** Whether a process runs; a zombie waiting for its new parent to reap it counts as stopped. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
