import type { ItemKey } from '../catalog/catalog-index.js';

/** The chosen version of every item of one environment. */
export interface Versions {
  platform: string;
  suites: Map<string, string>;
  capabilities: Map<string, string>;
}

export function cloneVersions(v: Versions): Versions {
  return { platform: v.platform, suites: new Map(v.suites), capabilities: new Map(v.capabilities) };
}

/** Every item with its version, platform first, then suites and capabilities by name. */
export function listItems(v: Versions): [ItemKey, string][] {
  const out: [ItemKey, string][] = [['platform', v.platform]];
  for (const name of [...v.suites.keys()].sort()) out.push([`suite:${name}`, v.suites.get(name)!]);
  for (const name of [...v.capabilities.keys()].sort())
    out.push([`capability:${name}`, v.capabilities.get(name)!]);
  return out;
}

export function versionOf(v: Versions, item: ItemKey): string | undefined {
  if (item === 'platform') return v.platform;
  if (item.startsWith('suite:')) return v.suites.get(item.slice(6));
  return v.capabilities.get(item.slice(11));
}

export function setVersion(v: Versions, item: ItemKey, version: string | null): void {
  if (item === 'platform') {
    if (version) v.platform = version;
    return;
  }
  const map = item.startsWith('suite:') ? v.suites : v.capabilities;
  const name = item.slice(item.indexOf(':') + 1);
  if (version === null) map.delete(name);
  else map.set(name, version);
}
