import {
  type AdvisoryEntry,
  type CatalogIndex,
  type ItemKey,
  itemName,
  type Release,
  releasesOf,
} from './catalog/catalog-index.js';
import type { CompileOutcome } from './compile.js';
import type { Patch } from './generated/schema-types.js';
import type { EnvironmentEntry } from './load/load-repository.js';
import { manifestVersions } from './manifest/build-manifest.js';
import type { Waiver } from './resolve/context.js';
import { capabilityRequirements, type Requirement, suiteRequirements } from './resolve/requirements.js';
import { type Versions, versionOf } from './resolve/versions.js';

type RangeKind = 'platform-range' | 'suite-range';
type FreezeKind = 'channel' | 'freeze' | 'hold';
/** What kind of rule a constraint is. */
export type ConstraintKind = RangeKind | 'pin' | FreezeKind | 'advisory' | 'waiver' | 'yanked';

/** One rule that applied to the item, and where it is written. */
export interface Constraint {
  kind: ConstraintKind;
  /** Who imposes it: `platform 3.4.0`, `suite billing 2.1.3`, `environments/prod.yaml pins.platform`. */
  source: string;
  range?: string;
  text: string;
}

/** Why a release was not chosen; `unexplained` means no rule was found (a bug to report). */
export interface Rejection {
  kind: ConstraintKind | 'security-rule' | 'unexplained';
  source: string;
  text: string;
}

/** Where the chosen version came from. */
export type VersionOrigin =
  | { kind: 'resolved' | 'not-deployed'; text: string }
  | { kind: 'kept'; text: string; reasons: string[] }
  | ({ kind: 'security-patch'; text: string } & Patch);

/** An advisory affecting the chosen version, and why it did not force a patch. */
export type AdvisoryNote = Pick<AdvisoryEntry, 'id' | 'severity' | 'affected' | 'summary'> & {
  status: 'enforced' | 'waived' | 'not-enforced';
  waiver?: Waiver;
  text: string;
};

/** Why an item of one environment got its version (SPEC section 5, explain). */
export interface Explanation {
  environment: string;
  item: ItemKey;
  /** The version in the compiled manifest; null when the environment does not deploy the item. */
  version: string | null;
  origin: VersionOrigin;
  constraints: Constraint[];
  /** Every release higher than the chosen one, highest first, with every reason it was not taken. */
  rejected: { version: string; reasons: Rejection[] }[];
  /** How many releases are lower than the chosen one (not listed: the highest acceptable wins). */
  lowerReleases: number;
  advisories: AdvisoryNote[];
}

/** Everything the helpers below share about one item of one compile. */
interface Scope {
  entry: EnvironmentEntry;
  catalog: CatalogIndex;
  outcome: CompileOutcome;
  item: ItemKey;
  version: string;
  patch: Patch | undefined;
  /** Frozen with a committed manifest: compile keeps its versions (SPEC section 3, step 5). */
  kept: boolean;
}

/** A constraint, and the test by which it rejects a release (undefined: it does not). */
type Rule = Constraint & { rejects?: ((r: Release) => string | undefined) | undefined };

/** Explains the version `outcome` chose for `item`: its origin, the constraints, why each higher release lost. */
export function explainItem(
  entry: EnvironmentEntry,
  catalog: CatalogIndex,
  outcome: CompileOutcome,
  item: ItemKey,
): Explanation {
  const final = manifestVersions(outcome.manifest);
  const version = versionOf(final, item);
  const environment = entry.name;
  if (version === undefined) {
    const text = `not deployed in ${environment}: nothing requires it`;
    const none = { constraints: [], rejected: [], lowerReleases: 0, advisories: [] };
    return { environment, item, version: null, origin: { kind: 'not-deployed', text }, ...none };
  }
  const patch = outcome.manifest.security.patches.find((p) => p.item === item && p.to === version);
  const kept = outcome.freeze.frozen && entry.manifest !== undefined;
  const s: Scope = { entry, catalog, outcome, item, version, patch, kept };
  const parents = parentsOf(catalog, item, final);
  const rules = [rangeRules(s, parents), pinRules(s), freezeRules(s), securityRules(s), yanked(s)].flat();
  const releases = releasesOf(catalog, item);
  const chosen = releases.find((r) => r.version === version);
  const higher = chosen ? releases.filter((r) => r.sv.compare(chosen.sv) > 0) : [];
  return {
    environment,
    item,
    version,
    origin: originOf(s),
    constraints: rules.map(({ rejects: _, ...constraint }) => constraint),
    rejected: higher.map((r) => ({ version: r.version, reasons: rejectionsOf(s, rules, r) })),
    lowerReleases: chosen ? releases.filter((r) => r.sv.compare(chosen.sv) < 0).length : 0,
    advisories: chosen ? advisoryNotes(s, chosen) : [],
  };
}

