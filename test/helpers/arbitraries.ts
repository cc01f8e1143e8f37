import fc from 'fast-check';
import semver from 'semver';
import type { Severity } from '../../src/core/catalog/catalog-index.js';
import type { Advisory, Catalog } from '../../src/core/generated/schema-types.js';
import type { CatalogLayout, EnvSpec, TextStyle } from './catalog-builder.js';

/**
 * Small random catalogs and environments for the property tests: a few suites and capabilities,
 * versions from a small pool so that ranges overlap, sometimes conflict, and advisories hit.
 */

const SUITES = ['s1', 's2', 's3'] as const;
const CAPABILITIES = ['c1', 'c2', 'c3', 'c4'] as const;
const SEVERITY: readonly Severity[] = ['low', 'moderate', 'high', 'critical'];

const releaseVersionArb: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 }))
  .map(([major, minor, patch]) => `${major}.${minor}.${patch}`);

/** Versions 1.0.0 to 2.3.2, now and then a prerelease (which only ranges naming it match). */
export const versionArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: releaseVersionArb, weight: 15 },
  { arbitrary: releaseVersionArb.map((v) => `${v}-rc.1`), weight: 1 },
);

/** Any range over the pool: wide ones often, narrow or conflicting ones sometimes. */
export const rangeArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom('*', '^1.0.0', '^2.0.0', '1.x', '>=1.0.0'), weight: 4 },
  { arbitrary: versionArb.map((v) => `^${v}`), weight: 3 },
  { arbitrary: versionArb.map((v) => `~${v}`), weight: 2 },
  { arbitrary: versionArb, weight: 1 },
  { arbitrary: versionArb.map((v) => `<${v}`), weight: 1 },
  { arbitrary: fc.tuple(versionArb, versionArb).map(([a, b]) => `>=${a} <${b}`), weight: 1 },
);

/** A compatibility range in the catalog: mostly wide, so that most catalogs resolve. */
const compatRangeArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom('*', '>=1.0.0', '^1.0.0 || ^2.0.0'), weight: 16 },
  { arbitrary: fc.constantFrom('^1.0.0', '^2.0.0', '1.x', '>=1.1.0'), weight: 3 },
  { arbitrary: rangeArb, weight: 1 },
);

/** An advisory's affected range: mostly low versions, as real advisories are. */
const affectedArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: versionArb.map((v) => `<${v}`), weight: 3 },
  { arbitrary: versionArb, weight: 2 },
  { arbitrary: fc.tuple(versionArb, versionArb).map(([a, b]) => `>=${a} <${b}`), weight: 2 },
  { arbitrary: fc.constant('*'), weight: 1 },
);

/** Critical most often: it is the default security.enforce. */
const severityArb: fc.Arbitrary<Severity> = fc.oneof(
  { arbitrary: fc.constant('critical' as const), weight: 3 },
  { arbitrary: fc.constant('high' as const), weight: 2 },
  { arbitrary: fc.constantFrom('low' as const, 'moderate' as const), weight: 1 },
);

type AdvisoryTarget = { platform: true } | { suite: string } | { capability: string };

const yankedArb = fc.integer({ min: 0, max: 9 }).map((n) => n === 0);

function rangeMapArb(names: readonly string[]): fc.Arbitrary<Record<string, string>> {
  return fc
    .subarray([...names], { minLength: 1 })
    .chain((chosen) => fc.tuple(...chosen.map(() => compatRangeArb)).map((ranges) => zip(chosen, ranges)));
}

function zip<T>(keys: readonly string[], values: readonly T[]): Record<string, T> {
  return Object.fromEntries(keys.map((k, i) => [k, values[i]!]));
}

type Later = { later?: true };

/**
 * 1..max releases of distinct versions, some yanked; the highest 0 to 2 were published later (they
 * are absent from the older catalog), as fixes are.
 */
function releasesArb<T extends object>(
  extra: fc.Arbitrary<T>,
  max: number,
): fc.Arbitrary<(T & Later & { version: string; yanked?: true })[]> {
  return fc
    .uniqueArray(versionArb, { minLength: 1, maxLength: max })
    .map((versions) => [...versions].sort(semver.compare))
    .chain((versions) =>
      fc
        .tuple(fc.tuple(...versions.map(() => fc.tuple(extra, yankedArb))), fc.constantFrom(0, 1, 1, 2, 2))
        .map(([rest, later]) =>
          versions.map((version, i) => {
            const [more, yanked] = rest[i]!;
            // The lowest release always existed, so the older catalog names every item.
            const isLater = i > 0 && i >= versions.length - later;
            return {
              version,
              ...more,
              ...(yanked ? { yanked: true as const } : {}),
              ...(isLater ? { later: true as const } : {}),
            };
          }),
        ),
    );
}

