import { formatDiagnostic } from '../core/errors.js';
import type { Change } from '../core/policy/classify.js';
import type { Violation } from '../core/policy/violations.js';

/** A plain-text table with aligned columns. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The change table of a plan or deploy: item, old -> new, class, why. */
export function changeTable(changes: readonly Change[]): string {
  if (!changes.length) return '  (no change)';
  const rows = changes.map((c) => [c.item, c.from ?? '-', c.to ?? '-', c.class, c.why]);
  return textTable(['item', 'from', 'to', 'class', 'why'], rows)
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/** The same table in Markdown (release bodies, job summaries, reports). */
export function changeTableMarkdown(changes: readonly Change[]): string {
  if (!changes.length) return '_No change._';
  const esc = (s: string) => s.replaceAll('|', '\\|');
  return [
    '| item | from | to | class | why |',
    '| --- | --- | --- | --- | --- |',
    ...changes.map(
      (c) => `| ${esc(c.item)} | ${c.from ?? '-'} | ${c.to ?? '-'} | ${c.class} | ${esc(c.why)} |`,
    ),
  ].join('\n');
}

export function violationLines(violations: readonly Violation[]): string {
  return violations.map((v) => formatDiagnostic(v)).join('\n');
}