function parentsOf(catalog: CatalogIndex, item: ItemKey, v: Versions): Requirement[] {
  if (item === 'platform') return [];
  if (item.startsWith('suite:')) {
    const req = suiteRequirements(catalog, v.platform).get(itemName(item));
    return req ? [req] : [];
  }
  return capabilityRequirements(catalog, v.suites).get(itemName(item)) ?? [];
}

function originOf(s: Scope): VersionOrigin {
  const { patch, outcome } = s;
  if (patch) {
    const reason = patch.reason ? `, ${patch.reason}` : '';
    const overriding = patch.overrides.length ? `, overriding ${patch.overrides.join('; ')}` : '';
    const text = `security patch ${patch.from ?? '(absent)'} -> ${patch.to} by advisory ${patch.advisory} (${patch.severity})${reason}${overriding}`;
    return { kind: 'security-patch', text, ...patch };
  }
  const { reasons, frozen } = outcome.freeze;
  const text = `kept from ${s.entry.manifestPath}: frozen (${reasons.join('; ')})`;
  if (s.kept) return { kind: 'kept', reasons, text };
  const first = frozen ? ' (frozen, but with no committed manifest yet: first compile)' : '';
  return {
    kind: 'resolved',
    text: `resolved: the highest non-yanked release inside every range and pin${first}`,
  };
}

/** Steps 2 and 3: the range each chosen parent imposes. */
function rangeRules(s: Scope, parents: readonly Requirement[]): Rule[] {
  return parents.map((q) => {
    const source = q.by === 'platform' ? `platform ${q.byVersion}` : `suite ${q.by} ${q.byVersion}`;
    const kind: RangeKind = q.by === 'platform' ? 'platform-range' : 'suite-range';
    const text = `requires ${s.item.replace(':', ' ')} inside '${q.range}'`;
    const rejects = outside(s, q.range, `outside '${q.range}' of ${source}`);
    return { kind, source, range: q.range, text, rejects };
  });
}

function pinRules(s: Scope): Rule[] {
  const pins = s.entry.config.pins ?? {};
  const level = s.item.startsWith('suite:') ? 'suites' : 'capabilities';
  const field = s.item === 'platform' ? 'pins.platform' : `pins.${level}.${itemName(s.item)}`;
  const range = s.item === 'platform' ? pins.platform : pins[level]?.[itemName(s.item)];
  if (!range) return [];
  const source = `${s.entry.source.path} ${field}`;
  const overridden = s.patch?.overrides.some((o) => o.startsWith(`${field} `));
  const exact = `${/^\d+\.\d+\.\d+$/.test(range) ? 'exact pin' : 'pin range'} '${range}'`;
  const text = overridden ? `${exact}, overridden by the security patch for ${s.patch?.advisory}` : exact;
  const rejects = outside(s, range, `outside pin '${range}' (${source})`);
  return [{ kind: 'pin', source, range, text, rejects }];
}

const CHANNEL_TEXT = {
  'auto-update': 'compile takes the highest release that fits; changes deploy without approval',
  'manual-approval': 'compile takes the highest release that fits; changes other than patches need approval',
  frozen: 'versions stay as in the committed manifest; only enforced security patches change them',
} as const;

/** Step 5: channel, hold and freeze windows decide whether compile resolves anew or keeps the manifest. */
function freezeRules(s: Scope): Rule[] {
  const { config, source } = s.entry;
  // Only a frozen environment with a committed manifest keeps its versions (step 5).
  const effect = s.patch ? 'only the enforced patch moved it' : 'the current version is kept';
  const keeps = (why: string) => (s.kept ? () => `${why}: ${effect}` : undefined);
  const text = `${config.channel}: ${CHANNEL_TEXT[config.channel]}`;
  const frozen = config.channel === 'frozen' ? keeps('channel frozen') : undefined;
  const rules: Rule[] = [{ kind: 'channel', source: `${source.path} channel`, text, rejects: frozen }];
  if (config.hold) {
    const text = `on hold since ${config.hold.since} (${config.hold.reason}): behaves as frozen`;
    rules.push({ kind: 'hold', source: `${source.path} hold`, text, rejects: keeps('on hold') });
  }
  for (const reason of s.outcome.freeze.reasons.filter((r) => r.startsWith('freeze window'))) {
    // FreezeState keeps its reasons as text; the window's dates in one identify the window.
    const i = (config.freeze ?? []).findIndex((w) => reason.includes(`${w.from} until ${w.until}`));
    const at = `${source.path} freeze${i >= 0 ? `[${i}]` : ''}`;
    rules.push({ kind: 'freeze', source: at, text: reason, rejects: keeps('inside a freeze window') });
  }
  return rules;
}

