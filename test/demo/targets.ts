import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FetchFn } from '../../src/deploy/driver.js';

/** The secret prod-eu's deploy hook shares with the workflow (LOCKSTEP_PROD_EU_SECRET). */
export const PROD_EU_SECRET = 'acme-prod-eu-hook-secret';
/** The analytics release whose migration fails on staging's database (act 6). */
export const BROKEN_ANALYTICS = '1.2.1';

/** One manifest prod-eu's hook accepted. */
export interface HookDelivery {
  digest: string;
  tag: string;
  rollback: boolean;
}

/**
 * acme's infrastructure, simulated in the demo's process behind one local HTTP server:
 *
 * - `deploy.acme.example.com/hooks/lockstep/prod-eu`, prod-eu's deploy hook (examples/environments/
 *   prod-eu.yaml): checks the HMAC signature the webhook driver sends and accepts the manifest;
 * - `staging.acme.example.com/healthz`, staging's health (the health check the update PR adds): it
 *   reads what staging runs, which the directory driver wrote under the runner's workspace
 *   (`.lockstep/staging/deployed.manifest.json`, as a GitOps agent would pick it up), and answers 503
 *   while analytics 1.2.1 runs.
 *
 * The drivers reach it through `fetch`, which sends `*.acme.example.com` here (the runner's DNS).
 */
export class Targets {
  readonly prodEu: HookDelivery[] = [];
  /** The workspace of the deploy running now: where staging's agent finds its manifest. */
  workspace = '';
  #server: Server | undefined;
  #origin = '';

  /** Starts the local server. */
  async start(): Promise<void> {
    const server = createServer((req, res) => void this.#answer(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    this.#origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** The drivers' fetch: acme's hosts go to the local server, with the host name kept in a header. */
  readonly fetch: FetchFn = (url, init) => {
    const target = new URL(url);
    if (!target.hostname.endsWith('.acme.example.com')) return fetch(url, init);
    const headers = new Headers(init.headers);
    headers.set('x-demo-host', target.hostname);
    return fetch(`${this.#origin}${target.pathname}`, { ...init, headers });
  };

  async close(): Promise<void> {
    const server = this.#server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const route = `${req.method} ${req.headers['x-demo-host']}${req.url}`;
    try {
      if (route === 'POST deploy.acme.example.com/hooks/lockstep/prod-eu')
        return this.#prodEuHook(req, body, res);
      if (route === 'GET staging.acme.example.com/healthz') return await this.#stagingHealth(res);
      res.writeHead(404).end('no such endpoint');
    } catch (error) {
      res.writeHead(500).end(error instanceof Error ? error.message : String(error));
    }
  }

  #prodEuHook(req: IncomingMessage, body: string, res: ServerResponse): void {
    const expected = `sha256=${createHmac('sha256', PROD_EU_SECRET).update(body).digest('hex')}`;
    const given = String(req.headers['x-lockstep-signature-256'] ?? '');
    if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      res.writeHead(401).end('bad signature');
      return;
    }
    const digest = String(req.headers['x-lockstep-digest'] ?? '');
    this.prodEu.push({
      digest,
      tag: String(req.headers['x-lockstep-tag'] ?? ''),
      rollback: req.headers['x-lockstep-rollback'] === 'true',
    });
    res.writeHead(202).end(`prod-eu rolling out ${digest.slice(0, 19)}`);
  }

  async #stagingHealth(res: ServerResponse): Promise<void> {
    const path = join(this.workspace, '.lockstep', 'staging', 'deployed.manifest.json');
    const manifest = JSON.parse(await readFile(path, 'utf8')) as { suites?: Record<string, string> };
    const analytics = manifest.suites?.analytics;
    if (analytics === BROKEN_ANALYTICS) {
      res.writeHead(503).end(`analytics ${analytics}: migration 0042 failed on the reports database`);
      return;
    }
    res.writeHead(200).end('ok');
  }
}
