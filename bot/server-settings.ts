/** The server's own settings, beside Probot's (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, ...). */
export interface ServerSettings {
  port: number;
  host: string;
  webhookPath: string;
  /** Minutes between scheduled ticks; 0 turns the timer off (use a workflow schedule instead). */
  tickMinutes: number;
}

/**
 * Reads the environment once (STYLE 2). Probot's own variables are checked here too, so that a
 * missing one is named at start-up instead of failing the first delivery.
 */
export function readServerSettings(
  env: Readonly<Record<string, string | undefined>>,
): { ok: true; value: ServerSettings } | { ok: false; error: string } {
  const missing = ['APP_ID', 'WEBHOOK_SECRET'].filter((name) => !env[name]);
  if (!env.PRIVATE_KEY && !env.PRIVATE_KEY_PATH) missing.push('PRIVATE_KEY (or PRIVATE_KEY_PATH)');
  if (missing.length) {
    return {
      ok: false,
      error: `set ${missing.join(', ')}: the GitHub App's id, webhook secret and private key (see docs/bot.md, "Run it")`,
    };
  }
  const port = Number(env.PORT ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return { ok: false, error: `PORT must be a port number (0-65535), got "${env.PORT}"` };
  }
  const tickMinutes = Number(env.LOCKSTEP_TICK_MINUTES ?? '5');
  if (!Number.isFinite(tickMinutes) || tickMinutes < 0) {
    return {
      ok: false,
      error: `LOCKSTEP_TICK_MINUTES must be a number of minutes (0 turns the tick off), got "${env.LOCKSTEP_TICK_MINUTES}"`,
    };
  }
  const webhookPath = env.LOCKSTEP_WEBHOOK_PATH ?? '/api/github/webhooks';
  if (!webhookPath.startsWith('/')) {
    return { ok: false, error: `LOCKSTEP_WEBHOOK_PATH must start with "/", got "${webhookPath}"` };
  }
  return { ok: true, value: { port, host: env.HOST ?? '0.0.0.0', webhookPath, tickMinutes } };
}
