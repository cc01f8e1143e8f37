import { createServer } from 'node:http';
import { createNodeMiddleware, createProbot } from 'probot';
import { createValidators } from '../src/core/load/schema-check.js';
import { lockstepApp } from './app.js';
import { readServerSettings } from './server-settings.js';
import { tickAll } from './tick.js';

/*
 * `npm run bot`: the Lockstep app as a long-running Node server. Probot reads APP_ID, PRIVATE_KEY (or
 * PRIVATE_KEY_PATH), WEBHOOK_SECRET and the rest of its environment; Lockstep adds PORT, HOST,
 * LOCKSTEP_WEBHOOK_PATH and LOCKSTEP_TICK_MINUTES (see docs/bot.md). Steps:
 *   1. read and check the server settings (a missing variable stops here, naming it);
 *   2. mount the app on Probot's Node middleware at the webhook path;
 *   3. listen;
 *   4. tick every LOCKSTEP_TICK_MINUTES (0: never) so freeze windows apply on time.
 */
const settings = readServerSettings(process.env);
if (!settings.ok) {
  process.stderr.write(`lockstep bot: ${settings.error}\n`);
  process.exit(2);
}
const { port, host, webhookPath, tickMinutes } = settings.value;
const probot = createProbot();
const deps = { validators: createValidators(), clock: () => new Date() };
const middleware = await createNodeMiddleware(lockstepApp(deps), { probot, webhooksPath: webhookPath });
const server = createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    return;
  }
  void middleware(req, res, () => res.writeHead(404).end());
});
server.listen(port, host, () =>
  probot.log.info(`Lockstep bot listening on http://${host}:${port}${webhookPath}`),
);

if (tickMinutes > 0) {
  const log = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => probot.log[level](message);
  const tick = async () => {
    try {
      const outcome = await tickAll(probot, deps, log);
      log('info', `tick: ${outcome.repositories.length} repositories, ${outcome.failed.length} failed`);
    } catch (error) {
      log('error', `tick failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  setInterval(() => void tick(), tickMinutes * 60_000).unref();
}
