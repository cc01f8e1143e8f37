import type { CatalogIndex, RangeCache, Release } from '../catalog/catalog-index.js';
import { closest } from '../did-you-mean.js';
import { type Diagnostic, ResolveError } from '../errors.js';
import type { EnvironmentEntry } from '../load/load-repository.js';
import { diagnosticAt } from '../load/source.js';
import { capabilityRequirements, type Requirement, suiteRequirements } from './requirements.js';
import type { Versions } from './versions.js';

/**
 * SPEC section 3, steps 1 to 4: the highest non-yanked platform inside its pin, then for each of its
 * suites the highest inside the platform's range and the suite pin, then for each required capability
 * the highest inside every requiring suite's range and the capability pin. No backtracking: a pin that
 * leaves no candidate is an error naming the pin and the range it conflicts with.
 */
export function resolveVersions(entry: EnvironmentEntry, catalog: CatalogIndex): Versions {
  const pins = entry.config.pins ?? {};
  const { ranges } = catalog;

  const platformPin = pins.platform;
  // Without a pin, '*': like npm, a prerelease platform is chosen only by a range that names it.
  const platform = catalog.platform.find((r) => !r.yanked && ranges.test(platformPin ?? '*', r.sv));
  if (!platform) {
    if (!platformPin)
      throw new ResolveError(catalogProblem(entry, 'the catalog has no non-yanked platform release'));
    throw new ResolveError(
      diagnosticAt(
        entry.source,
        ['pins', 'platform'],
        `pins.platform: '${platformPin}' leaves no platform release (non-yanked releases: ${list(catalog.platform)})`,
      ),
    );
  }

  const suites = new Map<string, string>();
  for (const [name, req] of suiteRequirements(catalog, platform.version)) {
    const pin = pins.suites?.[name];
    const releases = catalog.suites.get(name) ?? [];
    const chosen = highest(releases, [req.range, pin], ranges);
    if (!chosen) throw new ResolveError(conflict(entry, catalog, `suite:${name}`, pin, [req], releases));
    suites.set(name, chosen.version);
  }

  const capabilities = new Map<string, string>();
  for (const [name, reqs] of capabilityRequirements(catalog, suites)) {
    const pin = pins.capabilities?.[name];
    const releases = catalog.capabilities.get(name) ?? [];
    const chosen = highest(releases, [...reqs.map((q) => q.range), pin], ranges);
    if (!chosen) throw new ResolveError(conflict(entry, catalog, `capability:${name}`, pin, reqs, releases));
    capabilities.set(name, chosen.version);
  }
  return { platform: platform.version, suites, capabilities };
}

/** The highest non-yanked release inside every given range (undefined entries: no constraint). */
function highest<R extends Release>(
  releases: readonly R[],
  within: readonly (string | undefined)[],
  ranges: RangeCache,
): R | undefined {
  const texts = within.filter((t): t is string => t !== undefined);
  return releases.find((r, i) => !r.yanked && texts.every((t) => ranges.testAt(releases, i, t)));
}

/** Names the pin when it is what leaves no candidate, otherwise the catalog ranges that disagree. */
function conflict(
  entry: EnvironmentEntry,
  catalog: CatalogIndex,
  item: `suite:${string}` | `capability:${string}`,
  pin: string | undefined,
  reqs: readonly Requirement[],
  releases: readonly Release[],
): Diagnostic {
  const [level, name] = item.split(':') as ['suite' | 'capability', string];
  const rangesText = reqs
    .map((q) => `${q.by === 'platform' ? 'platform' : `suite ${q.by}`} ${q.byVersion} requires '${q.range}'`)
    .join(', ');
  const withoutPin = highest(
    releases,
    reqs.map((q) => q.range),
    catalog.ranges,
  );
  if (pin && withoutPin) {
    const field = ['pins', level === 'suite' ? 'suites' : 'capabilities', name];
    return diagnosticAt(
      entry.source,
      field,
      `pins.${field[1]}.${name}: '${pin}' conflicts with ${rangesText}; no release of ${level} ${name} is inside both (highest that fits the ranges: ${withoutPin.version}). Widen or remove the pin`,
    );
  }
  const first = reqs[0];
  const where = first
    ? diagnosticAt(
        first.release.origin.source,
        [...first.release.origin.path, level === 'suite' ? 'suites' : 'capabilities', name],
        '',
      )
    : undefined;
  const message = releases.length
    ? `no non-yanked release of ${level} ${name} fits ${rangesText} (releases: ${list(releases)})`
    : `${level} ${name} is required (${rangesText}) but the catalog has no release of it`;
  return {
    ...(where ?? { file: entry.source.path, line: 0, col: 0 }),
    field: where?.field ?? '',
    message: `${entry.name}: ${message}`,
  };
}

function catalogProblem(entry: EnvironmentEntry, message: string): Diagnostic {
  return { file: entry.source.path, line: 0, col: 0, field: '', message };
}

function list(releases: readonly Release[]): string {
  const shown = releases
    .filter((r) => !r.yanked)
    .slice(0, 8)
    .map((r) => r.version);
  return shown.length ? `${shown.join(', ')}${releases.length > 8 ? ', ...' : ''}` : 'none';
}

/** A pin naming an item the catalog does not have is a typo, not a no-op; all are reported together. */
export function checkPinNames(entry: EnvironmentEntry, catalog: CatalogIndex): void {
  const pins = entry.config.pins ?? {};
  const problems: Diagnostic[] = [];
  for (const [level, known] of [
    ['suites', catalog.suites],
    ['capabilities', catalog.capabilities],
  ] as const) {
    for (const name of Object.keys(pins[level] ?? {})) {
      if (known.has(name)) continue;
      const guess = closest(name, known.keys());
      const kind = level === 'suites' ? 'suite' : 'capability';
      problems.push(
        diagnosticAt(
          entry.source,
          ['pins', level, name],
          `pins.${level}.${name}: the catalog has no ${kind} '${name}'${guess ? `; did you mean '${guess}'?` : ''}`,
          true,
        ),
      );
    }
  }
  const [first, ...rest] = problems;
  if (first) throw new ResolveError(first, ...rest);
}
