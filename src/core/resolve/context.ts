import { type AdvisoryEntry, type CatalogIndex, SEVERITIES } from '../catalog/catalog-index.js';
import type { Environment } from '../generated/schema-types.js';

/** Why an environment behaves as frozen now: the channel, a hold, a freeze window. Empty: not frozen. */
export interface FreezeState {
  frozen: boolean;
  reasons: string[];
}

/** Channel frozen, a hold, or `now` inside a freeze window (from inclusive, until exclusive). */
export function freezeState(config: Environment, now: Date): FreezeState {
  const reasons: string[] = [];
  if (config.channel === 'frozen') reasons.push('channel frozen');
  if (config.hold) reasons.push(`hold since ${config.hold.since}: ${config.hold.reason}`);
  // Windows in time order, so that the order they are written in does not change the manifest.
  const windows = [...(config.freeze ?? [])].sort(
    (a, b) =>
      Date.parse(a.from) - Date.parse(b.from) ||
      Date.parse(a.until) - Date.parse(b.until) ||
      (a.reason ?? '').localeCompare(b.reason ?? ''),
  );
  for (const w of windows) {
    if (Date.parse(w.from) <= now.getTime() && now.getTime() < Date.parse(w.until)) {
      reasons.push(`freeze window ${w.from} until ${w.until}${w.reason ? ` (${w.reason})` : ''}`);
    }
  }
  return { frozen: reasons.length > 0, reasons };
}

export type Waiver = NonNullable<NonNullable<Environment['security']>['waivers']>[number];

/** A waiver is in force through the whole of its `until` day, UTC. */
export function waiverInForce(waiver: Waiver, now: Date): boolean {
  return now.getTime() < Date.parse(`${waiver.until}T00:00:00Z`) + 24 * 60 * 60 * 1000;
}

/** Which advisories bind this environment now. */
export interface SecurityPolicy {
  /** Severity at or above security.enforce, not waived: these force patches. */
  enforced: readonly AdvisoryEntry[];
  /** Enforced severity, but waived by a waiver in force. */
  waived: readonly { advisory: AdvisoryEntry; waiver: Waiver }[];
  /** Waivers in force, as the manifest records them. */
  waiversInForce: readonly Waiver[];
  /** Waivers past their date: they waive nothing and are a violation. */
  expired: readonly Waiver[];
}

export function securityPolicy(config: Environment, catalog: CatalogIndex, now: Date): SecurityPolicy {
  const floor = SEVERITIES.indexOf(config.security?.enforce ?? 'critical');
  const waivers = config.security?.waivers ?? [];
  const waiversInForce = waivers.filter((w) => waiverInForce(w, now));
  const expired = waivers.filter((w) => !waiverInForce(w, now));
  const enforced: AdvisoryEntry[] = [];
  const waived: { advisory: AdvisoryEntry; waiver: Waiver }[] = [];
  for (const advisory of catalog.advisories) {
    if (SEVERITIES.indexOf(advisory.severity) < floor) continue;
    const waiver = waiversInForce.find((w) => w.advisory === advisory.id);
    if (waiver) waived.push({ advisory, waiver });
    else enforced.push(advisory);
  }
  return { enforced, waived, waiversInForce, expired };
}
