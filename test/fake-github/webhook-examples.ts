import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** One webhook payload as GitHub sends it: a JSON object. */
export type Payload = Record<string, unknown>;

interface Definition {
  name: string;
  examples: Payload[];
}

/** Loaded once per process: the package's index is 4 MB of real payloads from api.github.com. */
let cached: Definition[] | undefined;

function definitions(): Definition[] {
  if (!cached) {
    const file = createRequire(import.meta.url).resolve('@octokit/webhooks-examples');
    cached = JSON.parse(readFileSync(file, 'utf8')) as Definition[];
  }
  return cached;
}

/**
 * A fresh copy of GitHub's first example payload for `event` (and `action`), from
 * @octokit/webhooks-examples; throws naming the actions that do have examples.
 */
export function examplePayload(event: string, action?: string): Payload {
  const definition = definitions().find((d) => d.name === event);
  if (!definition) throw new Error(`@octokit/webhooks-examples has no "${event}" event`);
  const example = definition.examples.find((e) => action === undefined || e.action === action);
  if (!example) {
    const actions = [...new Set(definition.examples.map((e) => String(e.action)))].join(', ');
    throw new Error(`@octokit/webhooks-examples has no "${event}.${action}" example (it has: ${actions})`);
  }
  return structuredClone(example);
}

/** Every action of `event` that has an example (an empty string for events without actions, like push). */
export function exampleActions(event: string): string[] {
  const definition = definitions().find((d) => d.name === event);
  return [
    ...new Set((definition?.examples ?? []).map((e) => (typeof e.action === 'string' ? e.action : ''))),
  ];
}
