import {
  createValidators,
  lockstepApp,
  tickAll
} from "./bot-chunk-AJMBSX34.js";

// bot/main.ts
import { createServer } from "node:http";
import { createNodeMiddleware, createProbot } from "probot";

// bot/server-settings.ts
function readServerSettings(env) {
  const missing = ["APP_ID", "WEBHOOK_SECRET"].filter((name) => !env[name]);
  if (!env.PRIVATE_KEY && !env.PRIVATE_KEY_PATH) missing.push("PRIVATE_KEY (or PRIVATE_KEY_PATH)");
  if (missing.length) {
    return {
      ok: false,
      error: `set ${missing.join(", ")}: the GitHub App's id, webhook secret and private key (see docs/bot.md, "Run it")`
    };
  }
  const port2 = Number(env.PORT ?? "3000");
  if (!Number.isInteger(port2) || port2 < 0 || port2 > 65535) {
    return { ok: false, error: `PORT must be a port number (0-65535), got "${env.PORT}"` };
  }
  const tickMinutes2 = Number(env.LOCKSTEP_TICK_MINUTES ?? "5");
  if (!Number.isFinite(tickMinutes2) || tickMinutes2 < 0) {
    return {
      ok: false,
      error: `LOCKSTEP_TICK_MINUTES must be a number of minutes (0 turns the tick off), got "${env.LOCKSTEP_TICK_MINUTES}"`
    };
  }
  const webhookPath2 = env.LOCKSTEP_WEBHOOK_PATH ?? "/api/github/webhooks";
  if (!webhookPath2.startsWith("/")) {
    return { ok: false, error: `LOCKSTEP_WEBHOOK_PATH must start with "/", got "${webhookPath2}"` };
  }
  return { ok: true, value: { port: port2, host: env.HOST ?? "0.0.0.0", webhookPath: webhookPath2, tickMinutes: tickMinutes2 } };
}

// bot/main.ts
var settings = readServerSettings(process.env);
if (!settings.ok) {
  process.stderr.write(`lockstep bot: ${settings.error}
`);
  process.exit(2);
}
var { port, host, webhookPath, tickMinutes } = settings.value;
var probot = createProbot();
var deps = { validators: createValidators(), clock: () => /* @__PURE__ */ new Date() };
var middleware = await createNodeMiddleware(lockstepApp(deps), { probot, webhooksPath: webhookPath });
var server = createServer((req, res) => {
  if (req.url === "/healthz") {
    res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
    return;
  }
  void middleware(req, res, () => res.writeHead(404).end());
});
server.listen(
  port,
  host,
  () => probot.log.info(`Lockstep bot listening on http://${host}:${port}${webhookPath}`)
);
if (tickMinutes > 0) {
  const log = (level, message) => probot.log[level](message);
  const tick = async () => {
    try {
      const outcome = await tickAll(probot, deps, log);
      log("info", `tick: ${outcome.repositories.length} repositories, ${outcome.failed.length} failed`);
    } catch (error) {
      log("error", `tick failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  setInterval(() => void tick(), tickMinutes * 6e4).unref();
}
