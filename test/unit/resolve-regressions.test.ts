import { describe, expect, it } from 'vitest';
import { compileEnvironment } from '../../src/core/compile.js';
import { UnpatchableError } from '../../src/core/errors.js';
import { loadRepository } from '../../src/core/load/load-repository.js';
import { createValidators } from '../../src/core/load/schema-check.js';
import { environment } from '../helpers/fixture-repo.js';
import { memoryReader } from '../helpers/memory-reader.js';

const validators = createValidators();
const NOW = new Date('2026-11-24T12:00:00Z');

async function compile(catalog: string, body = 'channel: auto-update\n') {
  const repo = await loadRepository(
    memoryReader({ 'catalog/c.yaml': catalog, 'environments/e.yaml': environment('e', body) }),
    validators,
  );
  return compileEnvironment(repo.environments.get('e')!, repo.catalog, NOW);
}

const HEAD = 'apiVersion: lockstep/v1\nkind: Catalog\n';

describe('resolution regressions', () => {
  it('never picks a prerelease platform without a pin naming it', async () => {
    const catalog = `${HEAD}platform:
  - { version: 1.0.0, suites: {} }
  - { version: 2.0.0-rc.1, suites: {} }
`;
    expect((await compile(catalog)).manifest.platform).toBe('1.0.0');
    expect(
      (await compile(catalog, 'channel: auto-update\npins: { platform: 2.0.0-rc.1 }\n')).manifest.platform,
    ).toBe('2.0.0-rc.1');
  });

  it('does not raise a suite to a release requiring a capability the catalog lacks (no 0.0.0)', async () => {
    // The fix for cap 1.0.0 is 2.0.0, which only suite 1.1.0 admits; but 1.1.0 also requires
    // 'ghost', which has no release: that raise is impossible, so the advisory has no fix.
    const catalog = `${HEAD}platform:
  - { version: 1.0.0, suites: { s: ^1.0.0 } }
suites:
  s:
    - { version: 1.0.0, capabilities: { cap: ^1.0.0 } }
    - { version: 1.1.0, capabilities: { cap: ^2.0.0, ghost: ^1.0.0 } }
capabilities:
  cap:
    - { version: 1.0.0, artifact: a }
    - { version: 2.0.0, artifact: b }
advisories:
  - { id: X-1, severity: critical, capability: cap, affected: "<2.0.0", summary: s, published: 2026-01-01 }
`;
    await expect(
      compile(catalog, 'channel: auto-update\npins: { suites: { s: 1.0.0 } }\n'),
    ).rejects.toBeInstanceOf(UnpatchableError);
  });

  it('does not keep a capability that a suite raise left required by nothing (fast-check counterexample)', async () => {
    // ADV-0 affects every c1 release. Raising s2 to 2.2.1 and s3 to 2.1.0 drops c1 altogether: it must
    // not come back as an orphan required by no suite.
    const catalog = JSON.stringify({
      apiVersion: 'lockstep/v1',
      kind: 'Catalog',
      platform: [{ version: '1.1.1', suites: { s2: '>=1.0.0', s3: '>=1.0.0' } }],
      suites: {
        s2: [
          { version: '1.2.1', capabilities: { c1: '^1.0.0 || ^2.0.0', c4: '^1.0.0 || ^2.0.0' } },
          { version: '2.2.1', capabilities: { c2: '^1.0.0 || ^2.0.0', c4: '^1.0.0' } },
        ],
        s3: [
          { version: '1.0.1', capabilities: { c1: '^1.0.0 || ^2.0.0', c3: '*' } },
          { version: '2.0.2', capabilities: { c2: '*', c3: '*' } },
          { version: '2.1.0', capabilities: { c4: '^1.0.0 || ^2.0.0' } },
        ],
      },
      capabilities: {
        c1: [
          { version: '1.3.1', artifact: 'c1' },
          { version: '2.1.2', artifact: 'c1' },
        ],
        c2: [{ version: '2.3.1', artifact: 'c2' }],
        c3: [{ version: '2.3.2', artifact: 'c3' }],
        c4: [
          { version: '1.3.1', artifact: 'c4' },
          { version: '2.2.1', artifact: 'c4' },
        ],
      },
      advisories: [
        {
          id: 'ADV-0',
          severity: 'critical',
          capability: 'c1',
          affected: '<=2.1.2',
          summary: 's',
          published: '2026-11-01',
        },
      ],
    });
    const repo = await loadRepository(
      memoryReader({
        'catalog/c.json': catalog,
        'environments/e.yaml': environment('e', 'channel: auto-update\npins: { suites: { s2: 1.2.1 } }\n'),
      }),
      validators,
    );
    const { manifest } = compileEnvironment(repo.environments.get('e')!, repo.catalog, NOW);
    const required = new Set(
      Object.values(manifest.capabilities).flatMap((c) => (c.requiredBy.length ? [] : ['orphan'])),
    );
    expect(required.has('orphan')).toBe(false);
    expect(Object.keys(manifest.capabilities)).not.toContain('c1');
  });

  it('keeps a recorded patch byte for byte when a hold freezes the environment (a rollback is not drift)', async () => {
    const { CATALOG } = await import('../helpers/fixture-repo.js');
    const body = 'channel: manual-approval\npins:\n  capabilities: { payments: 1.2.5 }\n';
    const first = await compile(CATALOG, body);
    expect(first.manifest.security.patches[0]?.overrides).toContain(
      'channel manual-approval (no approval needed for an enforced patch)',
    );
    const repo = await loadRepository(
      memoryReader({
        'catalog/c.yaml': CATALOG,
        'environments/e.yaml': environment('e', `${body}hold: { reason: rolled back, since: 2026-11-24 }\n`),
        'environments/e.manifest.json': first.text,
      }),
      validators,
    );
    expect(compileEnvironment(repo.environments.get('e')!, repo.catalog, NOW).text).toBe(first.text);
  });
});
