import semver, { type Range, SemVer } from 'semver';
import type { SourceFile } from '../load/source.js';

/** 'platform', 'suite:<name>' or 'capability:<name>': how the manifest and messages name an item. */
export type ItemKey = 'platform' | `suite:${string}` | `capability:${string}`;

/** Where a piece of the catalog was written, to point messages at it. */
export interface Origin {
  source: SourceFile;
  path: readonly (string | number)[];
}

/** A release of any item, with its version parsed once. */
export interface Release {
  version: string;
  sv: SemVer;
  yanked: boolean;
  origin: Origin;
}
/** A platform release: suite -> compatible range. */
export interface PlatformRelease extends Release {
  suites: ReadonlyMap<string, string>;
}
/** A suite release: capability -> required range. */
export interface SuiteRelease extends Release {
  capabilities: ReadonlyMap<string, string>;
}
/** A capability release: what the driver deploys. */
export interface CapabilityRelease extends Release {
  artifact: string;
  digest?: string;
}

export type Severity = 'low' | 'moderate' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['low', 'moderate', 'high', 'critical'];

/** An advisory with its range parsed. */
export interface AdvisoryEntry {
  id: string;
  severity: Severity;
  item: ItemKey;
  affected: string;
  summary: string;
  published: string;
  url?: string;
  origin: Origin;
}

/** The merged catalog, releases sorted highest first. Built by mergeCatalog. */
export interface CatalogIndex {
  platform: readonly PlatformRelease[];
  suites: ReadonlyMap<string, readonly SuiteRelease[]>;
  capabilities: ReadonlyMap<string, readonly CapabilityRelease[]>;
  advisories: readonly AdvisoryEntry[];
  advisoriesByItem: ReadonlyMap<ItemKey, readonly AdvisoryEntry[]>;
  ranges: RangeCache;
}

/** Parsed ranges by their text; one cache per catalog, so the same range is parsed once. */
export class RangeCache {
  readonly #ranges = new Map<string, Range>();
  get(text: string): Range {
    let range = this.#ranges.get(text);
    if (!range) {
      range = new semver.Range(text);
      this.#ranges.set(text, range);
    }
    return range;
  }
  /** Does the version satisfy the range? Prereleases match only ranges that name them, as in npm. */
  test(text: string, version: SemVer): boolean {
    return this.get(text).test(version);
  }
}

/** Releases of an item, highest first; [] when the catalog has none. */
export function releasesOf(catalog: CatalogIndex, item: ItemKey): readonly Release[] {
  if (item === 'platform') return catalog.platform;
  if (item.startsWith('suite:')) return catalog.suites.get(item.slice(6)) ?? [];
  return catalog.capabilities.get(item.slice(11)) ?? [];
}

/** One release of an item by exact version. */
export function findRelease<R extends Release>(releases: readonly R[], version: string): R | undefined {
  return releases.find((r) => r.version === version);
}

export function compareDesc(a: Release, b: Release): number {
  return b.sv.compare(a.sv);
}

export function parseVersion(version: string): SemVer {
  return new SemVer(version);
}

export function itemName(item: ItemKey): string {
  return item === 'platform' ? 'platform' : item.slice(item.indexOf(':') + 1);
}
