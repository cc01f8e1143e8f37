import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { defaultDriverDeps } from '../../src/deploy/default-deps.js';
import type { DriverDeps, DriverInput, EnvVars } from '../../src/deploy/driver.js';

/** A canonical-looking manifest text; its content does not matter to the drivers. */
export const MANIFEST_TEXT = `${JSON.stringify({ apiVersion: 'lockstep/v1', kind: 'Manifest', environment: 'prod-eu' })}\n`;

/** A driver input with a log that records lines. */
export function driverInput(overrides: Partial<DriverInput> = {}): DriverInput & { lines: string[] } {
  const lines: string[] = [];
  return {
    environment: 'prod-eu',
    manifestPath: '/repo/environments/prod-eu.manifest.json',
    manifestText: MANIFEST_TEXT,
    digest: 'sha256:0123abcd',
    changes: [{ item: 'capability:payments', from: '1.2.5', to: '1.2.7', class: 'upgrade', why: 'pin' }],
    tag: 'deploy/prod-eu/7',
    rollback: false,
    log: (line) => lines.push(line),
    ...overrides,
    lines,
  };
}

/** Real spawn and fetch; a sleep that records its delays and returns at once; fixed randomness. */
export function testDeps(root: string, env: EnvVars = {}): DriverDeps & { delays: number[] } {
  const delays: number[] = [];
  let id = 0;
  return {
    ...defaultDriverDeps(root, env),
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
    newId: () => `delivery-${++id}`,
    killGraceMs: 300,
    delays,
  };
}

/** A temporary directory removed after the test. */
export function useTempDir(): () => Promise<string> {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lockstep-deploy-'));
    dirs.push(dir);
    return dir;
  };
}
