import { createHmac, randomUUID } from 'node:crypto';
import { simpleUser } from './github-objects.js';
import type { RepoContext } from './handlers/handler-context.js';
import type { FakeGitHub } from './server.js';
import { examplePayload, type Payload } from './webhook-examples.js';
import { adjustPayload, type PayloadOptions } from './webhook-payloads.js';

/** What deliverWebhook sends, and where. */
export interface DeliverOptions extends PayloadOptions {
  /** The app's webhook URL, e.g. http://127.0.0.1:PORT/api/github/webhooks. */
  to: string;
  /** The app's webhook secret; the body is signed with it (x-hub-signature-256). */
  secret: string;
  repo: { owner: string; name: string };
  /** Deep-merged into the adjusted payload last (plain objects merge, anything else replaces). */
  payload?: Payload;
  /** Reuse a delivery id to play a redelivery; a new UUID otherwise. */
  deliveryId?: string;
  /** The x-github-hook-id header (default 1). */
  hookId?: number;
  /** Sign with the wrong secret, as a forged delivery would be. */
  badSignature?: boolean;
}

/** The app's answer to one delivery. */
export interface Delivery {
  status: number;
  body: string;
  deliveryId: string;
  /** The payload as sent, for assertions. */
  payload: Payload;
}

/** GitHub's `sha256=<hex>` signature of the exact body bytes. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Delivers GitHub's real example payload for `event`/`action` (from @octokit/webhooks-examples),
 * adjusted to the fake's state, signed and POSTed with the headers GitHub's Hookshot sends.
 * Redelivery (same `deliveryId`) is the app's problem to make idempotent, as on GitHub.
 */
export async function deliverWebhook(fake: FakeGitHub, options: DeliverOptions): Promise<Delivery> {
  const repo = fake.state.repo(options.repo.owner, options.repo.name);
  if (!repo)
    throw new Error(`deliverWebhook: the fake has no repository ${options.repo.owner}/${options.repo.name}`);
  const ctx: RepoContext = {
    repo,
    base: fake.url,
    repoUrl: `${fake.url}/repos/${repo.fullName}`,
    user: (login) => simpleUser(fake.state.account(login), fake.url),
  };
  // repository_dispatch's action is the client's event type, which no example carries.
  const exampleAction = options.event === 'repository_dispatch' ? undefined : options.action;
  const adjusted = adjustPayload(fake.state, ctx, examplePayload(options.event, exampleAction), options);
  const payload = options.payload ? (deepMerge(adjusted, options.payload) as Payload) : adjusted;
  const body = JSON.stringify(payload);
  const deliveryId = options.deliveryId ?? randomUUID();
  const installation = payload.installation as { id?: number } | undefined;
  const app = installation?.id === undefined ? undefined : fake.state.apps.installations.get(installation.id);
  const secret = options.badSignature ? `${options.secret}-forged` : options.secret;
  const response = await fetch(options.to, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/f4ke5e7',
      'x-github-event': options.event,
      'x-github-delivery': deliveryId,
      'x-github-hook-id': String(options.hookId ?? 1),
      'x-github-hook-installation-target-type': 'integration',
      'x-github-hook-installation-target-id': String(app?.appId ?? 0),
      'x-hub-signature': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`,
      'x-hub-signature-256': signBody(secret, body),
    },
    body,
  });
  return { status: response.status, body: await response.text(), deliveryId, payload };
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = deepMerge(base[key], value);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
