import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, Probot, ProbotOctokit } from 'probot';
import { lockstepApp } from '../../bot/app.js';
import type { FakeGitHub, RegisteredApp } from '../fake-github/index.js';

/** The webhook secret the demo's deliveries are signed with. */
export const WEBHOOK_SECRET = 'lockstep-demo-webhook-secret';

/** The Lockstep app running behind Probot's real middleware, reachable at `hookUrl`. */
export interface BotServer {
  app: RegisteredApp;
  hookUrl: string;
  close(): Promise<void>;
}

/**
 * Registers the Lockstep GitHub App on the fake (installed on the repositories that exist) and serves
 * bot/app.ts through Probot's `createNodeMiddleware`, as `npm run bot` does: Probot authenticates
 * with the app's key, verifies each delivery's signature and hands the event to the app. Retries and
 * throttling are off: the fake injects no faults here, and a failing request should fail its step.
 */
export async function startBotServer(fake: FakeGitHub, clock: () => Date): Promise<BotServer> {
  const app = fake.registerApp({ slug: 'lockstep', name: 'Lockstep' });
  const probot = new Probot({
    appId: app.appId,
    privateKey: app.privateKey,
    secret: WEBHOOK_SECRET,
    logLevel: 'fatal',
    Octokit: ProbotOctokit.defaults((options: object) => ({
      ...options,
      baseUrl: fake.url,
      retry: { enabled: false },
      throttle: { enabled: false },
    })),
  });
  const middleware = await createNodeMiddleware(lockstepApp({ clock }), {
    probot,
    webhooksPath: '/api/github/webhooks',
  });
  const server: Server = createServer((req, res) => {
    void middleware(req, res, () => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    app,
    hookUrl: `http://127.0.0.1:${port}/api/github/webhooks`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
