import type { Change } from '../policy/classify.js';
import type { EnvironmentReport, Report } from './build-report.js';
import { githubMarkdown, overdueCountMarkdown } from './render-github-markdown.js';

/** A change in a few words: `item from → to (class)`. */
export function changeLabel(c: Change): string {
  return `${c.item} ${c.from ?? '-'} → ${c.to ?? '-'} (${c.class})`;
}

/** How an environment behaves now, in one line: frozen and why, or its channel. */
export function stateLabel(env: EnvironmentReport): string {
  return env.frozen ? `frozen: ${env.frozenReasons.join('; ')}` : `open (${env.channel})`;
}

/** The report as Markdown: a summary, then one section per environment with its tables. */
export function renderMarkdown(report: Report): string {
  const s = report.summary;
  const status = report.ok ? 'No open violations.' : `**${s.openViolations} open violation(s).**`;
  const lines = ['# Lockstep compliance report', '', `Generated ${report.generatedAt}. ${status}`, ''];
  lines.push(...overdueCountMarkdown(report), ...summarySection(report));
  for (const env of report.environments) lines.push('', ...environmentSection(env));
  // Sections end with a blank line of their own; keep one blank line between blocks, one newline at the end.
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function summarySection(report: Report): string[] {
  const s = report.summary;
  const counts = table(
    [
      'Environments',
      'Deploys',
      'Open violations',
      'Critical advisories patched',
      'Waivers expiring soon',
      'Waivers expired',
    ],
    [
      [
        s.environments,
        s.deploys,
        s.openViolations,
        s.criticalAdvisoriesPatched,
        s.waiversExpiringSoon,
        s.waiversExpired,
      ].map(String),
    ],
  );
  const overview = table(
    ['Environment', 'Channel', 'State', 'Last deploy', 'Committed manifest', 'Violations'],
    report.environments.map((e) => [
      e.name,
      e.channel,
      e.frozen ? 'frozen' : 'open',
      e.lastDeploy ?? 'never deployed',
      manifestLabel(e),
      String(e.violations.length),
    ]),
  );
  return section('Summary', `${counts}\n\n${overview}`, '##');
}

/** Whether the committed manifest is the deployed one. */
export function manifestLabel(e: EnvironmentReport): string {
  if (!e.manifest) return 'none committed';
  if (e.deployed) return `deployed as ${e.lastDeploy}`;
  return e.lastDeploy ? `not deployed (last deploy ${e.lastDeploy})` : 'not deployed';
}

function environmentSection(env: EnvironmentReport): string[] {
  const hold = env.hold ? `hold since ${env.hold.since}: ${env.hold.reason}` : 'none';
  return [
    `## ${inline(env.name)}`,
    '',
    `- Channel: ${env.channel}`,
    `- State: ${inline(stateLabel(env))}`,
    `- Hold: ${inline(hold)}`,
    `- Committed manifest: ${env.manifest ? `\`${env.manifest.digest}\`, ` : ''}${inline(manifestLabel(env))}`,
    '',
    ...versionsSection(env),
    ...pendingSection(env),
    ...deploysSection(env),
    ...githubMarkdown(env),
    ...patchesSection(env),
    ...waiversSection(env),
    ...freezeSection(env),
    ...violationsSection(env),
  ];
}

function versionsSection(env: EnvironmentReport): string[] {
  const m = env.manifest;
  if (!m) return section('Current versions', '_No committed manifest: run lockstep compile._');
  const rows = [
    ['platform', m.platform, '', ''],
    ...m.suites.map((x) => [`suite:${x.name}`, x.version, '', '']),
    ...m.capabilities.map((c) => [`capability:${c.name}`, c.version, c.requiredBy.join(', '), c.artifact]),
  ];
  return section('Current versions', table(['Item', 'Version', 'Required by', 'Artifact'], rows));
}

function pendingSection(env: EnvironmentReport): string[] {
  const p = env.pending;
  if (!p.changes.length) return [];
  const verdict = p.verdict ? `Verdict: **${p.verdict}** (${inline(p.reason ?? '')}).` : '';
  return section(
    `Not yet deployed (since ${p.baseline})`,
    `${verdict}\n\n${table(
      ['Item', 'From', 'To', 'Class', 'Why'],
      p.changes.map((c) => [c.item, c.from ?? '-', c.to ?? '-', c.class, c.why]),
    )}`,
  );
}

function deploysSection(env: EnvironmentReport): string[] {
  if (!env.deploys.length) return section('Deploys', '_Never deployed._');
  const rows = env.deploys.map((d) => [
    String(d.n),
    d.tag,
    d.time,
    d.by ?? '-',
    d.commit ? d.commit.slice(0, 12) : '-',
    `\`${d.digest}\``,
    d.verdict ?? '-',
    d.changes === null ? 'unknown' : d.changes.length ? d.changes.map(changeLabel).join('; ') : 'no change',
  ]);
  return section(
    'Deploys',
    table(['#', 'Tag', 'Time', 'By', 'Commit', 'Digest', 'Verdict', 'Changes'], rows),
  );
}

