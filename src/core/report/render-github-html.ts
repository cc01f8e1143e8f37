import type { EnvironmentReport } from './build-report.js';
import { code, el, type Html, none, plain, type Row, table } from './html-parts.js';

/** The summary card of overdue critical patches (Action report only). */
export function overdueCard(
  n: number | undefined,
  card: (n: number, label: string, cls: string) => Html,
): Html[] {
  return n === undefined ? [] : [card(n, 'Overdue critical patches', n ? 'bad' : 'ok')];
}

/**
 * What only GitHub knows, for the Action's report (see render-github-markdown.ts): release pages are
 * shown as text, not links, so the page loads nothing and points nowhere when archived.
 */
export function githubHtml(env: EnvironmentReport): Html[] {
  if (!env.deployments && !env.overdueCritical) return [];
  return [...approvals(env), ...untagged(env), ...overdue(env)];
}

function approvals(env: EnvironmentReport): Html[] {
  if (!env.deploys.length) return [];
  const rows = [...env.deploys].reverse().map(
    (d): Row => ({
      cls: d.deploymentState && d.deploymentState !== 'success' ? 'warn' : '',
      cells: [
        d.tag,
        d.deploymentId ? `#${d.deploymentId} ${d.deploymentState ?? 'no status'}` : 'none found',
        d.pull ? `#${d.pull}` : '-',
        d.approvedBy?.length ? d.approvedBy.join(', ') : 'nobody',
        d.approvals ?? '-',
        d.release ? code(d.release) : 'no release',
        d.patches?.join(', ') || '-',
        d.waivers?.join(', ') || '-',
      ],
    }),
  );
  return [
    el('h3', '', 'Deployments and approvals'),
    table(
      ['Tag', 'Deployment', 'Pull request', 'Approved by', 'Approval rule', 'Release', 'Patched', 'Waived'],
      rows,
    ),
  ];
}

function untagged(env: EnvironmentReport): Html[] {
  const list = (env.deployments ?? []).filter((d) => d.tag === null);
  if (!list.length) return [];
  const rows = list.map(
    (d): Row => ({
      cls: d.state === 'failure' || d.state === 'error' ? 'bad' : 'warn',
      cells: [`#${d.id}`, d.createdAt, code(d.sha.slice(0, 12)), d.state ?? 'no status'],
    }),
  );
  return [
    el('h3', '', 'Deployments without a deploy tag'),
    table(['Deployment', 'Created', 'Commit', 'State'], rows),
  ];
}

function overdue(env: EnvironmentReport): Html[] {
  const title = el('h3', '', 'Overdue critical patches');
  const list = env.overdueCritical ?? [];
  if (!list.length) return [title, none('None.')];
  const rows = list.map((o) =>
    o.waivedUntil
      ? plain(overdueCells(o, `waived until ${o.waivedUntil}`))
      : {
          cls: 'bad',
          cells: overdueCells(o, o.fixCommitted ? 'fix committed, not deployed' : 'no fix committed'),
        },
  );
  return [title, table(['Advisory', 'Deployed', 'In', 'Published', 'Days open', 'Status', 'Summary'], rows)];
}

function overdueCells(o: NonNullable<EnvironmentReport['overdueCritical']>[number], status: string) {
  return [
    o.advisory,
    `${o.item} ${o.version}`,
    o.deployedAs,
    o.published,
    String(o.daysOpen),
    status,
    o.summary,
  ];
}
