import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LockstepError } from '../../src/core/errors.js';
import { healthBackoffMs, runHealthCheck } from '../../src/deploy/health-check.js';
import { testDeps, useTempDir } from './deploy-fixtures.js';
import { useServer } from './http-server.js';

const serve = useServer();
const tempDir = useTempDir();

function healthDeps(root: string) {
  const deps = testDeps(root, { FROM_RUNNER: 'yes' });
  const lines: string[] = [];
  return {
    ...deps,
    log: (line: string) => lines.push(line),
    target: { environment: 'prod-eu', digest: 'sha256:abc', tag: 'deploy/prod-eu/7' },
    lines,
  };
}

describe('health check', () => {
  it('retries a URL until it answers 2xx, with growing waits', async () => {
    const { url, requests } = await serve((n) =>
      n < 2 ? { status: 503, body: 'warming up' } : { status: 200 },
    );
    const deps = healthDeps('/repo');
    const result = await runHealthCheck({ url, intervalSeconds: 2 }, deps);
    expect(result).toEqual({ healthy: true, attempts: 3, detail: `${url} answered 200` });
    expect(requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
    expect(deps.delays).toEqual([2000, 4000]);
    expect(deps.lines[0]).toBe(`health check 1/6: ${url} answered 503: warming up`);
  });

  it('reports unhealthy after the last retry, with the last detail', async () => {
    const { url, requests } = await serve(() => ({ status: 500 }));
    const deps = healthDeps('/repo');
    const result = await runHealthCheck({ url, retries: 2, intervalSeconds: 1 }, deps);
    expect(result).toEqual({ healthy: false, attempts: 3, detail: `${url} answered 500` });
    expect(requests).toHaveLength(3);
    expect(deps.delays).toEqual([1000, 2000]);
  });

  it('times out a URL that does not answer', async () => {
    const { url } = await serve((n) => (n === 0 ? 'hang' : { status: 204 }));
    const deps = healthDeps('/repo');
    const result = await runHealthCheck({ url, retries: 1, timeoutSeconds: 1 }, deps);
    expect(result).toEqual({ healthy: true, attempts: 2, detail: `${url} answered 204` });
    expect(deps.lines[0]).toBe(`health check 1/2: ${url} did not answer within 1 s`);
  });

  it('runs a command without a shell until it exits 0', async () => {
    const dir = await tempDir();
    const counter = join(dir, 'count');
    const file = join(dir, 'check.mjs');
    // Fails twice, then passes; prints what it was told about the deploy.
    await writeFile(
      file,
      `import { existsSync, readFileSync, writeFileSync } from 'node:fs';
       const n = existsSync(${JSON.stringify(counter)}) ? Number(readFileSync(${JSON.stringify(counter)}, 'utf8')) : 0;
       writeFileSync(${JSON.stringify(counter)}, String(n + 1));
       console.log('check ' + n + ' ' + process.env.LOCKSTEP_ENVIRONMENT + ' ' + process.env.LOCKSTEP_DIGEST + ' ' + process.env.LOCKSTEP_TAG + ' ' + process.env.FROM_RUNNER);
       process.exit(n < 2 ? 1 : 0);`,
    );
    const deps = healthDeps(dir);
    const result = await runHealthCheck({ command: [process.execPath, file], intervalSeconds: 3 }, deps);
    expect(result).toEqual({
      healthy: true,
      attempts: 3,
      detail: `check command '${process.execPath}' exited with code 0`,
    });
    expect(deps.lines).toContain('check 2 prod-eu sha256:abc deploy/prod-eu/7 yes');
    expect(deps.lines).toContain(
      `health check 1/6: check command '${process.execPath}' failed with exit code 1`,
    );
    expect(deps.delays).toEqual([3000, 6000]);
  });

  it('caps the wait at five minutes, or at the interval when that is larger', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => healthBackoffMs(n, 10) / 1000)).toEqual([
      10, 20, 40, 80, 160, 300, 300,
    ]);
    expect([1, 2, 3].map((n) => healthBackoffMs(n, 600) / 1000)).toEqual([600, 600, 600]);
  });

  it('refuses a check with both or neither of command and url', async () => {
    const deps = healthDeps('/repo');
    await expect(runHealthCheck({ command: ['true'], url: 'http://127.0.0.1:1/' }, deps)).rejects.toThrow(
      LockstepError,
    );
    await expect(runHealthCheck({ retries: 1 }, deps)).rejects.toThrow(/needs a command or a url/);
  });
});
