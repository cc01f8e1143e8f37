import { changeTableMarkdown } from '../../src/cli/render.js';
import { formatDiagnostic } from '../../src/core/errors.js';
import type { EnvironmentView, LockstepPull, PendingView, WaiverNotice } from './dashboard-view.js';
import { inline, plural, releaseLink, shortDigest, who } from './markdown-text.js';

/** The overview table's row of one environment. */
export function overviewRow(env: EnvironmentView, pulls: readonly LockstepPull[], repoUrl: string): string {
  const frozen = env.freezeShort.length ? `**frozen**: ${env.freezeShort.map(inline).join(', ')}` : 'no';
  const deployed = env.deployed
    ? `${releaseLink(repoUrl, env.deployed.tag)} \`${shortDigest(env.deployed.digest)}\``
    : 'not deployed yet';
  const prs = pulls.map((p) => `#${p.number} ${p.kind}`).join(', ') || '-';
  return `| ${env.name} | ${env.channel} | ${frozen} | ${deployed} | ${pendingCell(env)} | ${prs} |`;
}

function pendingCell(env: EnvironmentView): string {
  const p = env.pending;
  if (!p) return env.problems.length ? '**cannot compile**' : '-';
  if (p.changes.length === 0) return 'up to date';
  return `${plural(p.changes.length, p.initial ? 'item' : 'change')}: **${p.verdict}**`;
}

/** The section of one environment: freeze, deploy, pending change, pull requests, waivers, problems. */
export function environmentSection(
  env: EnvironmentView,
  pulls: readonly LockstepPull[],
  repoUrl: string,
  defaultBranch: string,
  tables = true,
): string {
  const lines = [`### ${env.name}`, '', `- **Channel**: ${env.channel} (\`${env.configPath}\`)`];
  lines.push(...freezeLines(env));
  lines.push(
    env.deployed
      ? `- **Deployed**: ${releaseLink(repoUrl, env.deployed.tag)}, manifest digest \`${env.deployed.digest}\``
      : '- **Deployed**: not yet (no deploy tag)',
  );
  lines.push(...pendingLines(env, defaultBranch, tables));
  for (const p of pulls) {
    const what = p.kind === 'security' ? 'Security PR' : 'Rollback PR';
    lines.push(`- **${what}**: [#${p.number} ${inline(p.title)}](${p.url})${p.draft ? ' (draft)' : ''}`);
  }
  lines.push(...env.waivers.map((w) => waiverLine(w, env.configPath)));
  for (const o of env.overdue) {
    const state = o.waivedUntil
      ? `waived until ${o.waivedUntil}`
      : o.fixCommitted
        ? 'the fix is committed and waits for a deploy'
        : 'no fix committed yet';
    lines.push(
      `- **Overdue critical patch**: ${o.advisory} (${inline(o.summary)}) affects ${o.item} ${o.version} ` +
        `deployed as ${o.deployedAs}, published ${o.published} (${plural(o.daysOpen, 'day')} ago): ${state}`,
    );
  }
  for (const d of env.problems) lines.push(`- **Problem**: \`${inline(formatDiagnostic(d))}\``);
  return lines.join('\n');
}

function freezeLines(env: EnvironmentView): string[] {
  const lines: string[] = [];
  if (env.freezeReasons.length === 0 && !env.commandFreeze) lines.push('- **Frozen**: no');
  for (const reason of env.freezeReasons) lines.push(`- **Frozen**: ${inline(reason)}`);
  const f = env.commandFreeze;
  if (f) {
    const why = f.reason ? `: ${inline(f.reason)}` : '';
    const where = f.url ? ` ([asked here](${f.url}))` : '';
    lines.push(
      `- **Frozen** with \`/lockstep freeze\` by ${who(f.by)} since ${f.since}${why}${where}; ` +
        `\`/lockstep unfreeze ${env.name}\` lifts it`,
    );
  }
  const w = env.nextWindow;
  if (w)
    lines.push(
      `- **Next freeze window**: ${w.from} until ${w.until}${w.reason ? ` (${inline(w.reason)})` : ''}`,
    );
  return lines;
}

function pendingLines(env: EnvironmentView, branch: string, tables: boolean): string[] {
  const p = env.pending;
  if (!p) return [];
  const against = env.deployed ? `against ${env.deployed.tag}` : 'as a first deploy';
  const lines = [`- **Pending** at the head of \`${branch}\`, ${against}: ${pendingSummary(p)}`];
  if (tables && p.changes.length > 0) {
    // Not nested in the list item: GitHub renders a table inside <details> only at the top level.
    lines.push(
      '',
      '<details><summary>Change table</summary>',
      '',
      changeTableMarkdown(p.changes),
      '',
      '</details>',
      '',
    );
  }
  if (p.manifestOutdated)
    lines.push(
      `- **Manifest out of date**: the committed manifest is not what compile gives now; ` +
        `run \`lockstep compile ${env.name}\` and commit the result`,
    );
  return lines;
}

function pendingSummary(p: PendingView): string {
  if (p.changes.length === 0) return 'no change';
  const counts = new Map<string, number>();
  for (const c of p.changes) counts.set(c.class, (counts.get(c.class) ?? 0) + 1);
  const kinds = [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
  const rollback = p.rollbackTo ? `, a rollback to ${p.rollbackTo}` : '';
  return `${plural(p.changes.length, 'change')} (${kinds}${rollback}): **${p.verdict}**, ${inline(p.reason)}`;
}

function waiverLine(w: WaiverNotice, configPath: string): string {
  const head = `- **Waiver** ${w.advisory}`;
  const tail = `approved by ${who(w.approvedBy)}: ${inline(w.reason)}`;
  if (w.expired)
    return (
      `${head} **expired** on ${w.until}: it waives nothing and fails validate; renew or remove it in ` +
      `\`${configPath}\` (${tail})`
    );
  // In force through the whole of its `until` day (UTC).
  const left = w.daysLeft === 0 ? 'its last day is today' : `${plural(w.daysLeft, 'day')} left`;
  return `${head} in force through ${w.until} (${left}), ${tail}`;
}
