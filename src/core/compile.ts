import { type CatalogIndex, releasesOf } from './catalog/catalog-index.js';
import { ResolveError, UnpatchableError } from './errors.js';
import type { Manifest } from './generated/schema-types.js';
import type { EnvironmentEntry } from './load/load-repository.js';
import { diagnosticAt } from './load/source.js';
import { buildManifest, manifestVersions } from './manifest/build-manifest.js';
import { applySecurity, type PatchRecord } from './resolve/apply-security.js';
import { type FreezeState, freezeState, type SecurityPolicy, securityPolicy } from './resolve/context.js';
import { checkPinNames, resolveVersions } from './resolve/resolve-versions.js';
import { listItems, setVersion, type Versions } from './resolve/versions.js';

/** The result of compiling one environment. */
export interface CompileOutcome {
  environment: string;
  manifest: Manifest;
  /** The canonical bytes of the manifest file. */
  text: string;
  /** True when the committed manifest differs from `text` (or there is none). */
  changed: boolean;
  freeze: FreezeState;
  policy: SecurityPolicy;
  /** Where the versions came from before step 6. */
  start: Versions;
}

/**
 * SPEC section 3: config + catalog (+ the committed manifest, when frozen) -> manifest. `now` decides
 * freeze windows and waivers; nothing else in the result depends on time.
 */
export function compileEnvironment(
  entry: EnvironmentEntry,
  catalog: CatalogIndex,
  now: Date,
): CompileOutcome {
  checkPinNames(entry, catalog);
  const freeze = freezeState(entry.config, now);
  const policy = securityPolicy(entry.config, catalog, now);
  const start =
    freeze.frozen && entry.manifest
      ? frozenStart(entry, catalog, entry.manifest)
      : resolveVersions(entry, catalog);
  const result = applySecurity({ catalog, config: entry.config, policy, freeze }, start);
  if ('unpatchable' in result) {
    const { advisory, item, version } = result.unpatchable;
    const at = diagnosticAt(advisory.origin.source, advisory.origin.path, '');
    throw new UnpatchableError(advisory.id, {
      ...at,
      message: `${entry.name}: advisory ${advisory.id} (${advisory.severity}, affects ${item} '${advisory.affected}') has no fix: no non-yanked release of ${item} above ${version}, nor of its suite or platform, is free of enforced advisories and fits the compatibility ranges. Publish a fixed release, or add a waiver to ${entry.source.path} (security.waivers)`,
    });
  }
  const patches =
    freeze.frozen && entry.manifest ? keepRecorded(result.patches, entry.manifest) : result.patches;
  const { manifest, text } = buildManifest(
    entry.config,
    catalog,
    result.versions,
    patches,
    policy.waiversInForce,
  );
  return {
    environment: entry.name,
    manifest,
    text,
    changed: entry.manifestSource?.text !== text,
    freeze,
    policy,
    start,
  };
}

/**
 * A frozen environment starts from its committed manifest with the recorded patches undone, so that a
 * patch stays recorded while it is needed and compiling again changes nothing.
 */
function frozenStart(entry: EnvironmentEntry, catalog: CatalogIndex, manifest: Manifest): Versions {
  const start = manifestVersions(manifest);
  const patches = manifest.security.patches as PatchRecord[];
  for (const patch of [...patches].reverse()) setVersion(start, patch.item, patch.from);
  for (const [item, version] of listItems(start)) {
    if (!releasesOf(catalog, item).some((r) => r.version === version)) {
      const path =
        item === 'platform'
          ? ['platform']
          : item.startsWith('suite:')
            ? ['suites', item.slice(6)]
            : ['capabilities', item.slice(11), 'version'];
      throw new ResolveError(
        diagnosticAt(
          entry.manifestSource!,
          path,
          `${item} ${version} is frozen in this manifest but is not in the catalog; restore it to the catalog, or unfreeze ${entry.name} to resolve anew`,
        ),
      );
    }
  }
  return start;
}

/**
 * While frozen, a patch the manifest already records is the same patch: it keeps the record as
 * written (what it overrode when it was made), so freezing, a hold or a rollback does not rewrite it
 * and the manifest stays byte-identical (SPEC 3.6 and 5: a rollback is not drift).
 */
function keepRecorded(patches: readonly PatchRecord[], manifest: Manifest): PatchRecord[] {
  const recorded = manifest.security.patches as PatchRecord[];
  return patches.map(
    (p) =>
      recorded.find(
        (r) => r.advisory === p.advisory && r.item === p.item && r.from === p.from && r.to === p.to,
      ) ?? p,
  );
}
