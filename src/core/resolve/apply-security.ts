import {
  type AdvisoryEntry,
  type CatalogIndex,
  type ItemKey,
  type Release,
  releaseAt,
  releasesOf,
  type Severity,
} from '../catalog/catalog-index.js';
import type { Environment } from '../generated/schema-types.js';
import type { FreezeState, SecurityPolicy } from './context.js';
import { capabilityRequirements, suiteRequirements } from './requirements.js';
import { cloneVersions, listItems, setVersion, type Versions, versionOf } from './versions.js';

/** One item changed because of an enforced advisory, as the manifest records it. */
export interface PatchRecord {
  advisory: string;
  severity: Severity;
  item: ItemKey;
  from: string | null;
  to: string | null;
  overrides: string[];
  reason?: string;
}

/** What step 6 needs. */
export interface SecurityInput {
  catalog: CatalogIndex;
  config: Environment;
  policy: SecurityPolicy;
  freeze: FreezeState;
}

/** An enforced advisory that no release fits; compile fails (exit 1) and names it. */
export interface Unpatchable {
  advisory: AdvisoryEntry;
  item: ItemKey;
  version: string;
}

type Attribution = { advisory: AdvisoryEntry; reason?: string };

/**
 * SPEC section 3, step 6. Each item affected by an enforced advisory moves to its lowest non-yanked
 * release above the current one that no enforced advisory affects and that fits the compatibility
 * ranges; if none fits, its parent (suite, then platform) is raised by the same rule, and the items
 * below a raised parent keep their version when it still fits, else take their lowest fitting,
 * unaffected release (ADR 0003). Pins and channel are overridden and each change is recorded.
 */
export function applySecurity(
  input: SecurityInput,
  start: Versions,
): { versions: Versions; patches: PatchRecord[] } | { unpatchable: Unpatchable } {
  const ctx = new Step6(input);
  const state = cloneVersions(start);
  const attribution = new Map<ItemKey, Attribution>();
  // Each round fixes one item; an item only ever moves up, so the rounds are bounded.
  for (let round = 0; round < 10_000; round++) {
    const hit = ctx.firstAffected(state);
    if (!hit) break;
    const next = ctx.fix(state, hit.item, hit.advisory);
    if (!next)
      return {
        unpatchable: { advisory: hit.advisory, item: hit.item, version: versionOf(state, hit.item)! },
      };
    for (const [item] of listItems(next)) {
      if (versionOf(next, item) !== versionOf(state, item) && !attribution.has(item)) {
        attribution.set(item, {
          advisory: hit.advisory,
          ...(item === hit.item ? {} : { reason: reasonFor(item, hit.item) }),
        });
      }
    }
    for (const item of removedItems(state, next)) {
      if (!attribution.has(item))
        attribution.set(item, {
          advisory: hit.advisory,
          reason: `no longer required after the fix of ${hit.item}`,
        });
    }
    Object.assign(state, next);
  }
  return { versions: state, patches: ctx.records(start, state, attribution) };
}

function reasonFor(item: ItemKey, hit: ItemKey): string {
  const hitIsBelow =
    (item === 'platform' && hit !== 'platform') ||
    (item.startsWith('suite:') && hit.startsWith('capability:'));
  return hitIsBelow
    ? `raised so that ${hit} can reach a fixed release`
    : `follows the parent raised for ${hit}`;
}

function removedItems(before: Versions, after: Versions): ItemKey[] {
  return listItems(before)
    .map(([item]) => item)
    .filter((item) => versionOf(after, item) === undefined);
}

class Step6 {
  readonly #in: SecurityInput;
  readonly #enforced: ReadonlySet<AdvisoryEntry>;
  readonly #advised: readonly ItemKey[];
  constructor(input: SecurityInput) {
    this.#in = input;
    this.#enforced = new Set(input.policy.enforced);
    this.#advised = [...new Set(input.policy.enforced.map((a) => a.item))].sort(itemOrder);
  }

