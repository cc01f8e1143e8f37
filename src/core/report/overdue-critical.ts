import { type CatalogIndex, releaseAt } from '../catalog/catalog-index.js';
import type { Environment, Manifest } from '../generated/schema-types.js';
import { manifestVersions } from '../manifest/build-manifest.js';
import { waiverInForce } from '../resolve/context.js';
import { listItems } from '../resolve/versions.js';

/** Critical advisories older than this many days must be patched where it is deployed. */
export const DEFAULT_OVERDUE_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A critical advisory still deployed after its grace period. */
export interface OverdueCriticalReport {
  advisory: string;
  summary: string;
  /** The affected item and the version the environment runs. */
  item: string;
  version: string;
  /** The deploy tag whose manifest carries it. */
  deployedAs: string;
  published: string;
  /** Whole days since publication. */
  daysOpen: number;
  /** The committed manifest no longer carries it: the patch waits for a deploy. */
  fixCommitted: boolean;
  /** The waiver in force that accepts it (then it does not count as overdue), or null. */
  waivedUntil: string | null;
}

/** What overdueCritical judges for one environment. */
export interface OverdueInput {
  catalog: CatalogIndex;
  /** The environment's config now (its waivers decide what is accepted). */
  config: Environment;
  /** The manifest of the last deploy, and its tag. */
  deployed: Manifest;
  deployedAs: string;
  /** The committed manifest, to tell a pending fix from a missing one. */
  committed?: Manifest;
  now: Date;
  /** Grace period in days (default 7). */
  days?: number;
}

/**
 * Critical advisories affecting a version the environment runs (its last deployed manifest) whose
 * publication is more than `days` days before `now`. A waiver in force is noted, not hidden.
 */
export function overdueCritical(input: OverdueInput): OverdueCriticalReport[] {
  const { catalog, now } = input;
  const days = input.days ?? DEFAULT_OVERDUE_DAYS;
  const committed = input.committed ? manifestVersions(input.committed) : undefined;
  const committedAt = new Map(committed ? listItems(committed) : []);
  const waivers = (input.config.security?.waivers ?? []).filter((w) => waiverInForce(w, now));
  const out: OverdueCriticalReport[] = [];
  for (const [item, version] of listItems(manifestVersions(input.deployed))) {
    const release = releaseAt(catalog, item, version);
    if (!release) continue;
    for (const a of catalog.advisoriesByItem.get(item) ?? []) {
      if (a.severity !== 'critical' || !catalog.ranges.test(a.affected, release.sv)) continue;
      const published = Date.parse(`${a.published.slice(0, 10)}T00:00:00Z`);
      if (Number.isNaN(published)) continue;
      const daysOpen = Math.floor((now.getTime() - published) / DAY_MS);
      if (daysOpen <= days) continue;
      const nowVersion = committedAt.get(item);
      const nowRelease = nowVersion === undefined ? undefined : releaseAt(catalog, item, nowVersion);
      const fixCommitted =
        committed !== undefined &&
        (nowVersion === undefined ||
          (nowRelease !== undefined && !catalog.ranges.test(a.affected, nowRelease.sv)));
      out.push({
        advisory: a.id,
        summary: a.summary,
        item,
        version,
        deployedAs: input.deployedAs,
        published: a.published.slice(0, 10),
        daysOpen,
        fixCommitted,
        waivedUntil: waivers.find((w) => w.advisory === a.id)?.until ?? null,
      });
    }
  }
  return out;
}