function patchesSection(env: EnvironmentReport): string[] {
  if (!env.patches.length) return section('Enforced security patches', '_None._');
  const rows = env.patches.map((p) => [
    p.advisory,
    p.severity,
    p.summary ?? '',
    p.item,
    `${p.from ?? '-'} → ${p.to ?? '-'}`,
    p.overrides.join(', ') || '-',
    p.reason ?? '',
  ]);
  return section(
    'Enforced security patches',
    table(['Advisory', 'Severity', 'Summary', 'Item', 'From → to', 'Overrode', 'Why'], rows),
  );
}

const WAIVER_STATUS = { 'in-force': 'in force', 'expiring-soon': '⚠ expiring soon', expired: '✖ expired' };

function waiversSection(env: EnvironmentReport): string[] {
  if (!env.waivers.length) return section('Waivers', '_None._');
  const rows = env.waivers.map((w) => [
    w.advisory,
    w.severity ?? '-',
    w.until,
    `${WAIVER_STATUS[w.status]}${w.status === 'expired' ? '' : ` (${w.daysLeft} day(s) left)`}`,
    w.approvedBy,
    w.reason,
  ]);
  return section(
    'Waivers',
    table(['Advisory', 'Severity', 'Until', 'Status', 'Approved by', 'Reason'], rows),
  );
}

function freezeSection(env: EnvironmentReport): string[] {
  if (!env.freezeWindows.length) return [];
  const rows = env.freezeWindows.map((w) => [w.from, w.until, w.status, w.reason ?? '']);
  return section('Freeze windows', table(['From', 'Until', 'Status', 'Reason'], rows));
}

function violationsSection(env: EnvironmentReport): string[] {
  if (!env.violations.length) return section('Violations', '_None._');
  const rows = env.violations.map((v) => [v.kind, `${v.file}:${v.line}:${v.col}`, v.message]);
  return section('Violations', table(['Kind', 'Where', 'Message'], rows));
}

/** A titled block of the report. */
export function section(title: string, body: string, level = '###'): string[] {
  return [`${level} ${title}`, '', body, ''];
}

/** A Markdown table; every cell is escaped so a `|` or a line break in user text cannot break it. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const row = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [row(header), `|${header.map(() => ' --- |').join('')}`, ...rows.map(row)].join('\n');
}

function cell(text: string): string {
  // GFM splits rows on `|` before it parses code spans, so the escape holds inside backticks too.
  return inline(text).replaceAll('|', '\\|');
}

/**
 * Text from users (reasons, summaries) on one line, with `<` escaped: reports are pasted into GitHub
 * comments and job summaries, which render raw HTML.
 */
export function inline(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replaceAll('<', '&lt;');
}
