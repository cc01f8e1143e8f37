import { type AdvisoryEntry, type CatalogIndex, type ItemKey, releaseAt } from '../catalog/catalog-index.js';
import type { Manifest } from '../generated/schema-types.js';
import { manifestVersions } from '../manifest/build-manifest.js';
import type { SecurityPolicy } from '../resolve/context.js';
import { listItems } from '../resolve/versions.js';

/** One version of a manifest that an enforced advisory affects. */
export interface AffectedVersion {
  item: ItemKey;
  version: string;
  advisory: AdvisoryEntry;
}

/**
 * The versions of `manifest` affected by an advisory that `policy` enforces (not waived): what
 * affectedViolations reports as violations, as data, so a rollback can name the advisories it would
 * bring back and who may force it past them.
 */
export function enforcedAdvisoriesIn(
  manifest: Manifest,
  catalog: CatalogIndex,
  policy: SecurityPolicy,
): AffectedVersion[] {
  const enforced = new Set(policy.enforced);
  const out: AffectedVersion[] = [];
  for (const [item, version] of listItems(manifestVersions(manifest))) {
    const release = releaseAt(catalog, item, version);
    if (!release) continue;
    for (const advisory of catalog.advisoriesByItem.get(item) ?? []) {
      if (enforced.has(advisory) && catalog.ranges.test(advisory.affected, release.sv))
        out.push({ item, version, advisory });
    }
  }
  return out;
}
