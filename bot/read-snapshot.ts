import { SETTINGS_PATH } from '../src/core/load/load-repository.js';
import { type RepositorySnapshot, readSnapshot } from '../src/github/graphql-snapshot.js';
import type { BotContext } from './bot-context.js';

/**
 * The repository at `ref` as the bot reads it, in one GraphQL request: the settings file, the
 * catalog and environments folders (or only `dirs`), the deploy tags, and the refs under each of
 * `recordPrefixes` with their commit messages.
 */
export function readRepositorySnapshot(
  ctx: BotContext,
  ref: string,
  recordPrefixes: readonly string[],
  dirs: readonly string[] = [ctx.settings.catalogDir, ctx.settings.environmentsDir],
): Promise<RepositorySnapshot> {
  return readSnapshot(ctx.octokit, ctx.coordinates, {
    ref,
    settingsPath: SETTINGS_PATH,
    dirs,
    tagPrefix: ctx.settings.tagPrefix,
    recordPrefixes,
  });
}
