import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fsReader } from '../../src/cli/fs-reader.js';
import { compileEnvironment } from '../../src/core/compile.js';
import { loadRepository, type RepoReader } from '../../src/core/load/load-repository.js';
import { createValidators } from '../../src/core/load/schema-check.js';
import { type BotHarness, EXAMPLES, NOW } from './harness.js';

/**
 * A new critical advisory on payments with its fixed releases, as a release pipeline would add it:
 * payments 1.2.7 (prod-eu) and 1.3.1 (dev, staging) are affected; 1.2.8 and 1.3.2 fix it.
 */
export const ADVISORY_FILE = 'catalog/advisory-2026-0099.yaml';
export const ADVISORY_0099 = `apiVersion: lockstep/v1
kind: Catalog
capabilities:
  payments:
    - { version: 1.2.8, artifact: registry.example.com/acme/payments:1.2.8 }
    - { version: 1.3.2, artifact: registry.example.com/acme/payments:1.3.2 }
advisories:
  - id: ACME-2026-0099
    severity: critical
    capability: payments
    affected: ">=1.2.0 <1.2.8 || >=1.3.0 <1.3.2"
    summary: Refund amount not checked against the captured amount
    published: 2026-12-01
    url: https://security.example.com/advisories/ACME-2026-0099
`;

/** The same advisory affecting the 1.2 line only: only prod-eu (payments 1.2.7) needs a patch. */
export const ADVISORY_0099_PROD_ONLY = ADVISORY_0099.replace(
  '">=1.2.0 <1.2.8 || >=1.3.0 <1.3.2"',
  '">=1.2.0 <1.2.8"',
).replace('    - { version: 1.3.2, artifact: registry.example.com/acme/payments:1.3.2 }\n', '');

/** Later: 1.2.8 turns out broken (yanked) and 1.2.9 is the fix; the range grows accordingly. */
export const ADVISORY_0099_REVISED = ADVISORY_0099.replace(
  '{ version: 1.2.8, artifact: registry.example.com/acme/payments:1.2.8 }',
  '{ version: 1.2.8, artifact: registry.example.com/acme/payments:1.2.8, yanked: true }\n    - { version: 1.2.9, artifact: registry.example.com/acme/payments:1.2.9 }',
).replace('<1.2.8 ||', '<1.2.9 ||');

/** `.github/lockstep.yml` for these tests: the merge mode under test, and no dashboard (its own tests). */
export function settingsFile(
  merge: 'when-green' | 'auto-merge' | 'manual' = 'when-green',
): Record<string, string> {
  return { '.github/lockstep.yml': `bot:\n  securityMerge: ${merge}\n  dashboard: false\n` };
}

/** A reader over a commit of the fake, for the core. */
export function fakeReader(bot: BotHarness, ref: string): RepoReader {
  const files = bot.repo.git.filesAt(ref);
  return {
    async list(dir) {
      const prefix = `${dir.replace(/\/+$/, '')}/`;
      return [...files.keys()]
        .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
        .map((p) => p.slice(prefix.length))
        .sort();
    },
    async read(path) {
      return bot.repo.git.readFile(ref, path);
    },
  };
}

/** What `lockstep compile` gives for every environment at `ref` of the fake, at the bot's clock. */
export async function compiledAt(bot: BotHarness, ref: string): Promise<Map<string, string>> {
  const repo = await loadRepository(fakeReader(bot, ref), createValidators());
  return new Map(
    [...repo.environments.values()].map((e) => [e.name, compileEnvironment(e, repo.catalog, NOW).text]),
  );
}

/**
 * `count` copies of prod-eu (frozen, pinned; `prod-001`, `prod-002`, ...) with manifests compiled by
 * the core from the examples' catalog, replacing the three example environments: a repository where
 * one new advisory makes every environment need a security PR.
 */
export async function manyEnvironments(count: number): Promise<Record<string, string | null>> {
  const config = readFileSync(join(EXAMPLES, 'environments/prod-eu.yaml'), 'utf8');
  const files: Record<string, string | null> = {};
  for (const env of ['dev', 'staging', 'prod-eu']) {
    files[`environments/${env}.yaml`] = null;
    files[`environments/${env}.manifest.json`] = null;
  }
  const names = Array.from({ length: count }, (_, i) => `prod-${String(i + 1).padStart(3, '0')}`);
  for (const name of names)
    files[`environments/${name}.yaml`] = config.replace('name: prod-eu', `name: ${name}`);
  const disk = fsReader(EXAMPLES);
  const overlay: RepoReader = {
    async list(dir) {
      const base = (await disk.list(dir)).filter((f) => files[`${dir}/${f}`] !== null);
      const added = Object.keys(files)
        .filter((p) => files[p] !== null && p.startsWith(`${dir}/`))
        .map((p) => p.slice(dir.length + 1));
      return [...new Set([...base, ...added])].sort();
    },
    async read(path) {
      const own = files[path];
      return own === null ? undefined : (own ?? disk.read(path));
    },
  };
  const repo = await loadRepository(overlay, createValidators());
  for (const name of names) {
    const entry = repo.environments.get(name);
    if (!entry) throw new Error(`manyEnvironments: ${name} did not load`);
    // The first compile of a copy resolves from scratch; compiling again from that manifest (as the
    // committed state) gives the frozen manifest with its recorded patch, like prod-eu's.
    const first = compileEnvironment(entry, repo.catalog, NOW);
    const again = compileEnvironment(
      { ...entry, manifest: first.manifest, manifestSource: { path: entry.manifestPath, text: first.text } },
      repo.catalog,
      NOW,
    );
    files[`environments/${name}.manifest.json`] = again.text;
  }
  return files;
}
