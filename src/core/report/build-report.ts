import type { Evaluation } from '../evaluate.js';
import type { Capability, Environment, Manifest } from '../generated/schema-types.js';
import type { Change } from '../policy/classify.js';
import type { Violation } from '../policy/violations.js';
import { freezeState, type Waiver, waiverInForce } from '../resolve/context.js';
import { type DeployInfo, type DeploymentReport, type DeployReport, deployReport } from './deploy-report.js';
import type { OverdueCriticalReport } from './overdue-critical.js';

export type { DeployInfo, DeploymentReport, DeployReport } from './deploy-report.js';
export type { OverdueCriticalReport } from './overdue-critical.js';

/** One environment's part of the report input. */
export interface ReportEnvironmentInput {
  config: Environment;
  /** The committed manifest, when there is one. */
  manifest?: Manifest;
  /** `evaluateEnvironment(..., 'committed')` against the last deploy, exactly as validate runs it. */
  evaluation: Evaluation;
  /** What the evaluation compared against: a deploy tag, 'HEAD' or 'none'. */
  baselineRef: string;
  /** Deploys, in any order (the report sorts them by number). */
  deploys: readonly DeployInfo[];
  /** What only GitHub knows (the Action's report): its Deployments and the overdue critical patches. */
  github?: GitHubFacts;
}

/** An environment's facts from GitHub, gathered by the Action. */
export interface GitHubFacts {
  /** The latest GitHub Deployments, newest first. */
  deployments: readonly DeploymentReport[];
  /** Computed by overdueCritical() from the catalog and the last deployed manifest. */
  overdueCritical: readonly OverdueCriticalReport[];
}

/** Everything a report is built from: plain data, gathered by the caller. */
export interface ReportInput {
  environments: readonly ReportEnvironmentInput[];
}

/** The compliance report; `lockstep report --format json` prints it as is. */
export interface Report {
  apiVersion: 'lockstep/v1';
  kind: 'Report';
  /** The instant every time-dependent status (waivers, freezes) is judged at, ISO. */
  generatedAt: string;
  /** True when no environment has a violation; the CLI exits 1 otherwise. */
  ok: boolean;
  summary: ReportSummary;
  /** One entry per environment, by name. */
  environments: EnvironmentReport[];
}

/** The counts at the top of the report. */
export interface ReportSummary {
  environments: number;
  deploys: number;
  openViolations: number;
  /** Distinct critical advisories with an enforced patch recorded in some committed manifest. */
  criticalAdvisoriesPatched: number;
  /** Waivers in force that end within `EXPIRING_SOON_DAYS` days. */
  waiversExpiringSoon: number;
  waiversExpired: number;
  /** Environments that behave as frozen now (channel, hold or freeze window). */
  frozenEnvironments: number;
  /** Critical advisories deployed past their grace period and not waived (Action report only). */
  overdueCritical?: number;
}

/** One environment: state, versions, history, security and violations. */
export interface EnvironmentReport {
  name: string;
  channel: Environment['channel'];
  /** Behaves as frozen now, and why (channel, hold, freeze window). */
  frozen: boolean;
  frozenReasons: string[];
  hold: { reason: string; since: string } | null;
  freezeWindows: FreezeWindowReport[];
  /** The versions of the committed manifest; null when none is committed. */
  manifest: ManifestReport | null;
  /** The newest deploy tag, or null before the first deploy. */
  lastDeploy: string | null;
  /** The committed manifest is the one last deployed. */
  deployed: boolean;
  /** The change from the last deploy to the committed manifest, with its verdict. */
  pending: PendingReport;
  /** Deploys, oldest first. */
  deploys: DeployReport[];
  /** Enforced patches recorded in the committed manifest. */
  patches: PatchReport[];
  waivers: WaiverReport[];
  violations: ViolationReport[];
  /** The latest GitHub Deployments, newest first (Action report only). */
  deployments?: DeploymentReport[];
  /** Critical advisories still deployed past their grace period (Action report only). */
  overdueCritical?: OverdueCriticalReport[];
}

/** A freeze window and where `generatedAt` falls relative to it. */
export interface FreezeWindowReport {
  from: string;
  until: string;
  reason: string | null;
  status: 'active' | 'upcoming' | 'past';
}

/** The versions a manifest locks. */
export interface ManifestReport {
  digest: string;
  platform: string;
  suites: { name: string; version: string }[];
  /** As the manifest records them, by name; digest null when the catalog gives none. */
  capabilities: ({ name: string; digest: string | null } & Omit<Capability, 'digest'>)[];
}

/** Not yet deployed: the committed manifest against the baseline. */
export interface PendingReport {
  /** The baseline: a deploy tag, 'HEAD' or 'none'. */
  baseline: string;
  verdict: string | null;
  reason: string | null;
  rollback: boolean;
  changes: Change[];
}

/** One enforced patch: what it changed and what it overrode. */
export interface PatchReport {
  advisory: string;
  severity: string;
  /** The advisory's one-line summary, when the catalog still lists it. */
  summary: string | null;
  item: string;
  from: string | null;
  to: string | null;
  overrides: string[];
  reason: string | null;
}

/** One waiver of the environment's config. */
export interface WaiverReport {
  advisory: string;
  /** The waived advisory's severity, when the catalog lists it at an enforced severity. */
  severity: string | null;
  until: string;
  reason: string;
  approvedBy: string;
  /** Where it stands at `generatedAt`. */
  status: 'in-force' | 'expiring-soon' | 'expired';
  /** Whole days left in force (0 on the last day and once expired). */
  daysLeft: number;
}

/** One violation, located like an input error (its environment is the section's own). */
export type ViolationReport = Omit<Violation, 'environment'>;

