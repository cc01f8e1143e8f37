import type { CatalogIndex } from '../../src/core/catalog/catalog-index.js';
import type { Environment } from '../../src/core/generated/schema-types.js';
import type { EnvironmentEntry } from '../../src/core/load/load-repository.js';
import { overdueCritical } from '../../src/core/report/overdue-critical.js';
import { freezeState } from '../../src/core/resolve/context.js';
import type { EnvironmentPlan } from '../evaluate-ref.js';
import type { CommandFreeze } from '../freeze/freeze-records.js';
import type { EnvironmentView, PendingView, WaiverNotice } from './dashboard-view.js';

/** Waivers whose date is this close (or past) are shown. */
export const WAIVER_NOTICE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One environment as the dashboard shows it, from its plan at the default branch (judged with
 * `target: 'compiled'` against its last deploy tag) and the command freeze in force. Pure: `now` is
 * the event's time, which decides freeze windows, waivers and overdue patches.
 */
export function environmentView(
  entry: EnvironmentEntry,
  plan: EnvironmentPlan,
  commandFreeze: CommandFreeze | undefined,
  catalog: CatalogIndex,
  now: Date,
): EnvironmentView {
  const { baseline, evaluation } = plan;
  const last = baseline.deploys.at(-1);
  const nextWindow = upcomingWindow(entry.config, now);
  return {
    name: entry.name,
    channel: entry.config.channel,
    configPath: entry.source.path,
    freezeReasons: freezeState(entry.config, now).reasons,
    freezeShort: freezeShort(entry.config, commandFreeze, now),
    ...(commandFreeze ? { commandFreeze } : {}),
    ...(nextWindow ? { nextWindow } : {}),
    ...(baseline.ref !== 'none' && last ? { deployed: { tag: last.tag, digest: last.digest } } : {}),
    ...pendingOf(plan),
    // The verdict already says why a change is blocked; the rest (unpatchable, expired waiver) is news.
    problems: evaluation.violations.filter((v) => v.kind !== 'blocked'),
    waivers: waiverNotices(entry.config, now),
    overdue:
      baseline.manifest && last
        ? overdueCritical({
            catalog,
            config: entry.config,
            deployed: baseline.manifest,
            deployedAs: last.tag,
            ...(entry.manifest ? { committed: entry.manifest } : {}),
            now,
          })
        : [],
  };
}

function pendingOf({ evaluation }: EnvironmentPlan): { pending?: PendingView } {
  const { change, verdict, compiled } = evaluation;
  if (!change || !verdict || !compiled) return {};
  return {
    pending: {
      changes: change.changes,
      initial: change.initial,
      ...(change.rollbackTo ? { rollbackTo: change.rollbackTo } : {}),
      verdict: verdict.verdict,
      reason: verdict.reason,
      manifestOutdated: compiled.changed,
    },
  };
}

/** Windows in force now, as freezeState judges them: from inclusive, until exclusive. */
function windowsNow(config: Environment, now: Date) {
  const t = now.getTime();
  return (config.freeze ?? []).filter((w) => Date.parse(w.from) <= t && t < Date.parse(w.until));
}

function freezeShort(config: Environment, commandFreeze: CommandFreeze | undefined, now: Date): string[] {
  const out: string[] = [];
  if (config.channel === 'frozen') out.push('channel frozen');
  if (config.hold) out.push('on hold');
  for (const w of windowsNow(config, now)) out.push(`window until ${w.until.slice(0, 10)}`);
  if (commandFreeze) out.push(`frozen by @${commandFreeze.by}`);
  return out;
}

function upcomingWindow(config: Environment, now: Date): EnvironmentView['nextWindow'] {
  const next = (config.freeze ?? [])
    .filter((w) => Date.parse(w.from) > now.getTime())
    .sort((a, b) => Date.parse(a.from) - Date.parse(b.from))[0];
  if (!next) return undefined;
  return { from: next.from, until: next.until, ...(next.reason ? { reason: next.reason } : {}) };
}

/** Waivers within WAIVER_NOTICE_DAYS of their date, and those past it (they fail validate), soonest first. */
export function waiverNotices(config: Environment, now: Date): WaiverNotice[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return (config.security?.waivers ?? [])
    .map((w) => {
      const daysLeft = Math.round((Date.parse(`${w.until}T00:00:00Z`) - today) / DAY_MS);
      // In force through the whole of its `until` day (waiverInForce), so it expires the day after.
      return { ...w, daysLeft, expired: daysLeft < 0 };
    })
    .filter((w) => w.daysLeft <= WAIVER_NOTICE_DAYS)
    .sort((a, b) => a.daysLeft - b.daysLeft || a.advisory.localeCompare(b.advisory));
}
