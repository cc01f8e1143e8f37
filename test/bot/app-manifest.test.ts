import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lockstepApp } from '../../bot/app.js';

const manifest = parse(readFileSync(new URL('../../app.yml', import.meta.url), 'utf8')) as {
  default_events: string[];
  default_permissions: Record<string, string>;
};

/** The events the app registers handlers for, by running its app function against a recorder. */
function subscribedEvents(): string[] {
  const events = new Set<string>();
  const recorder = {
    on(names: string | string[]) {
      for (const name of [names].flat()) events.add(name.split('.')[0] ?? name);
    },
  };
  // The app function only registers handlers; the recorder stands in for Probot.
  (lockstepApp() as unknown as (app: typeof recorder) => void)(recorder);
  return [...events].sort();
}

describe('app.yml, the GitHub App manifest', () => {
  it('subscribes to exactly the events the app handles', () => {
    expect([...manifest.default_events].sort()).toEqual(subscribedEvents());
  });

  it('asks for the least privilege the features need, as docs/bot.md lists', () => {
    expect(manifest.default_permissions).toEqual({
      metadata: 'read',
      contents: 'write',
      pull_requests: 'write',
      issues: 'write',
      checks: 'write',
      statuses: 'read',
      deployments: 'read',
      administration: 'write',
      members: 'read',
    });
    const doc = readFileSync(new URL('../../docs/bot.md', import.meta.url), 'utf8');
    for (const [permission, level] of Object.entries(manifest.default_permissions))
      expect(doc).toContain(`\`${permission}: ${level}\``);
  });
});
