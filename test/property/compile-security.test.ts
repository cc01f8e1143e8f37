import fc from 'fast-check';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import type { CompileOutcome } from '../../src/core/compile.js';
import { ResolveError, UnpatchableError } from '../../src/core/errors.js';
import type { Advisory, Catalog, Manifest } from '../../src/core/generated/schema-types.js';
import type { Versions } from '../../src/core/resolve/versions.js';
import { type EvolvingCatalog, evolvingCatalogArb, lightEnvironmentArb } from '../helpers/arbitraries.js';
import {
  catalogFiles,
  compileFiles,
  type EnvSpec,
  environmentDoc,
  listAt,
  renderDocument,
} from '../helpers/catalog-builder.js';

/** Versions as plain records: item key -> version. */
type Flat = Record<string, string>;

type Result = { ok: true; outcome: CompileOutcome } | { ok: false; error: ResolveError | UnpatchableError };

async function attempt(cat: Catalog, env: EnvSpec, manifest?: string): Promise<Result> {
  const files = {
    ...catalogFiles(cat),
    'environments/prod.yaml': renderDocument(environmentDoc('prod', env)),
    ...(manifest === undefined ? {} : { 'environments/prod.manifest.json': manifest }),
  };
  try {
    return { ok: true, outcome: await compileFiles(files, 'prod') };
  } catch (error) {
    // Anything else (a TypeError, an InputError on schema-valid input) fails the property.
    if (error instanceof ResolveError || error instanceof UnpatchableError) return { ok: false, error };
    throw error;
  }
}

/** The two ways a compile runs: fresh, and frozen over a manifest compiled before the advisories. */
async function bothFlows(
  { older, newer }: EvolvingCatalog,
  env: EnvSpec,
): Promise<{ fresh: Result; frozen?: Result; olderText?: string }> {
  const fresh = await attempt(newer, env);
  const { hold: _h, freeze: _f, ...open } = env;
  const before = await attempt(older, { ...open, channel: 'auto-update' });
  if (!before.ok) return { fresh };
  const frozen = await attempt(newer, { ...env, channel: 'frozen' }, before.outcome.text);
  return { fresh, frozen, olderText: before.outcome.text };
}

const SEVERITIES = ['low', 'moderate', 'high', 'critical'];
const TODAY = '2026-12-01'; // the date of NOW, the clock compileFiles uses

/** Enforced advisories, computed from the SPEC's words rather than from the implementation. */
function enforced(cat: Catalog, env: EnvSpec): Advisory[] {
  const floor = SEVERITIES.indexOf(env.security?.enforce ?? 'critical');
  const waived = (env.security?.waivers ?? []).filter((w) => w.until >= TODAY).map((w) => w.advisory);
  return (cat.advisories ?? []).filter(
    (a) => SEVERITIES.indexOf(a.severity) >= floor && !waived.includes(a.id),
  );
}

const itemOf = (a: Advisory): string =>
  a.capability ? `capability:${a.capability}` : a.suite ? `suite:${a.suite}` : 'platform';

function flatManifest(m: Manifest): Flat {
  return {
    platform: m.platform,
    ...Object.fromEntries(Object.entries(m.suites).map(([k, v]) => [`suite:${k}`, v])),
    ...Object.fromEntries(Object.entries(m.capabilities).map(([k, c]) => [`capability:${k}`, c.version])),
  };
}

function flatVersions(v: Versions): Flat {
  return {
    platform: v.platform,
    ...Object.fromEntries([...v.suites].map(([k, x]) => [`suite:${k}`, x])),
    ...Object.fromEntries([...v.capabilities].map(([k, x]) => [`capability:${k}`, x])),
  };
}

type AnyRelease = { version: string; yanked?: boolean };
function releases(cat: Catalog, item: string): AnyRelease[] {
  if (item === 'platform') return cat.platform ?? [];
  if (item.startsWith('suite:')) return cat.suites?.[item.slice(6)] ?? [];
  return cat.capabilities?.[item.slice(11)] ?? [];
}

