import semver, { type Range, type SemVer } from 'semver';
import type { SourceFile } from '../load/source.js';

/** 'platform', 'suite:<name>' or 'capability:<name>': how the manifest and messages name an item. */
export type ItemKey = 'platform' | `suite:${string}` | `capability:${string}`;

/** Where a piece of the catalog was written, to point messages at it. */
export interface Origin {
  source: SourceFile;
  path: readonly (string | number)[];
}

/** A release of any item; its version is parsed on first use. */
export interface Release {
  readonly version: string;
  readonly sv: SemVer;
  readonly yanked: boolean;
  readonly origin: Origin;
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
  lookup: ReleaseLookup;
}

/** Releases by exact version, indexed on first use: compile looks versions up many times per item. */
export class ReleaseLookup {
  readonly #maps = new WeakMap<readonly Release[], Map<string, Release>>();
  find<R extends Release>(releases: readonly R[], version: string | undefined): R | undefined {
    if (version === undefined) return undefined;
    let map = this.#maps.get(releases);
    if (!map) {
      map = new Map(releases.map((r) => [r.version, r]));
      this.#maps.set(releases, map);
    }
    return map.get(version) as R | undefined;
  }
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
  readonly #masks = new WeakMap<readonly Release[], Map<string, Int8Array>>();
  /**
   * Does `releases[index]` satisfy the range? Environments share most ranges (those of the suite
   * releases they resolve to), so each answer is computed once: 0 not yet known, 1 yes, -1 no.
   */
  testAt(releases: readonly Release[], index: number, text: string): boolean {
    let byText = this.#masks.get(releases);
    if (!byText) {
      byText = new Map();
      this.#masks.set(releases, byText);
    }
    let known = byText.get(text);
    if (!known) {
      known = new Int8Array(releases.length);
      byText.set(text, known);
    }
    if (known[index] === 0) known[index] = this.get(text).test(releases[index]!.sv) ? 1 : -1;
    return known[index] === 1;
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
export function releaseAt(
  catalog: CatalogIndex,
  item: ItemKey,
  version: string | undefined,
): Release | undefined {
  return catalog.lookup.find(releasesOf(catalog, item), version);
}

/** Highest first. Plain MAJOR.MINOR.PATCH versions compare as numbers, without parsing. */
export function compareDesc(a: Release, b: Release): number {
  const ka = plainKey(a.version);
  const kb = plainKey(b.version);
  return Number.isNaN(ka) || Number.isNaN(kb) ? b.sv.compare(a.sv) : kb - ka;
}

const PLAIN = /^(\d{1,6})\.(\d{1,6})\.(\d{1,6})$/;

/** A number ordering plain versions like semver does (each part below 2^20), NaN for the others. */
function plainKey(version: string): number {
  const m = PLAIN.exec(version);
  if (!m) return Number.NaN;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return major < 2 ** 13 && minor < 2 ** 20 && patch < 2 ** 20
    ? (major * 2 ** 20 + minor) * 2 ** 20 + patch
    : Number.NaN;
}

export function itemName(item: ItemKey): string {
  return item === 'platform' ? 'platform' : item.slice(item.indexOf(':') + 1);
}
