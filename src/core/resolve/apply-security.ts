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
import { type Attribution, itemOrder, patchRecords } from './patch-records.js';
import { capabilityRequirements, platformRelease, suiteRelease, suiteRequirements } from './requirements.js';
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
  return { versions: state, patches: patchRecords(input, start, state, attribution) };
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
    const below = this.fixBelowPlatform(state, item, advisory);
    if (below || item === 'platform') return below;
    // Last resort: the lowest platform under which the fix below it works.
    const raised = this.raise(
      state,
      'platform',
      (s) => this.isFixed(s, item, advisory) || this.fixBelowPlatform(s, item, advisory) !== undefined,
    );
    return (
      raised &&
      (this.isFixed(raised, item, advisory) ? raised : this.fixBelowPlatform(raised, item, advisory))
    );
  }

  /** The item itself; for a capability, then one requiring suite, then every blocking suite together. */
  fixBelowPlatform(state: Versions, item: ItemKey, advisory: AdvisoryEntry): Versions | undefined {
    const direct = this.raise(state, item);
    if (direct || !item.startsWith('capability:')) return direct;
    const name = item.slice(11);
    const done = (s: Versions) => (this.isFixed(s, item, advisory) ? s : this.raise(s, item));
    const parents = capabilityRequirements(this.#in.catalog, state.suites).get(name) ?? [];
    for (const parent of parents) {
      const raised = this.raise(state, `suite:${parent.by}`, (s) => done(s) !== undefined);
      if (raised) return done(raised);
    }
    // Several suites may each exclude every fix. Raising one alone leaves the ranges disjoint, so
    // choose each blocking suite's lowest release that admits a fix first, then align once.
    const together = cloneVersions(state);
    let moved = false;
    for (const parent of parents) {
      if (this.admitsFix(together, parent.by, name)) continue;
      const suite: ItemKey = `suite:${parent.by}`;
      const current = releaseAt(this.#in.catalog, suite, parent.byVersion);
      const next = [...releasesOf(this.#in.catalog, suite)].reverse().find((r) => {
        if (r.yanked || (current && r.sv.compare(current.sv) <= 0) || this.affecting(suite, r).length)
          return false;
        if (!this.fitsParents(together, suite, r)) return false;
        const trial = cloneVersions(together);
        setVersion(trial, suite, r.version);
        return this.admitsFix(trial, parent.by, name);
      });
      if (!next) return undefined;
      setVersion(together, suite, next.version);
      moved = true;
    }
    if (!moved || !this.alignChildren(together)) return undefined;
    return done(together);
  }

  isFixed(state: Versions, item: ItemKey, advisory: AdvisoryEntry): boolean {
    const version = versionOf(state, item);
    // A raise may leave the item no longer required at all: nothing left to fix.
    if (version === undefined) return true;
    const r = releaseAt(this.#in.catalog, item, version);
    return r !== undefined && !this.affecting(item, r).includes(advisory);
  }

  /** Does suite `suite`'s range for capability `name` admit a release above the current one that no enforced advisory affects? */
  admitsFix(state: Versions, suite: string, name: string): boolean {
    const { catalog } = this.#in;
    const range = suiteRelease(catalog, suite, state.suites.get(suite) ?? '')?.capabilities.get(name);
    if (range === undefined) return true;
    const item: ItemKey = `capability:${name}`;
    const current = releaseAt(catalog, item, versionOf(state, item));
    return releasesOf(catalog, item).some(
      (r) =>
        !r.yanked &&
        (!current || r.sv.compare(current.sv) > 0) &&
        catalog.ranges.test(range, r.sv) &&
        this.affecting(item, r).length === 0,
    );
  }

  /**
   * Moves `item` to its lowest non-yanked, unaffected release above the current one that fits the
   * ranges of its parents (and, when given, makes `accept` true), then brings its children in line.
   */
  raise(state: Versions, item: ItemKey, accept?: (s: Versions) => boolean): Versions | undefined {
    const current = releaseAt(this.#in.catalog, item, versionOf(state, item));
    // Only an item the state has can move; adding one would leave it required by nothing.
    if (!current) return undefined;
    const candidates = [...releasesOf(this.#in.catalog, item)].reverse();
    for (const r of candidates) {
      if (r.yanked || r.sv.compare(current.sv) <= 0) continue;
      // Suites and capabilities meet prereleases only through ranges that name them; the platform
      // has no parent range, so a prerelease platform is never a fix.
      if (item === 'platform' && r.sv.prerelease.length) continue;
      if (this.affecting(item, r).length || !this.fitsParents(state, item, r)) continue;
      const next = cloneVersions(state);
      setVersion(next, item, r.version);
      // A capability has no children; a suite or the platform brings its children in line.
      if (!item.startsWith('capability:') && !this.alignChildren(next)) continue;
      if (!accept || accept(next)) return next;
    }
    return undefined;
  }

  fitsParents(state: Versions, item: ItemKey, r: Release): boolean {
    const { catalog } = this.#in;
    if (item === 'platform') return true;
    if (item.startsWith('suite:')) {
      const range = platformRelease(catalog, state.platform)?.suites.get(item.slice(6));
      return range !== undefined && catalog.ranges.test(range, r.sv);
    }
    // Only this capability's ranges: building every requirement would repeat for each candidate.
    const name = item.slice(11);
    for (const [suite, version] of state.suites) {
      const range = suiteRelease(catalog, suite, version)?.capabilities.get(name);
      if (range !== undefined && !catalog.ranges.test(range, r.sv)) return false;
    }
    return true;
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
}