/** Waivers ending within this many days are flagged, so they are renewed or patched in time. */
export const EXPIRING_SOON_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Builds the report from gathered data; `now` decides waiver and freeze statuses. */
export function buildReport(input: ReportInput, now: Date): Report {
  const environments = [...input.environments]
    .sort((a, b) => a.config.name.localeCompare(b.config.name))
    .map((env) => environmentReport(env, now));
  const summary = summarize(environments);
  return {
    apiVersion: 'lockstep/v1',
    kind: 'Report',
    generatedAt: now.toISOString(),
    ok: summary.openViolations === 0,
    summary,
    environments,
  };
}

function environmentReport(env: ReportEnvironmentInput, now: Date): EnvironmentReport {
  const { config, evaluation } = env;
  const freeze = freezeState(config, now);
  const deploys = [...env.deploys].sort((a, b) => a.n - b.n);
  const last = deploys.at(-1);
  const advisories = advisoryIndex(evaluation);
  return {
    name: config.name,
    channel: config.channel,
    frozen: freeze.frozen,
    frozenReasons: freeze.reasons,
    hold: config.hold ? { reason: config.hold.reason, since: config.hold.since } : null,
    freezeWindows: (config.freeze ?? []).map((w) => windowReport(w, now)),
    manifest: env.manifest ? manifestReport(env.manifest) : null,
    lastDeploy: last?.tag ?? null,
    deployed: last !== undefined && env.manifest?.digest === last.digest,
    pending: {
      baseline: env.baselineRef,
      verdict: evaluation.verdict?.verdict ?? null,
      reason: evaluation.verdict?.reason ?? null,
      rollback: evaluation.change?.rollback ?? false,
      changes: [...(evaluation.change?.changes ?? [])],
    },
    deploys: deploys.map((d) => deployReport(d, env.github !== undefined)),
    patches: (env.manifest?.security.patches ?? []).map((p) => ({
      ...p,
      summary: advisories.get(p.advisory)?.summary ?? null,
      overrides: [...p.overrides],
      reason: p.reason ?? null,
    })),
    waivers: (config.security?.waivers ?? []).map((w) => waiverReport(w, advisories, now)),
    violations: evaluation.violations.map(({ environment: _env, ...v }) => v),
    ...(env.github
      ? {
          deployments: env.github.deployments.map((d) => ({ ...d })),
          overdueCritical: env.github.overdueCritical.map((o) => ({ ...o })),
        }
      : {}),
  };
}

type AdvisoryFacts = { severity: string; summary: string };

/** Severity and summary of the advisories the policy knows, by id (the catalog is not in the input). */
function advisoryIndex(evaluation: Evaluation): Map<string, AdvisoryFacts> {
  const policy = evaluation.compiled?.policy;
  const all = [...(policy?.enforced ?? []), ...(policy?.waived ?? []).map((w) => w.advisory)];
  return new Map(all.map((a) => [a.id, { severity: a.severity, summary: a.summary }]));
}

function windowReport(w: NonNullable<Environment['freeze']>[number], now: Date): FreezeWindowReport {
  const t = now.getTime();
  const status = t < Date.parse(w.from) ? 'upcoming' : t < Date.parse(w.until) ? 'active' : 'past';
  return { from: w.from, until: w.until, reason: w.reason ?? null, status };
}

function manifestReport(m: Manifest): ManifestReport {
  const byName = <T>(o: Record<string, T>) => Object.entries(o).sort(([a], [b]) => a.localeCompare(b));
  return {
    digest: m.digest,
    platform: m.platform,
    suites: byName(m.suites).map(([name, version]) => ({ name, version })),
    capabilities: byName(m.capabilities).map(([name, c]) => ({
      name,
      version: c.version,
      requiredBy: [...c.requiredBy],
      artifact: c.artifact,
      digest: c.digest ?? null,
    })),
  };
}

function waiverReport(w: Waiver, advisories: Map<string, AdvisoryFacts>, now: Date): WaiverReport {
  // waiverInForce is the rule compile applies; the end instant below matches it (end of the until day).
  const inForce = waiverInForce(w, now);
  const left = Date.parse(`${w.until}T00:00:00Z`) + DAY_MS - now.getTime();
  const status: WaiverReport['status'] = !inForce
    ? 'expired'
    : left <= EXPIRING_SOON_DAYS * DAY_MS
      ? 'expiring-soon'
      : 'in-force';
  return {
    advisory: w.advisory,
    severity: advisories.get(w.advisory)?.severity ?? null,
    until: w.until,
    reason: w.reason,
    approvedBy: w.approvedBy,
    status,
    daysLeft: inForce ? Math.floor(left / DAY_MS) : 0,
  };
}

function summarize(envs: readonly EnvironmentReport[]): ReportSummary {
  const critical = new Set(
    envs.flatMap((e) => e.patches.filter((p) => p.severity === 'critical').map((p) => p.advisory)),
  );
  const waivers = envs.flatMap((e) => e.waivers);
  return {
    environments: envs.length,
    deploys: envs.reduce((n, e) => n + e.deploys.length, 0),
    openViolations: envs.reduce((n, e) => n + e.violations.length, 0),
    criticalAdvisoriesPatched: critical.size,
    waiversExpiringSoon: waivers.filter((w) => w.status === 'expiring-soon').length,
    waiversExpired: waivers.filter((w) => w.status === 'expired').length,
    frozenEnvironments: envs.filter((e) => e.frozen).length,
    ...(envs.some((e) => e.overdueCritical)
      ? {
          overdueCritical: envs.reduce(
            (n, e) => n + (e.overdueCritical ?? []).filter((o) => o.waivedUntil === null).length,
            0,
          ),
        }
      : {}),
  };
}
