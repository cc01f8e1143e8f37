/** The fake GitHub's public API for the Action's and the bot's tests. */
export type { FaultKind, FaultSpec, Faults, FaultTarget } from './faults.js';
export { HTML_BASE, nodeId, type SimpleUser, simpleUser } from './github-objects.js';
export { defaultHandlers } from './handlers/index.js';
export type { RateLimits } from './http-reply.js';
export { type GitHubDescription, loadGitHubSpec } from './openapi/description.js';
export type { LoggedRequest, Problem, ProblemKind } from './request-log.js';
export { seedRepository } from './seed.js';
export { type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from './server.js';
export type { RegisteredApp } from './state/apps-store.js';
export { type Clock, githubTime, steppingClock } from './state/clock.js';
export { type Account, FakeState } from './state/store.js';
export {
  type FakeRequest,
  type FakeResponse,
  GitHubError,
  type Handler,
  type HandlerTable,
  notFound,
  validationFailed,
} from './types.js';
export { type DeliverOptions, type Delivery, deliverWebhook, signBody } from './webhooks.js';
