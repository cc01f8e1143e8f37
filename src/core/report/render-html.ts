import type { EnvironmentReport, Report, WaiverReport } from './build-report.js';
import { badge, code, el, escapeHtml, type Html, join, none, plain, table, text } from './html-parts.js';
import { githubHtml, overdueCard } from './render-github-html.js';
import { changeLabel, manifestLabel, stateLabel } from './render-markdown.js';

export { escapeHtml } from './html-parts.js';

// The page must stand alone (archived as a compliance artifact, opened offline), so the CSS is inline
// and the CSP forbids scripts and any external resource.
const STYLE = `
:root { --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --mute: #57606a; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; margin: 0; background: #f6f8fa; }
header, section { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
header { border-bottom: 1px solid var(--line); background: #fff; max-width: none; }
h1 { margin: 0 0 4px; font-size: 24px; }
h2 { margin: 24px 0 8px; font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { margin: 16px 0 6px; font-size: 15px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--mute); border-radius: 6px; padding: 8px 14px; min-width: 150px; }
.card .n { font-size: 26px; font-weight: 600; }
.card .l { color: var(--mute); font-size: 12px; }
.card.ok { border-left-color: var(--ok); } .card.warn { border-left-color: var(--warn); } .card.bad { border-left-color: var(--bad); }
table { border-collapse: collapse; width: 100%; background: #fff; margin: 4px 0 8px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eaeef2; font-weight: 600; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-all; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; color: #fff; background: var(--mute); }
.badge.ok { background: var(--ok); } .badge.warn { background: var(--warn); } .badge.bad { background: var(--bad); }
tr.warn td { background: #fff8c5; } tr.bad td { background: #ffebe9; }
.mute { color: var(--mute); }
ul.changes { margin: 0; padding-left: 16px; }
`;