/** Step 6: the item's advisories and the waivers naming them. */
function securityRules(s: Scope): Rule[] {
  const { entry } = s;
  const advisories = s.catalog.advisoriesByItem.get(s.item) ?? [];
  const rules = advisories.map((a): Rule => {
    const source = `advisory ${a.id} (${a.severity})`;
    const why = `affected by enforced advisory ${a.id} (${a.severity}, '${a.affected}')`;
    const on = s.outcome.policy.enforced.includes(a);
    const rejects = (r: Release) => (on && affects(s, a, r) ? why : undefined);
    const text = `affects '${a.affected}': ${a.summary}; ${policyOf(s, a).text}`;
    return { kind: 'advisory', source, range: a.affected, text, rejects };
  });
  (entry.config.security?.waivers ?? []).forEach((w, i) => {
    if (!advisories.some((a) => a.id === w.advisory)) return;
    const expired = s.outcome.policy.expired.includes(w) ? ' expired: it waives nothing' : '';
    const text = `waives ${w.advisory} until ${w.until}${expired} (approved by ${w.approvedBy}: ${w.reason})`;
    rules.push({ kind: 'waiver', source: `${entry.source.path} security.waivers[${i}]`, text });
  });
  return rules;
}

function yanked(s: Scope): Rule[] {
  return releasesOf(s.catalog, s.item)
    .filter((y) => y.yanked)
    .map((y): Rule => {
      const rejects = (r: Release) => (r === y ? 'the release is yanked' : undefined);
      const text = `${y.version} is yanked: never chosen`;
      return { kind: 'yanked', source: y.origin.source.path, text, rejects };
    });
}

/** Rejects the releases outside `range` with `text`. */
function outside(s: Scope, range: string, text: string): Rule['rejects'] {
  return (r) => (s.catalog.ranges.test(range, r.sv) ? undefined : text);
}

/** How the environment's security policy treats an advisory now. */
function policyOf(s: Scope, a: AdvisoryEntry): Pick<AdvisoryNote, 'status' | 'text' | 'waiver'> {
  const { policy } = s.outcome;
  const waiver = policy.waived.find((w) => w.advisory === a)?.waiver;
  const text = waiver ? `waived until ${waiver.until} by ${waiver.approvedBy}: ${waiver.reason}` : '';
  if (waiver) return { status: 'waived', waiver, text };
  if (policy.enforced.includes(a)) return { status: 'enforced', text: 'enforced: affected versions move up' };
  const floor = s.entry.config.security?.enforce ?? 'critical';
  return { status: 'not-enforced', text: `not enforced: ${a.severity} is below security.enforce '${floor}'` };
}

/** Every rule that rejects the release; with none, the security rule is what kept the item lower. */
function rejectionsOf(s: Scope, rules: readonly Rule[], r: Release): Rejection[] {
  const out: Rejection[] = [];
  for (const { kind, source, rejects } of rules) {
    const text = rejects?.(r);
    if (text) out.push({ kind, source, text });
  }
  const { patch } = s;
  if (patch) {
    const from = patch.from ?? '(absent)';
    const text = patch.reason
      ? `the security patch moved it ${from} -> ${patch.to} (${patch.reason}): the lowest release that fits`
      : `the security patch takes the lowest fixed release above ${from}, which is ${patch.to}`;
    out.push({ kind: 'security-rule', source: `advisory ${patch.advisory}`, text });
  }
  return out.length ? out : fallbackRejections(s, r);
}

/**
 * When step 6 raised a parent, a child that still fits keeps its version (ADR 0003) although a higher
 * release may fit the new parent: what rejected it is the range of the parent chosen before the patch.
 */
function fallbackRejections(s: Scope, r: Release): Rejection[] {
  const before = rangeRules(s, parentsOf(s.catalog, s.item, s.outcome.start));
  const out = before.flatMap(({ source, rejects }): Rejection[] => {
    const text = rejects?.(r);
    const why = `${text} when resolved; a security patch then raised that parent, and ${s.version} still fits`;
    return text ? [{ kind: 'security-rule', source, text: why }] : [];
  });
  return out.length ? out : [{ kind: 'unexplained', source: 'lockstep', text: 'no rule rejects it: a bug' }];
}

function advisoryNotes(s: Scope, chosen: Release): AdvisoryNote[] {
  const affecting = s.catalog.advisoriesByItem.get(s.item)?.filter((a) => affects(s, a, chosen)) ?? [];
  return affecting.map((a) => {
    const { id, severity, affected, summary } = a;
    return { id, severity, affected, summary, ...policyOf(s, a) };
  });
}

function affects(s: Scope, a: AdvisoryEntry, r: Release): boolean {
  return s.catalog.ranges.test(a.affected, r.sv);
}
