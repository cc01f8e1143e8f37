import type { Diagnostic } from '../src/core/errors.js';
import { InputError } from '../src/core/errors.js';
import type { Settings } from '../src/core/generated/schema-types.js';
import { type ResolvedSettings, resolveSettings, SETTINGS_PATH } from '../src/core/load/load-repository.js';
import { checkSchema, type Validators } from '../src/core/load/schema-check.js';

/** Reads `.github/lockstep.yml` the way Probot does (default branch, `_extends` from another repository). */
export type ConfigReader = () => Promise<unknown>;

/**
 * The repository's settings with every default filled in, read through Probot's config (so an
 * organisation can share them from its `.github` repository with `_extends`) and checked against
 * schemas/settings.schema.json before anything acts on them (STYLE, "config validated first").
 * An invalid file is an InputError naming each field; the caller reports it and changes nothing.
 */
export async function readBotSettings(read: ConfigReader, validators: Validators): Promise<ResolvedSettings> {
  const raw = (await read()) ?? {};
  // Probot has parsed and merged the YAML already, so positions are unknown: messages name the field.
  const problems = checkSchema(validators, 'settings', raw, { path: SETTINGS_PATH, text: '' });
  if (problems.length) throw new InputError(problems.map(withoutPosition));
  return resolveSettings(raw as Settings);
}

function withoutPosition(d: Diagnostic): Diagnostic {
  return { ...d, line: 0, col: 0 };
}