/** The report as one self-contained HTML page: summary cards, then a section per environment. */
export function renderHtml(report: Report): string {
  const body = join([header(report), ...report.environments.map(environmentSection)], '\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lockstep compliance report ${escapeHtml(report.generatedAt)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.html}
</body>
</html>
`;
}

function header(report: Report): Html {
  const s = report.summary;
  const level = (n: number, bad: 'warn' | 'bad') => (n ? bad : 'ok');
  const cards = [
    card(s.environments, 'Environments', ''),
    card(s.deploys, 'Deploys', ''),
    card(s.openViolations, 'Open violations', level(s.openViolations, 'bad')),
    card(s.criticalAdvisoriesPatched, 'Critical advisories patched', ''),
    card(s.waiversExpiringSoon, 'Waivers expiring within 14 days', level(s.waiversExpiringSoon, 'warn')),
    card(s.waiversExpired, 'Waivers expired', level(s.waiversExpired, 'bad')),
    card(s.frozenEnvironments, 'Frozen now', ''),
    ...overdueCard(s.overdueCritical, card),
  ];
  const verdict = report.ok
    ? badge('no open violations', 'ok')
    : badge(`${s.openViolations} open violation(s)`, 'bad');
  const overview = table(
    ['Environment', 'Channel', 'State', 'Last deploy', 'Committed manifest', 'Violations'],
    report.environments.map((e) => ({
      cls: e.violations.length ? 'bad' : '',
      cells: [
        e.name,
        e.channel,
        e.frozen ? badge('frozen', 'warn') : 'open',
        e.lastDeploy ?? 'never deployed',
        manifestLabel(e),
        String(e.violations.length),
      ],
    })),
  );
  return el(
    'header',
    '',
    el('h1', '', 'Lockstep compliance report'),
    el('p', 'mute', `Generated ${report.generatedAt} `, verdict),
    el('div', 'cards', ...cards),
    overview,
  );
}

function card(n: number, label: string, cls: string): Html {
  return el('div', `card ${cls}`.trim(), el('div', 'n', text(n)), el('div', 'l', label));
}

function environmentSection(env: EnvironmentReport): Html {
  const status = env.violations.length
    ? badge(`${env.violations.length} violation(s)`, 'bad')
    : badge('compliant', 'ok');
  const facts = el(
    'ul',
    '',
    el('li', '', `Channel: ${env.channel}`),
    el('li', '', `State: ${stateLabel(env)}`),
    el('li', '', env.hold ? `Hold since ${env.hold.since}: ${env.hold.reason}` : 'Hold: none'),
    el(
      'li',
      '',
      'Committed manifest: ',
      env.manifest ? code(env.manifest.digest) : '',
      ` ${manifestLabel(env)}`,
    ),
  );
  return el(
    'section',
    '',
    el('h2', '', `${env.name} `, status),
    facts,
    ...versions(env),
    ...pending(env),
    ...deploys(env),
    ...githubHtml(env),
    ...patches(env),
    ...waivers(env),
    ...freezeWindows(env),
    ...violations(env),
  );
}

function versions(env: EnvironmentReport): Html[] {
  const m = env.manifest;
  const title = el('h3', '', 'Current versions');
  if (!m) return [title, none('No committed manifest: run lockstep compile.')];
  const rows = [
    plain(['platform', m.platform, '', '']),
    ...m.suites.map((x) => plain([`suite:${x.name}`, x.version, '', ''])),
    ...m.capabilities.map((c) =>
      plain([`capability:${c.name}`, c.version, c.requiredBy.join(', '), code(c.artifact)]),
    ),
  ];
  return [title, table(['Item', 'Version', 'Required by', 'Artifact'], rows)];
}

function pending(env: EnvironmentReport): Html[] {
  const p = env.pending;
  if (!p.changes.length) return [];
  const rows = p.changes.map((c) => plain([c.item, c.from ?? '-', c.to ?? '-', c.class, c.why]));
  return [
    el('h3', '', `Not yet deployed (since ${p.baseline})`),
    el('p', '', `Verdict: ${p.verdict ?? '-'}${p.reason ? ` (${p.reason})` : ''}`),
    table(['Item', 'From', 'To', 'Class', 'Why'], rows),
  ];
}

function deploys(env: EnvironmentReport): Html[] {
  const title = el('h3', '', 'Deploys');
  if (!env.deploys.length) return [title, none('Never deployed.')];
  const rows = env.deploys.map((d) =>
    plain([
      String(d.n),
      d.tag,
      d.time,
      d.by ?? '-',
      d.commit ? code(d.commit.slice(0, 12)) : '-',
      code(d.digest),
      d.verdict ?? '-',
      d.changes === null
        ? el('span', 'mute', 'unknown')
        : d.changes.length
          ? el('ul', 'changes', ...d.changes.map((c) => el('li', '', changeLabel(c))))
          : 'no change',
    ]),
  );
  return [title, table(['#', 'Tag', 'Time', 'By', 'Commit', 'Digest', 'Verdict', 'Changes'], rows)];
}

function patches(env: EnvironmentReport): Html[] {
  const title = el('h3', '', 'Enforced security patches');
  if (!env.patches.length) return [title, none('None.')];
  const rows = env.patches.map((p) => ({
    cls: p.severity === 'critical' ? 'warn' : '',
    cells: [
      p.advisory,
      p.severity,
      p.summary ?? '',
      p.item,
      `${p.from ?? '-'} → ${p.to ?? '-'}`,
      p.overrides.join(', ') || '-',
      p.reason ?? '',
    ],
  }));
  return [title, table(['Advisory', 'Severity', 'Summary', 'Item', 'From → to', 'Overrode', 'Why'], rows)];
}

const WAIVER_LOOK: Record<WaiverReport['status'], { label: string; cls: string }> = {
  'in-force': { label: 'in force', cls: 'ok' },
  'expiring-soon': { label: 'expiring soon', cls: 'warn' },
  expired: { label: 'expired', cls: 'bad' },
};

function waivers(env: EnvironmentReport): Html[] {
  const title = el('h3', '', 'Waivers');
  if (!env.waivers.length) return [title, none('None.')];
  const rows = env.waivers.map((w) => {
    const look = WAIVER_LOOK[w.status];
    const left = w.status === 'expired' ? '' : ` ${w.daysLeft} day(s) left`;
    return {
      cls: look.cls === 'ok' ? '' : look.cls,
      cells: [
        w.advisory,
        w.severity ?? '-',
        w.until,
        join([badge(look.label, look.cls), text(left)]),
        w.approvedBy,
        w.reason,
      ],
    };
  });
  return [title, table(['Advisory', 'Severity', 'Until', 'Status', 'Approved by', 'Reason'], rows)];
}

function freezeWindows(env: EnvironmentReport): Html[] {
  if (!env.freezeWindows.length) return [];
  const rows = env.freezeWindows.map((w) => ({
    cls: w.status === 'active' ? 'warn' : '',
    cells: [w.from, w.until, w.status, w.reason ?? ''],
  }));
  return [el('h3', '', 'Freeze windows'), table(['From', 'Until', 'Status', 'Reason'], rows)];
}

function violations(env: EnvironmentReport): Html[] {
  const title = el('h3', '', 'Violations');
  if (!env.violations.length) return [title, none('None.')];
  const rows = env.violations.map((v) => ({
    cls: 'bad',
    cells: [v.kind, code(`${v.file}:${v.line}:${v.col}`), v.message],
  }));
  return [title, table(['Kind', 'Where', 'Message'], rows)];
}
