import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Verdict } from '../../core/policy/verdict.js';
import { buildReport, type Report } from '../../core/report/build-report.js';
import { DEFAULT_OVERDUE_DAYS } from '../../core/report/overdue-critical.js';
import { renderHtml } from '../../core/report/render-html.js';
import { renderMarkdown } from '../../core/report/render-markdown.js';
import type { EnvironmentResult } from '../result.js';
import type { Settings } from '../settings.js';
import { type ActionCommandRunner, tagPrefixOf } from './context.js';
import { gatherEnvironment } from './report-environment.js';
import { ReportReads } from './report-github.js';

type Format = 'md' | 'json' | 'html';

/** The report's inputs, tolerating settings that predate them: format md, file lockstep-report.<ext>. */
export function reportSettingsOf(settings: Settings): { format: Format; path: string; overdueDays: number } {
  const s: { reportFormat?: unknown; reportPath?: unknown; overdueDays?: unknown } = settings;
  const format: Format = s.reportFormat === 'json' || s.reportFormat === 'html' ? s.reportFormat : 'md';
  const given = typeof s.reportPath === 'string' && s.reportPath ? s.reportPath : `lockstep-report.${format}`;
  const overdueDays =
    typeof s.overdueDays === 'number' && Number.isInteger(s.overdueDays) && s.overdueDays >= 0
      ? s.overdueDays
      : DEFAULT_OVERDUE_DAYS;
  return { format, path: isAbsolute(given) ? given : resolve(workspaceOf(settings), given), overdueDays };
}

/** The workspace (the checkout): `root` less its place in the workspace. */
function workspaceOf(settings: Settings): string {
  const inside = settings.rootInWorkspace;
  return inside ? resolve(settings.root, ...inside.split('/').map(() => '..')) : settings.root;
}

/**
 * `report`: the compliance report of every environment, built from GitHub.
 *
 * 1. Per environment: deploy tags, the latest Deployments and their states, the pull request and
 *    approvers of each deployed commit, releases, the manifest at each tag (patches, waivers,
 *    changes); the committed state judged against the last tag as validate judges it; critical
 *    advisories still deployed after `overdue-days` (default 7).
 * 2. The Markdown report is the job summary; the report in `report-format` is written to
 *    `report-path` (output `report-path`) for the workflow to upload, for example:
 *      - uses: actions/upload-artifact@v4
 *        with: { name: lockstep-report, path: ${{ steps.report.outputs.report-path }} }
 * 3. The step fails when the report lists violations (like `lockstep report`'s exit 1) or a critical
 *    patch overdue and not waived: a scheduled report then alerts by its failure.
 */
export const reportCommand: ActionCommandRunner = async (ctx) => {
  const options = reportSettingsOf(ctx.settings);
  const reads = new ReportReads(ctx.port, ctx.validators, ctx.settings.rootInWorkspace);
  const gather = {
    port: ctx.port,
    reads,
    prefix: tagPrefixOf(ctx),
    catalog: ctx.repo.catalog,
    now: ctx.now,
    overdueDays: options.overdueDays,
  };
  // One environment at a time: the reads are many small calls, and the shared caches (pull
  // requests, reviews, teams) pay off most when an earlier environment filled them.
  const inputs = [];
  for (const entry of ctx.repo.environments.values()) inputs.push(await gatherEnvironment(gather, entry));
  const report = buildReport({ environments: inputs }, ctx.now);

  const page = { md: renderMarkdown, html: renderHtml, json: toJson }[options.format](report);
  await mkdir(dirname(options.path), { recursive: true });
  await writeFile(options.path, page);
  ctx.io.info(`lockstep report: ${options.format} report written to ${options.path}`);

  const overdue = report.summary.overdueCritical ?? 0;
  const problems = [
    ...(report.ok ? [] : [`${report.summary.openViolations} open violation(s)`]),
    ...(overdue ? [`${overdue} overdue critical patch(es)`] : []),
  ];
  return {
    // The command being run is this one; taken from the settings so the type follows ACTION_COMMANDS.
    command: ctx.settings.command,
    environments: report.environments.map(environmentResult),
    outputs: { 'report-path': options.path },
    summary: renderMarkdown(report),
    ...(problems.length
      ? { failure: `the compliance report lists ${problems.join(' and ')}: see the job summary` }
      : {}),
  };
};

/** An environment of the report as the common outputs (`changed`, `verdict`, `result`) see it. */
function environmentResult(e: Report['environments'][number]): EnvironmentResult {
  return {
    environment: e.name,
    baseline: e.pending.baseline,
    ...(e.manifest ? { digest: e.manifest.digest } : {}),
    changed: e.pending.changes.length > 0,
    // The report keeps the evaluation's verdict as a string; it is one of the three.
    ...(e.pending.verdict ? { verdict: e.pending.verdict as Verdict, reason: e.pending.reason ?? '' } : {}),
    changes: e.pending.changes,
    violations: e.violations.map((v) => ({ ...v, environment: e.name })),
  };
}

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
