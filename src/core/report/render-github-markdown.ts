import type { EnvironmentReport, Report } from './build-report.js';
import { inline, section, table } from './render-markdown.js';

/** The summary line of the Action's report on critical patches past their grace period. */
export function overdueCountMarkdown(report: Report): string[] {
  const n = report.summary.overdueCritical;
  if (n === undefined) return [];
  return [n ? `**${n} overdue critical patch(es)** still deployed.` : 'No overdue critical patch.', ''];
}

/**
 * What only GitHub knows, for the Action's report: each deploy's Deployment, pull request, approvers
 * and release; Deployments that produced no tag (failed or in progress); overdue critical patches.
 * Nothing for the CLI's report, which has no such facts.
 */
export function githubMarkdown(env: EnvironmentReport): string[] {
  if (!env.deployments && !env.overdueCritical) return [];
  return [...approvalsSection(env), ...untaggedSection(env), ...overdueSection(env)];
}

function approvalsSection(env: EnvironmentReport): string[] {
  if (!env.deploys.length) return [];
  const rows = [...env.deploys]
    .reverse()
    .map((d) => [
      d.tag,
      d.deploymentId ? `#${d.deploymentId} ${d.deploymentState ?? 'no status'}` : 'none found',
      d.pull ? `#${d.pull}` : '-',
      d.approvedBy?.length ? d.approvedBy.join(', ') : 'nobody',
      d.approvals ?? '-',
      d.release ?? 'no release',
      d.patches?.join(', ') || '-',
      d.waivers?.join(', ') || '-',
    ]);
  return section(
    'Deployments and approvals',
    table(
      ['Tag', 'Deployment', 'Pull request', 'Approved by', 'Approval rule', 'Release', 'Patched', 'Waived'],
      rows,
    ),
  );
}

function untaggedSection(env: EnvironmentReport): string[] {
  const untagged = (env.deployments ?? []).filter((d) => d.tag === null);
  if (!untagged.length) return [];
  const rows = untagged.map((d) => [`#${d.id}`, d.createdAt, d.sha.slice(0, 12), d.state ?? 'no status']);
  return section(
    'Deployments without a deploy tag',
    table(['Deployment', 'Created', 'Commit', 'State'], rows),
  );
}

function overdueSection(env: EnvironmentReport): string[] {
  const overdue = env.overdueCritical ?? [];
  if (!overdue.length) return section('Overdue critical patches', '_None._');
  const rows = overdue.map((o) => [
    o.advisory,
    `${o.item} ${o.version}`,
    o.deployedAs,
    o.published,
    String(o.daysOpen),
    o.waivedUntil
      ? `waived until ${o.waivedUntil}`
      : o.fixCommitted
        ? 'fix committed, not deployed'
        : 'no fix committed',
    inline(o.summary),
  ]);
  return section(
    'Overdue critical patches',
    table(['Advisory', 'Deployed', 'In', 'Published', 'Days open', 'Status', 'Summary'], rows),
  );
}