function strip<T extends Later>(list: readonly T[], older: boolean): Omit<T, 'later'>[] {
  return list.filter((r) => !(older && r.later)).map(({ later: _later, ...r }) => r);
}

function stripAll<T extends Later>(
  map: Record<string, readonly T[]>,
  older: boolean,
): Record<string, Omit<T, 'later'>[]> {
  return Object.fromEntries(Object.entries(map).map(([k, list]) => [k, strip(list, older)]));
}

/** A catalog as it is now, and as it was before some releases and every advisory were published. */
export interface EvolvingCatalog {
  older: Catalog;
  newer: Catalog;
}

/** Random catalogs over a subset of s1..s3 and c1..c4; every named item has a release. */
export const evolvingCatalogArb: fc.Arbitrary<EvolvingCatalog> = fc
  .record({
    suites: fc.subarray([...SUITES], { minLength: 1 }),
    capabilities: fc.subarray([...CAPABILITIES], { minLength: 1 }),
  })
  .chain(({ suites, capabilities }) =>
    fc.record({
      platform: releasesArb(fc.record({ suites: rangeMapArb(suites) }), 3),
      suites: fc
        .tuple(...suites.map(() => releasesArb(fc.record({ capabilities: rangeMapArb(capabilities) }), 4)))
        .map((lists) => zip(suites, lists)),
      capabilities: fc
        .tuple(...capabilities.map(() => releasesArb(fc.record({ digested: fc.boolean() }), 5)))
        .map((lists) =>
          zip(
            capabilities,
            lists.map((list) =>
              list.map(({ digested, ...r }) => ({
                ...r,
                artifact: `reg/x:${r.version}`,
                ...(digested ? { digest: `sha256:${'c'.repeat(64)}` } : {}),
              })),
            ),
          ),
        ),
    }),
  )
  .chain((skeleton) => {
    // Advisories hit releases that exist: pick an item, one of its versions, and a range around it.
    type Listed = readonly { version: string; later?: true }[];
    const target = (t: AdvisoryTarget, list: Listed, weight: number) => ({
      target: t,
      versions: list.map((r) => r.version),
      // The highest release of the older catalog: what an older manifest holds.
      current: list.filter((r) => !r.later).at(-1)!.version,
      weight,
    });
    const targets = [
      target({ platform: true }, skeleton.platform, 1),
      ...Object.entries(skeleton.suites).map(([suite, list]) => target({ suite }, list, 2)),
      ...Object.entries(skeleton.capabilities).map(([capability, list]) => target({ capability }, list, 4)),
    ];
    const advisoryArb = fc
      .oneof(...targets.map((t) => ({ arbitrary: fc.constant(t), weight: t.weight })))
      .chain(({ target, versions, current }) =>
        fc.record({
          target: fc.constant(target),
          severity: severityArb,
          // Mostly what older manifests hold, with fixes published later.
          affected: fc.oneof(
            { arbitrary: fc.constant(`<=${current}`), weight: 3 },
            { arbitrary: fc.constant(current), weight: 2 },
            { arbitrary: fc.constantFrom(...versions).map((v) => `<=${v}`), weight: 2 },
            { arbitrary: fc.constantFrom(...versions).map((v) => `~${v}`), weight: 1 },
            { arbitrary: affectedArb, weight: 1 },
          ),
        }),
      );
    return fc.record({
      platform: fc.constant(skeleton.platform),
      suites: fc.constant(skeleton.suites),
      capabilities: fc.constant(skeleton.capabilities),
      advisories: fc.array(advisoryArb, { minLength: 1, maxLength: 3 }),
    });
  })
  .map(({ platform, suites, capabilities, advisories }) => {
    const doc = (older: boolean): Catalog => ({
      apiVersion: 'lockstep/v1',
      kind: 'Catalog',
      platform: strip(platform, older),
      suites: stripAll(suites, older),
      capabilities: stripAll(capabilities, older),
      advisories: older
        ? []
        : advisories.map(
            ({ target, severity, affected }, i): Advisory => ({
              id: `ADV-${i}`,
              severity,
              ...target,
              affected,
              summary: `advisory ${i}`,
              published: '2026-11-01',
            }),
          ),
    });
    return { older: doc(true), newer: doc(false) };
  });