/** Steps 1 to 4 written out from the SPEC: highest non-yanked inside every range and the pin. */
function resolveOracle(cat: Catalog, env: EnvSpec): Flat | undefined {
  const pins = env.pins ?? {};
  const highest = (list: readonly AnyRelease[], fits: (v: string) => boolean) =>
    list
      .filter((r) => !r.yanked && fits(r.version))
      .map((r) => r.version)
      .sort(semver.rcompare)[0];
  // No pin means '*', which (as every range) matches a prerelease only when it names one.
  const platform = highest(cat.platform ?? [], (v) => semver.satisfies(v, pins.platform ?? '*'));
  if (!platform) return undefined;
  const out: Flat = { platform };
  const release = cat.platform!.find((r) => r.version === platform)!;
  const ranges: Record<string, string[]> = {};
  for (const [name, range] of Object.entries(release.suites)) {
    const pin = pins.suites?.[name];
    const v = highest(
      cat.suites?.[name] ?? [],
      (x) => semver.satisfies(x, range) && (!pin || semver.satisfies(x, pin)),
    );
    if (!v) return undefined;
    out[`suite:${name}`] = v;
    const suite = cat.suites![name]!.find((r) => r.version === v)!;
    for (const [cap, r] of Object.entries(suite.capabilities)) listAt(ranges, cap).push(r);
  }
  for (const [cap, list] of Object.entries(ranges)) {
    const pin = pins.capabilities?.[cap];
    const v = highest(
      cat.capabilities?.[cap] ?? [],
      (x) => list.every((r) => semver.satisfies(x, r)) && (!pin || semver.satisfies(x, pin)),
    );
    if (!v) return undefined;
    out[`capability:${cap}`] = v;
  }
  return out;
}

/** Every suite and capability is the set its parents name, inside their ranges, and not yanked. */
function expectConsistent(cat: Catalog, m: Manifest): void {
  const platform = cat.platform?.find((r) => r.version === m.platform);
  expect(platform, `platform ${m.platform} is in the catalog`).toBeDefined();
  expect(platform!.yanked ?? false).toBe(false);
  expect(Object.keys(m.suites).sort()).toEqual(Object.keys(platform!.suites).sort());
  const required: Record<string, { by: string; range: string }[]> = {};
  for (const [name, version] of Object.entries(m.suites)) {
    const release = cat.suites?.[name]?.find((r) => r.version === version);
    expect(release, `suite ${name} ${version} is in the catalog`).toBeDefined();
    expect(release!.yanked ?? false, `suite ${name} ${version} is not yanked`).toBe(false);
    expect(
      semver.satisfies(version, platform!.suites[name]!),
      `suite ${name} ${version} fits the platform`,
    ).toBe(true);
    for (const [cap, range] of Object.entries(release!.capabilities))
      listAt(required, cap).push({ by: name, range });
  }
  expect(Object.keys(m.capabilities).sort()).toEqual(Object.keys(required).sort());
  for (const [name, c] of Object.entries(m.capabilities)) {
    const release = cat.capabilities?.[name]?.find((r) => r.version === c.version);
    expect(release, `capability ${name} ${c.version} is in the catalog`).toBeDefined();
    expect(release!.yanked ?? false, `capability ${name} ${c.version} is not yanked`).toBe(false);
    expect(c.artifact).toBe(release!.artifact);
    expect(c.requiredBy).toEqual(required[name]!.map((q) => q.by).sort());
    for (const q of required[name]!)
      expect(
        semver.satisfies(c.version, q.range),
        `capability ${name} ${c.version} fits ${q.by} '${q.range}'`,
      ).toBe(true);
  }
}

/** SPEC 3.6's promise: no version in a compiled manifest carries an enforced advisory. */
function expectNoEnforcedAdvisory(cat: Catalog, env: EnvSpec, m: Manifest): void {
  const versions = flatManifest(m);
  for (const a of enforced(cat, env)) {
    const version = versions[itemOf(a)];
    if (version !== undefined)
      expect(
        semver.satisfies(version, a.affected),
        `${itemOf(a)} ${version} carries ${a.id} '${a.affected}'`,
      ).toBe(false);
  }
}

