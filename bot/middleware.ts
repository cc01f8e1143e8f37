import type { IncomingMessage, ServerResponse } from 'node:http';
import { createNodeMiddleware, createProbot } from 'probot';
import { createValidators } from '../src/core/load/schema-check.js';
import { lockstepApp } from './app.js';

/**
 * The app as a Node request handler, for a serverless function or an existing server: Probot reads
 * APP_ID, PRIVATE_KEY and WEBHOOK_SECRET from the environment. Nothing is kept between requests, so
 * any number of instances can serve deliveries (docs/bot.md, "Serverless").
 */
export async function createLockstepMiddleware(
  options: { webhooksPath?: string } = {},
): Promise<(req: IncomingMessage, res: ServerResponse, next?: () => void) => unknown> {
  const app = lockstepApp({ validators: createValidators(), clock: () => new Date() });
  return createNodeMiddleware(app, {
    probot: createProbot(),
    webhooksPath: options.webhooksPath ?? '/api/github/webhooks',
  });
}

export { lockstepApp } from './app.js';
export { tickAll } from './tick.js';
