import { formatDiagnostic } from '../../src/core/errors.js';
import type { DashboardView, LockstepPull } from './dashboard-view.js';
import { environmentSection, overviewRow } from './environment-section.js';
import { inline, utcMinute, who } from './markdown-text.js';

/** The hidden marker the dashboard issue is found by. */
export const DASHBOARD_MARKER = '<!-- lockstep:dashboard -->';
/** Separates what the dashboard says from when it was last written (compared apart). */
export const FOOTER_MARKER = '<!-- lockstep:dashboard:footer -->';

/** When and why the dashboard is written: the event's time and a few words naming the event. */
export interface DashboardStamp {
  now: Date;
  /** e.g. `push 1a2b3c4 by @dana`, `scheduled tick (lockstep-tick)`. */
  trigger: string;
}

/**
 * The dashboard issue's body: an overview table of every environment, a section per environment,
 * Lockstep's open pull requests, and a footer saying when and after which event it was written.
 * Pure and deterministic: the same view and stamp give the same bytes.
 */
export function dashboardBody(view: DashboardView, stamp: DashboardStamp): string {
  let content = dashboardText(view, true);
  // GitHub refuses an issue body over 65,536 characters: leave the change tables out first, then cut.
  if (content.length > MAX_CONTENT) content = dashboardText(view, false);
  if (content.length > MAX_CONTENT) {
    const cut = content.lastIndexOf('\n', MAX_CONTENT - 200);
    content = `${content.slice(0, cut)}\n\n_The rest is cut: the dashboard is over GitHub's size limit for an issue._`;
  }
  return `${content}\n\n${footer(stamp)}\n`;
}

/** Room for the content: GitHub's limit on an issue body, less the footer. */
const MAX_CONTENT = 65_536 - 1_000;

function dashboardText(view: DashboardView, tables: boolean): string {
  return [
    DASHBOARD_MARKER,
    `Every environment of this repository as Lockstep sees it at the head of \`${view.defaultBranch}\`: ` +
      'channel, freezes and holds, the deployed tag, what would deploy next, open Lockstep pull requests and ' +
      'waivers about to expire. Lockstep keeps this issue up to date; edits to it are overwritten.',
    ...(tables
      ? []
      : [
          '',
          "_Change tables are left out to fit GitHub's size limit for an issue: `lockstep plan <env>` shows them._",
        ]),
    '',
    view.environments.ok ? environmentsPart(view, tables) : invalidPart(view),
    '',
    pullsPart(view.pulls),
  ].join('\n');
}

/** The part of a dashboard body that says something: the body without its footer. */
export function dashboardContent(body: string): string {
  const at = body.indexOf(FOOTER_MARKER);
  return (at < 0 ? body : body.slice(0, at)).trimEnd();
}

function environmentsPart(view: DashboardView, tables: boolean): string {
  if (!view.environments.ok) return '';
  const list = view.environments.list;
  if (list.length === 0) return '## Environments\n\nNo environment files were found.';
  const pullsOf = (env: string) => view.pulls.filter((p) => p.environment === env);
  const table = [
    '## Environments',
    '',
    `| Environment | Channel | Frozen or on hold | Deployed | Pending at \`${view.defaultBranch}\` | Open PRs |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...list.map((env) => overviewRow(env, pullsOf(env.name), view.repoUrl)),
  ];
  const sections = list.map((env) =>
    environmentSection(env, pullsOf(env.name), view.repoUrl, view.defaultBranch, tables),
  );
  return [...table, '', ...sections.flatMap((s) => [s, ''])].join('\n').trimEnd();
}

function invalidPart(view: DashboardView): string {
  if (view.environments.ok) return '';
  return [
    '## Invalid repository files',
    '',
    `Lockstep cannot judge the environments at the head of \`${view.defaultBranch}\` until these are ` +
      'fixed; the table of environments comes back with the next update after the fix is merged:',
    '',
    ...view.environments.diagnostics.map((d) => `- \`${inline(formatDiagnostic(d))}\``),
  ].join('\n');
}

function pullsPart(pulls: readonly LockstepPull[]): string {
  const lines = ['## Open Lockstep pull requests', ''];
  if (pulls.length === 0) lines.push('None.');
  for (const p of pulls) {
    const what = p.kind === 'security' ? 'security patches' : 'rollback';
    lines.push(
      `- [#${p.number}](${p.url}) ${inline(p.title)}: ${what} of ${p.environment}, by ${who(p.author)}` +
        (p.draft ? ' (draft)' : ''),
    );
  }
  return lines.join('\n');
}

function footer(stamp: DashboardStamp): string {
  return [
    FOOTER_MARKER,
    '---',
    `<sub>Last changed ${utcMinute(stamp.now)} after ${inline(stamp.trigger)}. Lockstep rewrites this issue ` +
      'when what it shows changes (pushes to the default branch, deployments, `/lockstep` commands, ' +
      'scheduled ticks). To stop it, set `bot.dashboard: false` in `.github/lockstep.yml`.</sub>',
  ].join('\n');
}