/** Each record says from -> to; undoing them all gives the starting versions (ADR 0003). */
function expectExactRecords(outcome: CompileOutcome, env: EnvSpec): void {
  const versions = flatManifest(outcome.manifest);
  const start = flatVersions(outcome.start);
  const undone: Flat = { ...versions };
  for (const p of outcome.manifest.security.patches) {
    expect(versions[p.item] ?? null).toBe(p.to);
    expect(start[p.item] ?? null).toBe(p.from);
    if (p.from === null) delete undone[p.item];
    else undone[p.item] = p.from;
    const pin =
      p.item === 'platform'
        ? env.pins?.platform
        : p.item.startsWith('suite:')
          ? env.pins?.suites?.[p.item.slice(6)]
          : env.pins?.capabilities?.[p.item.slice(11)];
    if (pin && p.to && !semver.satisfies(p.to, pin)) expect(p.overrides.join('\n')).toContain(`'${pin}'`);
    for (const reason of outcome.freeze.reasons) expect(p.overrides).toContain(reason);
  }
  expect(undone).toEqual(start);
}

const scenarioArb = evolvingCatalogArb.chain((cat) =>
  fc.record({ cat: fc.constant(cat), env: lightEnvironmentArb(cat.newer) }),
);

describe('compile security (property)', () => {
  it('either fails with ResolveError/UnpatchableError or gives a consistent manifest no enforced advisory affects', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ cat, env }) => {
        const { fresh, frozen } = await bothFlows(cat, env);
        for (const [result, spec] of [
          [fresh, env],
          [frozen, { ...env, channel: 'frozen' as const }],
        ] as const) {
          if (!result?.ok) continue;
          expectNoEnforcedAdvisory(cat.newer, spec, result.outcome.manifest);
          expectConsistent(cat.newer, result.outcome.manifest);
          expectExactRecords(result.outcome, spec);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('resolves steps 1 to 4 as the SPEC says: the highest non-yanked release inside every range and pin', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ cat, env }) => {
        const expected = resolveOracle(cat.newer, env);
        const result = await attempt(cat.newer, env);
        if (!expected) {
          expect(result.ok ? 'compiled' : result.error.code).toBe('E_RESOLVE');
          return;
        }
        if (!result.ok) {
          expect(result.error.code).toBe('E_UNPATCHABLE');
          return;
        }
        expect(flatVersions(result.outcome.start)).toEqual(expected);
        if (result.outcome.manifest.security.patches.length === 0)
          expect(flatManifest(result.outcome.manifest)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('replaces an affected capability by its lowest non-yanked unaffected release above it that fits, when one exists', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ cat, env }) => {
        const { fresh, frozen } = await bothFlows(cat, env);
        for (const [result, spec] of [
          [fresh, env],
          [frozen, { ...env, channel: 'frozen' as const }],
        ] as const) {
          if (!result?.ok) continue;
          const start = flatVersions(result.outcome.start);
          const binding = enforced(cat.newer, spec);
          const affects = (item: string, v: string) =>
            binding.some((a) => itemOf(a) === item && semver.satisfies(v, a.affected));
          // Only the simple case: no platform or suite affected, so no parent moves.
          if (Object.entries(start).some(([item, v]) => !item.startsWith('capability:') && affects(item, v)))
            continue;
          const ranges: Record<string, string[]> = {};
          for (const [item, v] of Object.entries(start)) {
            if (!item.startsWith('suite:')) continue;
            const suite = cat.newer.suites![item.slice(6)]!.find((r) => r.version === v)!;
            for (const [cap, r] of Object.entries(suite.capabilities))
              listAt(ranges, `capability:${cap}`).push(r);
          }
          const expected: Flat = { ...start };
          let direct = true;
          for (const [item, v] of Object.entries(start)) {
            if (!item.startsWith('capability:') || !affects(item, v)) continue;
            const fix = releases(cat.newer, item)
              .filter(
                (r) =>
                  !r.yanked &&
                  semver.gt(r.version, v) &&
                  !affects(item, r.version) &&
                  (ranges[item] ?? []).every((q) => semver.satisfies(r.version, q)),
              )
              .map((r) => r.version)
              .sort(semver.compare)[0];
            if (!fix) direct = false;
            else expected[item] = fix;
          }
          if (!direct) continue;
          expect(flatManifest(result.outcome.manifest)).toEqual(expected);
          const patched = Object.keys(expected).filter((k) => expected[k] !== start[k]);
          expect(result.outcome.manifest.security.patches.map((p) => p.item)).toEqual(patched.sort());
        }
      }),
      { numRuns: 150 },
    );
  });
});
