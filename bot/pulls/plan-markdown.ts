import { changeTableMarkdown } from '../../src/cli/render.js';
import type { Diagnostic } from '../../src/core/errors.js';
import type { EnvironmentReport, PullJudgement } from './judge-pull.js';

const ICON = { allowed: '✅', 'needs-approval': '🟡', blocked: '⛔' } as const;

/** Text shown in Markdown: `<` and `>` escaped, so user text cannot open HTML or end a hidden comment. */
export function md(text: string): string {
  return text.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}

/** `file:line:col` in code, as editors and the CLI show it. */
export function where(d: Diagnostic): string {
  return `\`${d.file}${d.line ? `:${d.line}${d.col ? `:${d.col}` : ''}` : ''}\``;
}

/** An environment's state in a word or two: the kinds of its problems, else its verdict. */
export function stateOf(e: EnvironmentReport): string {
  const kinds: string[] = [...new Set(e.violations.map((v) => v.kind))].filter((k) => k !== 'blocked');
  if (e.verdict?.verdict === 'blocked') kinds.unshift('blocked');
  return kinds.length ? kinds.join(', ') : (e.verdict?.verdict ?? 'not judged');
}

/** The sentence saying which environments the pull request changes, and which of them count. */
export function scopeLine(j: PullJudgement): string {
  const here = j.environments.filter((e) => e.changedHere).map((e) => `**${e.name}**`);
  const parts = [
    here.length
      ? `This pull request changes ${here.join(', ')}.`
      : 'This pull request changes no environment file.',
  ];
  if (j.catalogChanged || j.settingsChanged)
    parts.push(
      `It changes ${j.catalogChanged ? 'the catalog' : '`.github/lockstep.yml`'}, so every environment counts.`,
    );
  else if (j.environments.some((e) => !e.counts))
    parts.push('The others are shown as they are at its head; their problems do not fail this check.');
  return parts.join(' ');
}

/** The plan table: one row per environment. */
export function environmentTable(j: PullJudgement): string {
  const rows = j.environments.map((e) => {
    const verdict = e.verdict ? `${ICON[e.verdict.verdict]} ${e.verdict.verdict}` : '⛔ not judged';
    const problems = e.violations.filter((v) => v.kind !== 'blocked').length;
    const state = problems ? `${verdict}, ⚠️ ${problems} problem${problems === 1 ? '' : 's'}` : verdict;
    const here = e.changedHere
      ? 'changes it'
      : e.followUp
        ? 'security PR after the merge'
        : e.counts
          ? 'via the catalog or settings'
          : '-';
    const since = e.baseline === 'none' ? 'nothing deployed yet' : `\`${e.baseline}\``;
    const reason = md(e.verdict?.reason ?? e.violations[0]?.message ?? '').replaceAll('|', '\\|');
    return `| ${e.name} | ${here} | ${state} | ${reason} | ${since} |`;
  });
  return [
    '| environment | this pull request | verdict | reason | compared with |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** The environments worth a section: those that count, and any with changes or problems. */
export function detailed(j: PullJudgement): EnvironmentReport[] {
  return j.environments.filter((e) => e.counts || e.changes.length > 0 || e.violations.length > 0);
}

/** One environment in detail: what it is compared with, the change table and its problems. */
export function environmentSection(e: EnvironmentReport): string {
  const from = e.baseline === 'none' ? 'nothing deployed yet' : `\`${e.baseline}\` (its last deploy)`;
  const lines = [
    `#### ${e.name}`,
    `From ${from} to the committed \`${e.manifestPath}\`${e.digest ? ` (\`${e.digest.slice(0, 19)}…\`)` : ''}.`,
    '',
    changeTableMarkdown(e.changes),
  ];
  if (e.violations.length) {
    lines.push(
      '',
      e.counts
        ? '**Problems:**'
        : e.followUp
          ? `**Fixed after the merge by the bot's \`lockstep/security/${e.name}\` pull request (warnings here):**`
          : '**Problems already on the base branch (warnings here):**',
    );
    lines.push(...e.violations.map((v) => `- ${where(v)}: ${md(v.message)}`));
  }
  return lines.join('\n');
}

/** What the author or the reviewers should do next, one line each. */
export function todoLines(j: PullJudgement, author: string): string[] {
  const out: string[] = [];
  for (const e of j.environments.filter((x) => x.counts && x.failing)) {
    if (e.verdict?.verdict === 'blocked')
      out.push(
        `**${e.name}** is blocked (${md(e.verdict.reason)}): remove the change to ${e.name}, or merge it once the freeze or hold is lifted (\`/lockstep unfreeze ${e.name}\` for a command freeze).`,
      );
    const fixes = e.violations.filter((v) => v.kind !== 'blocked');
    if (fixes.length)
      out.push(
        `**${e.name}**: fix the annotated problems (${stateOf(e)}), e.g. ${md(fixes[0]?.message ?? '')}.`,
      );
  }
  for (const e of j.environments.filter((x) => x.followUp)) {
    out.push(
      `**${e.name}**: after the merge the bot opens \`lockstep/security/${e.name}\` with the recompiled manifest for ${(e.followUp ?? []).join(', ')}; nothing to do here (or recompile ${e.name} in this pull request to include the patch now).`,
    );
  }
  for (const n of j.needs)
    out.push(
      `**${n.environment}** needs ${n.required} approval${n.required === 1 ? '' : 's'} from ${n.approvers.join(', ') || 'listed approvers'} (never the author @${author}): reviewers approve the latest commit; see \`lockstep/approval\`.`,
    );
  if (!out.some((l) => !l.includes('after the merge the bot opens')))
    out.push('Nothing: as far as Lockstep is concerned this change may merge.');
  return out.map((l) => `- ${l}`);
}

/**
 * Joins `head` (always kept), as many `details` as fit and `tail` (always kept, e.g. a hidden block)
 * within `limit` characters: GitHub refuses a check summary over 65,535 and a comment over 65,536.
 */
export function fitMarkdown(head: string, details: readonly string[], tail: string, limit: number): string {
  const note = (n: number) =>
    `_… ${n} more section${n === 1 ? '' : 's'} left out: GitHub limits this text to ${limit.toLocaleString('en')} characters. Run \`lockstep plan\` locally for everything._`;
  const room = limit - tail.length - 300;
  const kept: string[] = [];
  let size = head.length;
  for (const d of details) {
    if (size + d.length + 2 > room) break;
    kept.push(d);
    size += d.length + 2;
  }
  const left = details.length - kept.length;
  const body = [
    head.length > room ? `${head.slice(0, room)}…` : head,
    ...kept,
    ...(left ? [note(left)] : []),
  ];
  return [...body, tail].filter((p) => p !== '').join('\n\n');
}
