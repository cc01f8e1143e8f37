import { SETTINGS_PATH } from '../src/core/load/load-repository.js';
import type { BotContext } from './bot-context.js';

/** Whether any of `paths` is a Lockstep file: the catalog, an environment, or the settings. */
export function touchesLockstep(ctx: BotContext, paths: readonly string[]): boolean {
  const dirs = [ctx.settings.catalogDir, ctx.settings.environmentsDir].map((d) => `${d}/`);
  return paths.some((p) => p === SETTINGS_PATH || dirs.some((d) => p.startsWith(d)));
}
