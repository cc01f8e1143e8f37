import type {
  CapabilityRelease,
  CatalogIndex,
  PlatformRelease,
  SuiteRelease,
} from '../catalog/catalog-index.js';
import type { Versions } from './versions.js';

/** A range one chosen parent imposes on a child. */
export interface Requirement {
  /** 'platform' or the requiring suite's name. */
  by: string;
  byVersion: string;
  range: string;
  release: PlatformRelease | SuiteRelease;
}

export function platformRelease(catalog: CatalogIndex, version: string): PlatformRelease | undefined {
  return catalog.lookup.find(catalog.platform, version);
}

export function suiteRelease(catalog: CatalogIndex, name: string, version: string): SuiteRelease | undefined {
  return catalog.lookup.find(catalog.suites.get(name) ?? [], version);
}

export function capabilityRelease(
  catalog: CatalogIndex,
  name: string,
  version: string,
): CapabilityRelease | undefined {
  return catalog.lookup.find(catalog.capabilities.get(name) ?? [], version);
}

/** Suite -> the range the chosen platform release allows. */
export function suiteRequirements(catalog: CatalogIndex, platformVersion: string): Map<string, Requirement> {
  const release = platformRelease(catalog, platformVersion);
  const out = new Map<string, Requirement>();
  if (!release) return out;
  for (const [suite, range] of release.suites)
    out.set(suite, { by: 'platform', byVersion: platformVersion, range, release });
  return out;
}

/** Capability -> the ranges every chosen suite requiring it imposes, suites in name order. */
export function capabilityRequirements(
  catalog: CatalogIndex,
  suites: ReadonlyMap<string, string>,
): Map<string, Requirement[]> {
  const out = new Map<string, Requirement[]>();
  for (const name of [...suites.keys()].sort()) {
    const version = suites.get(name)!;
    const release = suiteRelease(catalog, name, version);
    if (!release) continue;
    for (const [cap, range] of release.capabilities) {
      const list = out.get(cap) ?? [];
      list.push({ by: name, byVersion: version, range, release });
      out.set(cap, list);
    }
  }
  return out;
}

/** Capability -> names of the chosen suites that require it. */
export function requiredBy(catalog: CatalogIndex, v: Versions): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [cap, reqs] of capabilityRequirements(catalog, v.suites))
    out.set(
      cap,
      reqs.map((r) => r.by),
    );
  return out;
}
