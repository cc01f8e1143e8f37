import { createHash } from 'node:crypto';
import semver from 'semver';
import {
  type AdvisoryEntry,
  type CatalogIndex,
  type ItemKey,
  releaseAt,
  releasesOf,
  SEVERITIES,
  type Severity,
} from '../../src/core/catalog/catalog-index.js';
import { compileEnvironment } from '../../src/core/compile.js';
import { type Diagnostic, LockstepError } from '../../src/core/errors.js';
import type { EnvironmentEntry } from '../../src/core/load/load-repository.js';
import { type Change, classifyChange } from '../../src/core/policy/classify.js';
import { decideVerdict, type VerdictResult } from '../../src/core/policy/verdict.js';
import type { PatchRecord } from '../../src/core/resolve/apply-security.js';

/** An enforced advisory, as a security PR describes it. */
export interface AdvisoryFact {
  id: string;
  severity: Severity;
  summary: string;
  affected: string;
  url?: string;
  /** The lowest non-yanked release above the current one that this advisory does not affect. */
  fixedIn?: string;
}

/** One item the security PR changes because of an enforced advisory. */
export interface SecurityFix {
  item: ItemKey;
  /** Its version on the default branch (null: not in the manifest there). */
  from: string | null;
  /** Its version in the recompiled manifest (null: no longer in it). */
  to: string | null;
  /** The enforced advisories that affect `from` (why now), or the patch record's advisory. */
  advisories: AdvisoryFact[];
  /** The manifest's new patch record for the item: what it overrode, and why. */
  record?: PatchRecord;
}

/** Why an environment needs a security pull request, and what it carries. */
export interface SecurityNeed {
  environment: string;
  manifestPath: string;
  /** The recompiled manifest, exactly the bytes compile gives. */
  text: string;
  digest: string;
  /** A fingerprint of the manifest committed on the default branch (the PR is rebuilt when it moves). */
  onMain: string;
  channel: string;
  enforce: Severity;
  fixes: SecurityFix[];
  /** Other changes compile gives with the fixes (compile yields one manifest). */
  others: Change[];
  severity: Severity;
  advisories: string[];
  /** The policy's verdict on committed -> recompiled, as lockstep/policy is expected to judge it. */
  verdict: VerdictResult;
  /** Waivers in force in the environment (their advisories are not patched), for the record. */
  waived: { advisory: string; until: string; approvedBy: string; reason: string }[];
}

/** What the catalog means for one environment now. */
export type Assessment =
  | { kind: 'needed'; need: SecurityNeed }
  | { kind: 'none'; why: string }
  | { kind: 'problem'; diagnostics: readonly Diagnostic[] };

/**
 * Decides whether an environment needs a security PR: compile it, and compare with the committed
 * manifest. It does when an item changes because of an enforced advisory: the committed version is
 * affected by one, or the recompiled manifest has a new patch record for it. Compile gives one
 * manifest, so the PR carries all of it; changes that are not fixes are listed apart (`others`) and
 * the policy judges them as usual. Compile errors are this environment's problem, not the run's.
 */
export function assessEnvironment(entry: EnvironmentEntry, catalog: CatalogIndex, now: Date): Assessment {
  if (!entry.manifest || !entry.manifestSource) return { kind: 'none', why: 'no committed manifest' };
  let compiled: ReturnType<typeof compileEnvironment>;
  try {
    compiled = compileEnvironment(entry, catalog, now);
  } catch (error) {
    if (error instanceof LockstepError && error.diagnostics.length)
      return { kind: 'problem', diagnostics: error.diagnostics };
    throw error;
  }
  if (compiled.text === entry.manifestSource.text) return { kind: 'none', why: 'up to date' };
  const enforced = new Set(compiled.policy.enforced);
  const before = entry.manifest.security.patches as PatchRecord[];
  const fresh = (compiled.manifest.security.patches as PatchRecord[]).filter(
    (p) =>
      !before.some(
        (b) => b.advisory === p.advisory && b.item === p.item && b.from === p.from && b.to === p.to,
      ),
  );
  const change = classifyChange(entry.manifest, compiled.manifest);
  const fixes: SecurityFix[] = [];
  const others: Change[] = [];
  for (const c of change.changes) {
    const hits = affecting(catalog, enforced, c.item, c.from);
    const record = fresh.find((p) => p.item === c.item && p.to === c.to);
    const recordAdvisory = record && catalog.advisories.find((a) => a.id === record.advisory);
    const advisories = hits.length ? hits : recordAdvisory ? [recordAdvisory] : [];
    if (advisories.length === 0) {
      others.push(c);
      continue;
    }
    fixes.push({
      item: c.item,
      from: c.from,
      to: c.to,
      advisories: advisories.map((a) => fact(catalog, a, a.item === c.item ? c.from : null)),
      ...(record ? { record } : {}),
    });
  }
  if (fixes.length === 0) return { kind: 'none', why: 'the difference holds no security fix' };
  const severities = fixes.flatMap((f) => [
    ...f.advisories.map((a) => a.severity),
    ...(f.record ? [f.record.severity] : []),
  ]);
  const verdict = decideVerdict(
    entry.config,
    { channel: entry.config.channel, freeze: compiled.freeze },
    change,
  );
  return {
    kind: 'needed',
    need: {
      environment: entry.name,
      manifestPath: entry.manifestPath,
      text: compiled.text,
      digest: compiled.manifest.digest,
      onMain: fingerprint(entry.manifestSource.text),
      channel: entry.config.channel,
      enforce: entry.config.security?.enforce ?? 'critical',
      fixes,
      others,
      severity: highest(severities),
      advisories: [...new Set(fixes.flatMap((f) => f.advisories.map((a) => a.id)))].sort(),
      verdict,
      waived: compiled.policy.waiversInForce.map((w) => ({
        advisory: w.advisory,
        until: w.until,
        approvedBy: w.approvedBy,
        reason: w.reason,
      })),
    },
  };
}

/** A short fingerprint of a file's bytes. */
export function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The most severe of `severities` (low when empty). */
export function highest(severities: readonly Severity[]): Severity {
  return SEVERITIES[Math.max(0, ...severities.map((s) => SEVERITIES.indexOf(s)))] ?? 'low';
}

/** The enforced advisories that affect `version` of `item`. */
function affecting(
  catalog: CatalogIndex,
  enforced: ReadonlySet<AdvisoryEntry>,
  item: ItemKey,
  version: string | null,
): AdvisoryEntry[] {
  const release = version === null ? undefined : releaseAt(catalog, item, version);
  if (!release) return [];
  return (catalog.advisoriesByItem.get(item) ?? []).filter(
    (a) => enforced.has(a) && catalog.ranges.test(a.affected, release.sv),
  );
}

/** The advisory as the PR shows it; `from` is the advisory's item's current version, when known. */
function fact(catalog: CatalogIndex, a: AdvisoryEntry, from: string | null): AdvisoryFact {
  // Releases are sorted highest first: the last fitting one is the lowest fix.
  const fixedIn = releasesOf(catalog, a.item)
    .filter(
      (r) =>
        !r.yanked &&
        (from === null || !semver.valid(from) || semver.gt(r.version, from)) &&
        !catalog.ranges.test(a.affected, r.sv),
    )
    .at(-1)?.version;
  return {
    id: a.id,
    severity: a.severity,
    summary: a.summary,
    affected: a.affected,
    ...(a.url ? { url: a.url } : {}),
    ...(fixedIn ? { fixedIn } : {}),
  };
}
