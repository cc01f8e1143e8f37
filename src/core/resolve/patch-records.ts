import { type AdvisoryEntry, type ItemKey, releaseAt } from '../catalog/catalog-index.js';
import type { PatchRecord, SecurityInput } from './apply-security.js';
import { listItems, type Versions, versionOf } from './versions.js';

/** Which advisory moved an item, and why when the item was not itself affected. */
export type Attribution = { advisory: AdvisoryEntry; reason?: string };

/** One record per item whose version step 6 changed, in item order. */
export function patchRecords(
  input: SecurityInput,
  start: Versions,
  end: Versions,
  attribution: ReadonlyMap<ItemKey, Attribution>,
): PatchRecord[] {
  const items = new Set<ItemKey>([...listItems(start), ...listItems(end)].map(([i]) => i));
  const out: PatchRecord[] = [];
  for (const item of [...items].sort(itemOrder)) {
    const from = versionOf(start, item) ?? null;
    const to = versionOf(end, item) ?? null;
    const a = attribution.get(item);
    if (from === to || !a) continue;
    out.push({
      advisory: a.advisory.id,
      severity: a.advisory.severity,
      item,
      from,
      to,
      overrides: overrides(input, item, to),
      ...(a.reason ? { reason: a.reason } : {}),
    });
  }
  return out;
}

/** What the patch overrode: a pin it left, the frozen state, or the approval a change would need. */
function overrides({ config, freeze, catalog }: SecurityInput, item: ItemKey, to: string | null): string[] {
  const out: string[] = [];
  const pins = config.pins ?? {};
  const name = item.slice(item.indexOf(':') + 1);
  const [pin, field] =
    item === 'platform'
      ? [pins.platform, 'pins.platform']
      : item.startsWith('suite:')
        ? [pins.suites?.[name], `pins.suites.${name}`]
        : [pins.capabilities?.[name], `pins.capabilities.${name}`];
  const release = to ? releaseAt(catalog, item, to) : undefined;
  if (pin && release && !catalog.ranges.test(pin, release.sv)) out.push(`${field} '${pin}'`);
  if (freeze.frozen) out.push(...freeze.reasons);
  else if (config.channel === 'manual-approval')
    out.push('channel manual-approval (no approval needed for an enforced patch)');
  return out;
}

/** platform < suites < capabilities, then by name. */
export function itemOrder(a: ItemKey, b: ItemKey): number {
  const rank = (i: ItemKey) => (i === 'platform' ? 0 : i.startsWith('suite:') ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}
