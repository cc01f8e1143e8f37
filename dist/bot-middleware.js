import {
  createValidators,
  lockstepApp,
  tickAll
} from "./bot-chunk-AJMBSX34.js";

// bot/middleware.ts
import { createNodeMiddleware, createProbot } from "probot";
async function createLockstepMiddleware(options = {}) {
  const app = lockstepApp({ validators: createValidators(), clock: () => /* @__PURE__ */ new Date() });
  return createNodeMiddleware(app, {
    probot: createProbot(),
    webhooksPath: options.webhooksPath ?? "/api/github/webhooks"
  });
}
export {
  createLockstepMiddleware,
  lockstepApp,
  tickAll
};
