import type { Diagnostic } from '../errors.js';
import type { Catalog } from '../generated/schema-types.js';
import { diagnosticAt, type SourceFile } from '../load/source.js';
import { canonicalJson } from '../manifest/canonical-json.js';
import {
  type AdvisoryEntry,
  type CapabilityRelease,
  type CatalogIndex,
  CatalogRelease,
  compareDesc,
  type ItemKey,
  type Origin,
  type PlatformRelease,
  RangeCache,
  type Release,
  ReleaseLookup,
  type SuiteRelease,
} from './catalog-index.js';

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
  const firstSeen = new Map<string, { raw: unknown; origin: Origin }>();

  // Returns true when the entry is new; reports a conflicting duplicate.
  const admit = (key: string, label: string, raw: unknown, origin: Origin): boolean => {
    const first = firstSeen.get(key);
    if (!first) {
      firstSeen.set(key, { raw, origin });
      return true;
    }
    // Compared only on a collision: serialising every release would dominate large catalogs.
    if (canonicalJson(withDefaults(first.raw)) !== canonicalJson(withDefaults(raw))) {
      const at = diagnosticAt(first.origin.source, first.origin.path, '');
      diagnostics.push(
        diagnosticAt(
          origin.source,
          origin.path,
          `${label} is given again with different content (first at ${at.file}:${at.line}); keep one definition`,
        ),
      );
    }
    return false;
  };

  const platform: PlatformRelease[] = [];
  const suites = new Map<string, SuiteRelease[]>();
  const capabilities = new Map<string, CapabilityRelease[]>();
  const advisories: AdvisoryEntry[] = [];

  for (const { source, value } of documents) {
    value.platform?.forEach((r, i) => {
      const origin = { source, path: ['platform', i] };
      if (admit(`platform@${r.version}`, `platform release ${r.version}`, r, origin)) {
        platform.push(Object.assign(base(r, origin), { suites: new Map(Object.entries(r.suites)) }));
      }
    });
    for (const [name, releases] of Object.entries(value.suites ?? {})) {
      const list = suites.get(name) ?? [];
      suites.set(name, list);
      releases.forEach((r, i) => {
        const origin = { source, path: ['suites', name, i] };
        if (admit(`suite:${name}@${r.version}`, `suite ${name} release ${r.version}`, r, origin)) {
          list.push(
            Object.assign(base(r, origin), { capabilities: new Map(Object.entries(r.capabilities)) }),
          );
        }
      });
    }
    for (const [name, releases] of Object.entries(value.capabilities ?? {})) {
      const list = capabilities.get(name) ?? [];
      capabilities.set(name, list);
      releases.forEach((r, i) => {
        const origin = { source, path: ['capabilities', name, i] };
        if (admit(`capability:${name}@${r.version}`, `capability ${name} release ${r.version}`, r, origin)) {
          list.push(
            Object.assign(base(r, origin), {
              artifact: r.artifact,
              ...(r.digest ? { digest: r.digest } : {}),
            }),
          );
        }
      });
    }
    value.advisories?.forEach((a, i) => {
      const origin = { source, path: ['advisories', i] };
      if (!admit(`advisory:${a.id}`, `advisory ${a.id}`, a, origin)) return;
      const item: ItemKey = a.capability
        ? `capability:${a.capability}`
        : a.suite
          ? `suite:${a.suite}`
          : 'platform';
      advisories.push({
        id: a.id,
        severity: a.severity,
        item,
        affected: a.affected,
        summary: a.summary,
        published: a.published,
        ...(a.url ? { url: a.url } : {}),
        origin,
      });
    });
  }

  platform.sort(compareDesc);
  for (const list of suites.values()) list.sort(compareDesc);
  for (const list of capabilities.values()) list.sort(compareDesc);
  advisories.sort((a, b) => a.id.localeCompare(b.id));
  const advisoriesByItem = new Map<ItemKey, AdvisoryEntry[]>();
  for (const a of advisories) advisoriesByItem.set(a.item, [...(advisoriesByItem.get(a.item) ?? []), a]);

  return {
    catalog: {
      platform,
      suites,
      capabilities,
      advisories,
      advisoriesByItem,
      ranges: new RangeCache(),
      lookup: new ReleaseLookup(),
    },
    diagnostics,
  };
}

function base(r: { version: string; yanked?: boolean }, origin: Origin): Release {
  return new CatalogRelease(r.version, r.yanked ?? false, origin);
}

/** `yanked: false` written out or left to its default is the same release. */
function withDefaults(r: unknown): unknown {
  return r !== null && typeof r === 'object' && !Array.isArray(r) && 'version' in r
    ? { yanked: false, ...r }
    : r;
}