  /** Enforced advisories affecting a release of an item. */
  affecting(item: ItemKey, release: Release): AdvisoryEntry[] {
    const advisories = this.#in.catalog.advisoriesByItem.get(item) ?? [];
    return advisories.filter(
      (a) => this.#enforced.has(a) && this.#in.catalog.ranges.test(a.affected, release.sv),
    );
  }

  firstAffected(state: Versions): { item: ItemKey; advisory: AdvisoryEntry } | undefined {
    // Only items with enforced advisories can be affected; visit them in the fixed item order.
    for (const item of this.#advised) {
      const release = releaseAt(this.#in.catalog, item, versionOf(state, item));
      const advisory = release && this.affecting(item, release)[0];
      if (advisory) return { item, advisory };
    }
    return undefined;
  }

  /** A new state in which `item` no longer carries `advisory`, or undefined when nothing fits. */
  fix(state: Versions, item: ItemKey, advisory: AdvisoryEntry): Versions | undefined {
    const fixed = (s: Versions) => {
      const r = releaseAt(this.#in.catalog, item, versionOf(s, item));
      return r !== undefined && !this.affecting(item, r).includes(advisory);
    };
    const direct = this.raise(state, item);
    if (direct) return direct;
    // Escalate: raise a requiring suite (for a capability), then the platform.
    if (item.startsWith('capability:')) {
      const name = item.slice(11);
      const parents = capabilityRequirements(this.#in.catalog, state.suites).get(name) ?? [];
      for (const parent of parents) {
        const raised = this.raise(
          state,
          `suite:${parent.by}`,
          (s) => fixed(s) || this.raise(s, item) !== undefined,
        );
        if (raised) return fixed(raised) ? raised : this.raise(raised, item);
      }
    }
    if (item !== 'platform') {
      const raised = this.raise(
        state,
        'platform',
        (s) => fixed(s) || this.fixWithoutPlatform(s, item, advisory) !== undefined,
      );
      if (raised) return fixed(raised) ? raised : this.fixWithoutPlatform(raised, item, advisory);
    }
    return undefined;
  }

  fixWithoutPlatform(state: Versions, item: ItemKey, advisory: AdvisoryEntry): Versions | undefined {
    const direct = this.raise(state, item);
    if (direct || !item.startsWith('capability:')) return direct;
    for (const parent of capabilityRequirements(this.#in.catalog, state.suites).get(item.slice(11)) ?? []) {
      const raised = this.raise(
        state,
        `suite:${parent.by}`,
        (s) => this.raise(s, item) !== undefined || this.firstAffected(s)?.advisory !== advisory,
      );
      if (raised) return this.raise(raised, item) ?? raised;
    }
    return undefined;
  }

  /**
   * Moves `item` to its lowest non-yanked, unaffected release above the current one that fits the
   * ranges of its parents (and, when given, makes `accept` true), then brings its children in line.
   */
  raise(state: Versions, item: ItemKey, accept?: (s: Versions) => boolean): Versions | undefined {
    const current = releaseAt(this.#in.catalog, item, versionOf(state, item));
    const candidates = [...releasesOf(this.#in.catalog, item)].reverse();
    for (const r of candidates) {
      if (r.yanked || (current && r.sv.compare(current.sv) <= 0)) continue;
      // Suites and capabilities meet prereleases only through ranges that name them; the platform
      // has no parent range, so a prerelease platform is never a fix.
      if (item === 'platform' && r.sv.prerelease.length) continue;
      if (this.affecting(item, r).length || !this.fitsParents(state, item, r)) continue;
      const next = cloneVersions(state);
      setVersion(next, item, r.version);
      if (!this.alignChildren(next)) continue;
      if (!accept || accept(next)) return next;
    }
    return undefined;
  }

  fitsParents(state: Versions, item: ItemKey, r: Release): boolean {
    const { catalog } = this.#in;
    if (item === 'platform') return true;
    if (item.startsWith('suite:')) {
      const req = suiteRequirements(catalog, state.platform).get(item.slice(6));
      return req !== undefined && catalog.ranges.test(req.range, r.sv);
    }
    const reqs = capabilityRequirements(catalog, state.suites).get(item.slice(11)) ?? [];
    return reqs.every((q) => catalog.ranges.test(q.range, r.sv));
  }

  /**
   * After a parent moved: children keep a version that still fits, else take the lowest unaffected
   * one that fits. False when some child has no release that fits at all: the move is not possible.
   */
  alignChildren(state: Versions): boolean {
    const { catalog } = this.#in;
    const suites = new Map<string, string>();
    for (const [name, req] of suiteRequirements(catalog, state.platform)) {
      const version = this.align(`suite:${name}`, state.suites.get(name), (r) =>
        catalog.ranges.test(req.range, r.sv),
      );
      if (version === undefined) return false;
      suites.set(name, version);
    }
    const capabilities = new Map<string, string>();
    for (const [name, reqs] of capabilityRequirements(catalog, suites)) {
      const version = this.align(`capability:${name}`, state.capabilities.get(name), (r) =>
        reqs.every((q) => catalog.ranges.test(q.range, r.sv)),
      );
      if (version === undefined) return false;
      capabilities.set(name, version);
    }
    state.suites = suites;
    state.capabilities = capabilities;
    return true;
  }

  align(item: ItemKey, current: string | undefined, fits: (r: Release) => boolean): string | undefined {
    const releases = releasesOf(this.#in.catalog, item);
    const now = this.#in.catalog.lookup.find(releases, current);
    if (now && fits(now)) return now.version;
    const usable = releases.filter((r) => !r.yanked && fits(r));
    const clean = usable.filter((r) => this.affecting(item, r).length === 0);
    // Prefer unaffected; an affected choice is fixed or reported by the next round.
    const pool = clean.length ? clean : usable;
    const lowestAbove = now && [...pool].reverse().find((r) => r.sv.compare(now.sv) > 0);
    return (lowestAbove ?? pool[0])?.version;
  }

  records(start: Versions, end: Versions, attribution: ReadonlyMap<ItemKey, Attribution>): PatchRecord[] {
    const items = new Set<ItemKey>([...listItems(start), ...listItems(end)].map(([i]) => i));
    const out: PatchRecord[] = [];
    for (const item of [...items].sort(itemOrder)) {
      const from = versionOf(start, item) ?? null;
      const to = versionOf(end, item) ?? null;
      if (from === to) continue;
      const a = attribution.get(item);
      if (!a) continue;
      out.push({
        advisory: a.advisory.id,
        severity: a.advisory.severity,
        item,
        from,
        to,
        overrides: this.overrides(item, to),
        ...(a.reason ? { reason: a.reason } : {}),
      });
    }
    return out;
  }

  /** What the patch overrode: a pin it left, the frozen state, or the approval a change would need. */
  overrides(item: ItemKey, to: string | null): string[] {
    const { config, freeze, catalog } = this.#in;
    const out: string[] = [];
    const pins = config.pins ?? {};
    const pin =
      item === 'platform'
        ? pins.platform
        : item.startsWith('suite:')
          ? pins.suites?.[item.slice(6)]
          : pins.capabilities?.[item.slice(11)];
    const release = to ? releaseAt(catalog, item, to) : undefined;
    if (pin && release && !catalog.ranges.test(pin, release.sv)) {
      const field =
        item === 'platform'
          ? 'pins.platform'
          : `pins.${item.startsWith('suite:') ? 'suites' : 'capabilities'}.${item.slice(item.indexOf(':') + 1)}`;
      out.push(`${field} '${pin}'`);
    }
    if (freeze.frozen) out.push(...freeze.reasons);
    else if (config.channel === 'manual-approval')
      out.push('channel manual-approval (no approval needed for an enforced patch)');
    return out;
  }
}

/** platform < suites < capabilities, then by name. */
export function itemOrder(a: ItemKey, b: ItemKey): number {
  const rank = (i: ItemKey) => (i === 'platform' ? 0 : i.startsWith('suite:') ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}