/** A random catalog as it is now. */
export const catalogArb: fc.Arbitrary<Catalog> = evolvingCatalogArb.map((c) => c.newer);

/** The clock of the property tests is NOW (2026-12-01T12:00:00Z): these bracket it. */
const EXPIRED = '2026-11-30';
const IN_FORCE = '2026-12-01';
const ACTIVE_WINDOW = { from: '2026-11-20T00:00:00Z', until: '2026-12-10T00:00:00Z', reason: 'freeze' };
const PAST_WINDOW = { from: '2026-11-01T00:00:00Z', until: '2026-12-01T12:00:00Z' };

/** A random environment naming only items of the catalog. */
export function environmentArb(catalog: Catalog): fc.Arbitrary<EnvSpec> {
  const advisories = (catalog.advisories ?? []).map((a) => a.id);
  // Pins mostly name a release of the item (exact: a hard pin, or ^/~ of it), sometimes any range.
  const pinArb = (versions: readonly string[]) =>
    versions.length === 0
      ? rangeArb
      : fc.oneof(
          { arbitrary: fc.constantFrom(...versions), weight: 3 },
          { arbitrary: fc.constantFrom(...versions).map((v) => `~${v}`), weight: 1 },
          { arbitrary: fc.constantFrom(...versions).map((v) => `^${v}`), weight: 1 },
          { arbitrary: rangeArb, weight: 1 },
        );
  const versionsOf = (list: readonly { version: string }[] | undefined) => (list ?? []).map((r) => r.version);
  const sparse = (releases: Record<string, readonly { version: string }[]>) =>
    fc
      .subarray(Object.keys(releases), { maxLength: Math.min(2, Object.keys(releases).length) })
      .chain((chosen) =>
        fc.tuple(...chosen.map((name) => pinArb(versionsOf(releases[name])))).map((r) => zip(chosen, r)),
      );
  return fc.record(
    {
      channel: fc.constantFrom('auto-update', 'manual-approval', 'frozen'),
      pins: fc.record(
        {
          platform: pinArb(versionsOf(catalog.platform)),
          suites: sparse(catalog.suites ?? {}),
          capabilities: sparse(catalog.capabilities ?? {}),
        },
        { requiredKeys: [] },
      ),
      security: fc.record(
        {
          enforce: fc.constantFrom(...SEVERITY),
          waivers: fc.subarray(advisories).chain((ids) =>
            fc.tuple(...ids.map(() => fc.constantFrom(EXPIRED, IN_FORCE))).map((untils) =>
              ids.map((advisory, i) => ({
                advisory,
                until: untils[i]!,
                reason: 'accepted',
                approvedBy: 'bob',
              })),
            ),
          ),
        },
        { requiredKeys: [] },
      ),
      hold: fc.constant({ reason: 'rolled back', since: '2026-11-24' }),
      freeze: fc.constantFrom([ACTIVE_WINDOW], [PAST_WINDOW]),
    },
    { requiredKeys: ['channel'] },
  );
}

/** Pins make most random environments unresolvable: drop them half the time. */
export function lightEnvironmentArb(catalog: Catalog): fc.Arbitrary<EnvSpec> {
  return fc.tuple(environmentArb(catalog), fc.boolean()).map(([env, keepPins]) => {
    if (keepPins) return env;
    const { pins: _dropped, ...rest } = env;
    return rest;
  });
}

/** A text style for one file: YAML (block or flow, any quoting, indent) or JSON, keys shuffled. */
export const textStyleArb: fc.Arbitrary<TextStyle> = fc.oneof(
  fc.record({
    format: fc.constant('yaml' as const),
    flow: fc.boolean(),
    indent: fc.constantFrom(2, 4),
    quote: fc.constantFrom('plain' as const, 'double' as const, 'single' as const),
    shuffleSeed: fc.nat(),
  }),
  fc.record({ format: fc.constant('json' as const), indent: fc.constantFrom(0, 2), shuffleSeed: fc.nat() }),
);

/** How a catalog is split: 1 to 4 files, entries spread at random, each file its own style. */
export const layoutArb: fc.Arbitrary<CatalogLayout> = fc.integer({ min: 1, max: 4 }).chain((files) =>
  fc.record({
    assign: fc.array(fc.integer({ min: 0, max: files - 1 }), { minLength: 1, maxLength: 12 }),
    styles: fc.array(textStyleArb, { minLength: files, maxLength: files }),
  }),
);
