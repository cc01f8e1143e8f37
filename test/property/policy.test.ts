import fc from 'fast-check';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import type { CompileOutcome } from '../../src/core/compile.js';
import { ResolveError, UnpatchableError } from '../../src/core/errors.js';
import type { Catalog } from '../../src/core/generated/schema-types.js';
import { classifyChange } from '../../src/core/policy/classify.js';
import { decideVerdict } from '../../src/core/policy/verdict.js';
import { evolvingCatalogArb, lightEnvironmentArb } from '../helpers/arbitraries.js';
import {
  catalogFiles,
  compileFiles,
  type EnvSpec,
  environmentDoc,
  renderDocument,
} from '../helpers/catalog-builder.js';

async function compiled(cat: Catalog, env: EnvSpec, manifest?: string): Promise<CompileOutcome | undefined> {
  const files = {
    ...catalogFiles(cat),
    'environments/prod.yaml': renderDocument(environmentDoc('prod', env)),
    ...(manifest === undefined ? {} : { 'environments/prod.manifest.json': manifest }),
  };
  try {
    return await compileFiles(files, 'prod');
  } catch (error) {
    if (error instanceof ResolveError || error instanceof UnpatchableError) return undefined;
    throw error;
  }
}

const scenarioArb = evolvingCatalogArb.chain((cat) =>
  fc.record({
    cat: fc.constant(cat),
    env: lightEnvironmentArb(cat.newer),
    other: lightEnvironmentArb(cat.newer),
  }),
);

describe('policy (property)', () => {
  it('classifies every changed item, and only those, by how its version moved', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ cat, env, other }) => {
        const before = await compiled(cat.older, { ...env, channel: 'auto-update' });
        const after = await compiled(cat.newer, other);
        fc.pre(before !== undefined && after !== undefined);
        if (!before || !after) return;
        const change = classifyChange(before.manifest, after.manifest);
        const flat = (o: CompileOutcome) =>
          new Map<string, string>([
            ['platform', o.manifest.platform],
            ...Object.entries(o.manifest.suites).map(([k, v]): [string, string] => [`suite:${k}`, v]),
            ...Object.entries(o.manifest.capabilities).map(([k, c]): [string, string] => [
              `capability:${k}`,
              c.version,
            ]),
          ]);
        const old = flat(before);
        const now = flat(after);
        const moved = [...new Set([...old.keys(), ...now.keys()])].filter((k) => old.get(k) !== now.get(k));
        expect(change.changes.map((c) => c.item).sort()).toEqual(moved.sort());
        for (const c of change.changes) {
          expect(c.from).toBe(old.get(c.item) ?? null);
          expect(c.to).toBe(now.get(c.item) ?? null);
          if (c.class === 'security-patch') {
            const patch = after.manifest.security.patches.find((p) => p.item === c.item);
            expect(patch?.to).toBe(c.to);
            expect(c.advisory).toBe(patch?.advisory);
          } else if (c.from === null) expect(c.class).toBe('added');
          else if (c.to === null) expect(c.class).toBe('removed');
          else expect(c.class).toBe(semver.gt(c.to, c.from) ? 'upgrade' : 'downgrade');
        }
      }),
      { numRuns: 120 },
    );
  });

  it('never blocks what compile gives a frozen environment over its last manifest: only enforced patches change', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ cat, env }) => {
        const { hold: _h, freeze: _f, ...open } = env;
        const before = await compiled(cat.older, { ...open, channel: 'auto-update' });
        fc.pre(before !== undefined);
        if (!before) return;
        const frozenEnv: EnvSpec = { ...env, channel: 'frozen' };
        const after = await compiled(cat.newer, frozenEnv, before.text);
        fc.pre(after !== undefined);
        if (!after) return;
        const change = classifyChange(before.manifest, after.manifest);
        expect(change.changes.filter((c) => c.class !== 'security-patch')).toEqual([]);
        const config = environmentDoc('prod', frozenEnv);
        const gate = { channel: config.channel, freeze: after.freeze };
        expect(decideVerdict(config, gate, change).verdict).toBe('allowed');
      }),
      { numRuns: 150 },
    );
  });
});
