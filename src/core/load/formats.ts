import { fullFormats } from 'ajv-formats/dist/formats.js';
import semver from 'semver';

/** SemVer 2.0.0 (semver.org's regular expression) without build metadata: see ADR 0007. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?$/;

/** The range forms catalogs use most (^1.2.3, ~1.2.3, 1.2.3, 1.2.x), accepted without parsing. */
const SIMPLE_RANGE = /^[~^]?(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8}|x)\.(0|[1-9]\d{0,8}|x)$/;

/** A strict version whose numbers are safe integers (semver refuses larger ones). */
export function isVersion(v: string): boolean {
  const m = v.length <= 256 ? SEMVER.exec(v) : null;
  return m !== null && [m[1], m[2], m[3]].every((n) => Number.isSafeInteger(Number(n)));
}

/** A range npm's semver accepts; the common forms are recognised without building a Range. */
export function isRange(v: string): boolean {
  return SIMPLE_RANGE.test(v) || semver.validRange(v) !== null;
}

/**
 * The formats the schemas use, as the precompiled validators (src/core/generated/validators.js) call
 * them: objects through `.validate`, functions directly, the shapes scripts/gen-validators.mjs saw.
 * Formats run once per version and range in a catalog (150,000 in a large one), so they are cheap.
 */
export const formats = {
  semver: { type: 'string', validate: isVersion },
  'semver-range': { type: 'string', validate: isRange },
  date: fullFormats.date,
  'date-time': fullFormats['date-time'],
  uri: fullFormats.uri,
};
