import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompileOutcome } from '../../src/core/compile.js';
import { ResolveError, UnpatchableError } from '../../src/core/errors.js';
import type { Catalog } from '../../src/core/generated/schema-types.js';
import { catalogArb, layoutArb, lightEnvironmentArb, textStyleArb } from '../helpers/arbitraries.js';
import {
  type CatalogLayout,
  catalogFiles,
  compileFiles,
  type EnvSpec,
  environmentDoc,
  NOW,
  renderDocument,
  type TextStyle,
} from '../helpers/catalog-builder.js';

type Result = { ok: true; outcome: CompileOutcome } | { ok: false; error: ResolveError | UnpatchableError };

/** Compiles; the only errors compile may raise on schema-valid input are ResolveError and UnpatchableError. */
async function attempt(files: Record<string, string>, now = NOW): Promise<Result> {
  try {
    return { ok: true, outcome: await compileFiles(files, 'prod', now) };
  } catch (error) {
    if (error instanceof ResolveError || error instanceof UnpatchableError) return { ok: false, error };
    throw error;
  }
}

function files(
  cat: Catalog,
  env: EnvSpec,
  layout: CatalogLayout = {},
  envStyle: TextStyle = { format: 'yaml' },
  manifest?: string,
): Record<string, string> {
  return {
    ...catalogFiles(cat, layout),
    // Keys shuffled, list order kept: see manifest-canonical.test.ts for the order of config lists.
    'environments/prod.yaml': renderDocument(environmentDoc('prod', env), {
      ...envStyle,
      shuffleLists: false,
    }),
    ...(manifest === undefined ? {} : { 'environments/prod.manifest.json': manifest }),
  };
}

const scenarioArb = catalogArb.chain((cat) =>
  fc.record({ cat: fc.constant(cat), env: lightEnvironmentArb(cat) }),
);

/** The same catalog with every default written out (`yanked: false`). */
function explicitDefaults(cat: Catalog): Catalog {
  const fill = <T extends { yanked?: boolean }>(list: readonly T[]) =>
    list.map((r) => ({ yanked: false, ...r }));
  const fillAll = <T extends { yanked?: boolean }>(map: Record<string, T[]> | undefined) =>
    Object.fromEntries(Object.entries(map ?? {}).map(([k, list]) => [k, fill(list)]));
  return {
    ...cat,
    platform: fill(cat.platform ?? []),
    suites: fillAll(cat.suites),
    capabilities: fillAll(cat.capabilities),
  };
}

describe('compile determinism (property)', () => {
  it('gives byte-identical manifests for the same meaning, however the catalog is split and written', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenarioArb,
        layoutArb,
        layoutArb,
        textStyleArb,
        fc.option(fc.nat()),
        async ({ cat, env }, one, two, envStyle, copySeed) => {
          const a = await attempt(files(cat, env, one));
          // The second time, a release may also be given again, identically (defaults written out).
          const copy =
            copySeed === null
              ? {}
              : {
                  'catalog/zz-copy.json': renderDocument(explicitDefaults(cat), {
                    format: 'json',
                    shuffleSeed: copySeed,
                  }),
                };
          const b = await attempt({ ...files(cat, env, two, envStyle), ...copy });
          expect(b.ok).toBe(a.ok);
          if (a.ok && b.ok) expect(b.outcome.text).toBe(a.outcome.text);
          if (!a.ok && !b.ok) {
            expect(b.error.code).toBe(a.error.code);
            if (a.error instanceof UnpatchableError)
              expect((b.error as UnpatchableError).advisory).toBe(a.error.advisory);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('compile idempotence (property)', () => {
  it('changes nothing when the manifest it wrote is fed back, on every channel', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ cat, env }) => {
        const first = await attempt(files(cat, env));
        fc.pre(first.ok);
        if (!first.ok) return;
        const again = await attempt(files(cat, env, {}, undefined, first.outcome.text));
        expect(again.ok && again.outcome.text).toBe(first.outcome.text);
        expect(again.ok && again.outcome.changed).toBe(false);
      }),
      { numRuns: 120 },
    );
  });

  it('frozen over an older manifest: patches once, then changes nothing; waiving everything restores the older versions', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ cat, env }) => {
        // The older manifest: compiled on auto-update before any advisory was published.
        const { hold: _h, freeze: _f, ...open } = env;
        const older = await attempt(files({ ...cat, advisories: [] }, { ...open, channel: 'auto-update' }));
        fc.pre(older.ok);
        if (!older.ok) return;
        const frozen: EnvSpec = { ...env, channel: 'frozen' };
        const patched = await attempt(files(cat, frozen, {}, undefined, older.outcome.text));
        fc.pre(patched.ok);
        if (!patched.ok) return;
        const again = await attempt(files(cat, frozen, {}, undefined, patched.outcome.text));
        expect(again.ok && again.outcome.text).toBe(patched.outcome.text);

        const waivers = (cat.advisories ?? []).map((a) => ({
          advisory: a.id,
          until: '2027-01-01',
          reason: 'accepted',
          approvedBy: 'bob',
        }));
        const waived = await attempt(
          files(
            cat,
            { ...frozen, security: { ...frozen.security, waivers } },
            {},
            undefined,
            patched.outcome.text,
          ),
        );
        expect(waived.ok).toBe(true);
        if (!waived.ok) return;
        const { digest: _a, channel: _b, security: _c, ...olderBody } = older.outcome.manifest;
        const { digest: _d, channel: _e, security: waivedSecurity, ...waivedBody } = waived.outcome.manifest;
        expect(waivedBody).toEqual(olderBody);
        expect(waivedSecurity.patches).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('compile and the clock (property)', () => {
  it('gives the same bytes at any time when no freeze window or waiver is involved (ADR 0006)', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.integer({ min: -400, max: 400 }), async ({ cat, env }, days) => {
        const { freeze: _f, security, ...rest } = env;
        const timeless: EnvSpec = {
          ...rest,
          ...(security?.enforce ? { security: { enforce: security.enforce } } : {}),
        };
        const later = new Date(NOW.getTime() + days * 24 * 60 * 60 * 1000);
        const a = await attempt(files(cat, timeless));
        const b = await attempt(files(cat, timeless), later);
        expect(b.ok).toBe(a.ok);
        if (a.ok && b.ok) expect(b.outcome.text).toBe(a.outcome.text);
      }),
      { numRuns: 80 },
    );
  });
});
