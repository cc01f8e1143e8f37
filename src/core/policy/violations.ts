import { type CatalogIndex, releaseAt } from '../catalog/catalog-index.js';
import type { Diagnostic } from '../errors.js';
import type { Manifest } from '../generated/schema-types.js';
import type { EnvironmentEntry } from '../load/load-repository.js';
import { diagnosticAt } from '../load/source.js';
import { manifestVersions } from '../manifest/build-manifest.js';
import type { SecurityPolicy } from '../resolve/context.js';
import { listItems } from '../resolve/versions.js';

/** Kinds of violation; each makes validate exit 1. */
export type ViolationKind = 'drift' | 'affected' | 'expired-waiver' | 'blocked' | 'unpatchable';

/** A policy violation, located like an input error. */
export interface Violation extends Diagnostic {
  environment: string;
  kind: ViolationKind;
}

/** The committed manifest is missing or differs from what compile gives. */
export function driftViolation(entry: EnvironmentEntry, compiledText: string): Violation | undefined {
  if (entry.manifestSource?.text === compiledText) return undefined;
  const message = entry.manifestSource
    ? `${entry.manifestPath} differs from what compile gives (drift); run lockstep compile ${entry.name} and commit the result`
    : `${entry.manifestPath} is missing; run lockstep compile ${entry.name} and commit the result`;
  return {
    environment: entry.name,
    kind: 'drift',
    file: entry.manifestPath,
    line: entry.manifestSource ? 1 : 0,
    col: entry.manifestSource ? 1 : 0,
    field: '',
    message,
  };
}

/** Versions in a manifest affected by an enforced, non-waived advisory. */
export function affectedViolations(
  entry: EnvironmentEntry,
  manifest: Manifest,
  catalog: CatalogIndex,
  policy: SecurityPolicy,
): Violation[] {
  const out: Violation[] = [];
  const enforced = new Set(policy.enforced);
  for (const [item, version] of listItems(manifestVersions(manifest))) {
    const release = releaseAt(catalog, item, version);
    if (!release) continue;
    for (const a of catalog.advisoriesByItem.get(item) ?? []) {
      if (!enforced.has(a) || !catalog.ranges.test(a.affected, release.sv)) continue;
      const path =
        item === 'platform'
          ? ['platform']
          : item.startsWith('suite:')
            ? ['suites', item.slice(6)]
            : ['capabilities', item.slice(11), 'version'];
      const where = entry.manifestSource
        ? diagnosticAt(entry.manifestSource, path, '')
        : { file: entry.manifestPath, line: 0, col: 0, field: '' };
      out.push({
        ...where,
        environment: entry.name,
        kind: 'affected',
        message: `${item} ${version} is affected by ${a.id} (${a.severity}: ${a.summary}); run lockstep compile ${entry.name} to patch it, or add a waiver`,
      });
    }
  }
  return out;
}

/** Waivers past their date. */
export function expiredWaiverViolations(entry: EnvironmentEntry, policy: SecurityPolicy): Violation[] {
  const waivers = entry.config.security?.waivers ?? [];
  return policy.expired.map((w) => ({
    ...diagnosticAt(entry.source, ['security', 'waivers', waivers.indexOf(w), 'until'], ''),
    environment: entry.name,
    kind: 'expired-waiver' as const,
    message: `security.waivers: the waiver of ${w.advisory} expired on ${w.until} and waives nothing; patch the advisory, or renew the waiver with a new until and approvedBy`,
  }));
}
