import type { Diagnostic } from '../../src/core/errors.js';
import type { Change } from '../../src/core/policy/classify.js';
import type { Verdict } from '../../src/core/policy/verdict.js';
import type { OverdueCriticalReport } from '../../src/core/report/overdue-critical.js';
import type { CommandFreeze } from '../freeze/freeze-records.js';

/**
 * What the dashboard shows, gathered from GitHub and judged by the core, in plain data: the renderer
 * (dashboard-markdown.ts) is a pure function of it and a clock, so it is unit-tested without GitHub.
 */
export interface DashboardView {
  /** The repository's web address, e.g. https://github.com/acme/platform (links to tags and releases). */
  repoUrl: string;
  defaultBranch: string;
  /** Every environment judged, or the input errors that stopped Lockstep from judging them. */
  environments: { ok: true; list: EnvironmentView[] } | { ok: false; diagnostics: Diagnostic[] };
  /** Open pull requests from Lockstep's branches (`lockstep/security/<env>`, `lockstep/rollback/<env>`). */
  pulls: LockstepPull[];
}

/** One environment on the dashboard. */
export interface EnvironmentView {
  name: string;
  channel: string;
  /** The environment's config file, for messages. */
  configPath: string;
  /** Why it behaves as frozen now (the core's freezeState), empty when it does not. */
  freezeReasons: string[];
  /** A few words for the overview table: `channel frozen`, `on hold`, `window until 2027-01-05`. */
  freezeShort: string[];
  /** A `/lockstep freeze` in force, with who asked. */
  commandFreeze?: CommandFreeze;
  /** The next freeze window that has not started yet. */
  nextWindow?: { from: string; until: string; reason?: string };
  /** The last deploy tag and its manifest digest; absent before the first deploy. */
  deployed?: { tag: string; digest: string };
  /** What compile at the default branch's head would change against the deployed manifest. */
  pending?: PendingView;
  /** Violations found while judging (unpatchable advisory, expired waiver...), as `file:line:col: message`. */
  problems: Diagnostic[];
  /** Waivers expiring within the notice period, and expired ones. */
  waivers: WaiverNotice[];
  /** Critical advisories still deployed after their grace period. */
  overdue: OverdueCriticalReport[];
}

/** The pending change of one environment. */
export interface PendingView {
  changes: Change[];
  /** Nothing deployed yet: the change is the first deploy. */
  initial: boolean;
  /** The change restores an earlier deploy tag's manifest. */
  rollbackTo?: string;
  verdict: Verdict;
  reason: string;
  /** The committed manifest is not what compile gives now (drift): someone must run compile. */
  manifestOutdated: boolean;
}

/** A waiver close to its date, or past it. */
export interface WaiverNotice {
  advisory: string;
  until: string;
  reason: string;
  approvedBy: string;
  /** Whole days from today (UTC) to `until`; negative once expired. */
  daysLeft: number;
  expired: boolean;
}

/** An open pull request from one of Lockstep's branches. */
export interface LockstepPull {
  number: number;
  title: string;
  url: string;
  kind: 'security' | 'rollback';
  environment: string;
  author: string;
  draft: boolean;
}
