import type { Diagnostic } from '../errors.js';
import type { Catalog } from '../generated/schema-types.js';
import { diagnosticAt, type SourceFile } from '../load/source.js';
import { canonicalJson } from '../manifest/canonical-json.js';
import {
  type AdvisoryEntry,
  type CapabilityRelease,
  type CatalogIndex,
  compareDesc,
  type ItemKey,
  type Origin,
  type PlatformRelease,
  RangeCache,
  ReleaseLookup,
  type SuiteRelease,
} from './catalog-index.js';
import {
  CatalogCapabilityRelease,
  CatalogPlatformRelease,
  type CatalogRelease,
  CatalogSuiteRelease,
} from './catalog-release.js';

/** One schema-valid catalog file. */
export interface CatalogDocument {
  source: SourceFile;
  value: Catalog;
}

/**
 * Merges catalog files into one index. A release (or advisory) given in several files must have the
 * same content everywhere; otherwise each later copy is reported against the first.
 */
export function mergeCatalog(documents: readonly CatalogDocument[]): {
  catalog: CatalogIndex;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  // Per item, the first release of each version; a later one must be the same release.
  const seen = new Map<string, Map<string, CatalogRelease>>();
  const admit = (item: string, release: CatalogRelease, label: string): boolean => {
    let versions = seen.get(item);
    if (!versions) {
      versions = new Map();
      seen.set(item, versions);
    }
    const first = versions.get(release.version);
    if (!first) {
      versions.set(release.version, release);
      return true;
    }
    conflict(first.raw, first.origin, release.raw, release.origin, label);
    return false;
  };
  // Compared only on a collision: serialising every release would dominate large catalogs.
  const conflict = (a: unknown, aOrigin: Origin, b: unknown, bOrigin: Origin, label: string): void => {
    if (canonicalJson(withDefaults(a)) === canonicalJson(withDefaults(b))) return;
    const at = diagnosticAt(aOrigin.source, aOrigin.path, '');
    diagnostics.push(
      diagnosticAt(
        bOrigin.source,
        bOrigin.path,
        `${label} is given again with different content (first at ${at.file}:${at.line}); keep one definition`,
      ),
    );
  };

  const platform: PlatformRelease[] = [];
  const suites = new Map<string, SuiteRelease[]>();
  const capabilities = new Map<string, CapabilityRelease[]>();
  const advisories = new Map<string, AdvisoryEntry & { raw: unknown }>();

  for (const { source, value } of documents) {
    value.platform?.forEach((r, i) => {
      const release = new CatalogPlatformRelease(r, source, i);
      if (admit('platform', release, `platform release ${r.version}`)) platform.push(release);
    });
    for (const [name, releases] of Object.entries(value.suites ?? {})) {
      const list = suites.get(name) ?? [];
      suites.set(name, list);
      releases.forEach((r, i) => {
        const release = new CatalogSuiteRelease(r, source, name, i);
        if (admit(`suite:${name}`, release, `suite ${name} release ${r.version}`)) list.push(release);
      });
    }
    for (const [name, releases] of Object.entries(value.capabilities ?? {})) {
      const list = capabilities.get(name) ?? [];
      capabilities.set(name, list);
      releases.forEach((r, i) => {
        const release = new CatalogCapabilityRelease(r, source, name, i);
        if (admit(`capability:${name}`, release, `capability ${name} release ${r.version}`))
          list.push(release);
      });
    }
    value.advisories?.forEach((a, i) => {
      const origin = { source, path: ['advisories', i] };
      const first = advisories.get(a.id);
      if (first) {
        conflict(first.raw, first.origin, a, origin, `advisory ${a.id}`);
        return;
      }
      const item: ItemKey = a.capability
        ? `capability:${a.capability}`
        : a.suite
          ? `suite:${a.suite}`
          : 'platform';
      advisories.set(a.id, {
        id: a.id,
        severity: a.severity,
        item,
        affected: a.affected,
        summary: a.summary,
        published: a.published,
        ...(a.url ? { url: a.url } : {}),
        origin,
        raw: a,
      });
    });
  }

  platform.sort(compareDesc);
  for (const list of suites.values()) list.sort(compareDesc);
  for (const list of capabilities.values()) list.sort(compareDesc);
  const advisoryList: AdvisoryEntry[] = [...advisories.values()]
    .map(({ raw: _raw, ...a }) => a)
    .sort((a, b) => a.id.localeCompare(b.id));
  const advisoriesByItem = new Map<ItemKey, AdvisoryEntry[]>();
  for (const a of advisoryList) advisoriesByItem.set(a.item, [...(advisoriesByItem.get(a.item) ?? []), a]);

  return {
    catalog: {
      platform,
      suites,
      capabilities,
      advisories: advisoryList,
      advisoriesByItem,
      ranges: new RangeCache(),
      lookup: new ReleaseLookup(),
    },
    diagnostics,
  };
}

/** `yanked: false` written out or left to its default is the same release. */
function withDefaults(r: unknown): unknown {
  return r !== null && typeof r === 'object' && !Array.isArray(r) && 'version' in r
    ? { yanked: false, ...r }
    : r;
}
