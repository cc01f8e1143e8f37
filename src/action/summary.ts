import { changeTableMarkdown } from '../cli/render.js';
import type { Diagnostic } from '../core/errors.js';
import type { CommandResult, EnvironmentResult } from './result.js';

const VERDICT_ICON = { allowed: '✅', 'needs-approval': '🟡', blocked: '⛔' } as const;

/** The job summary of a command: per environment the verdict, the change table and the violations. */
export function summaryMarkdown(result: CommandResult): string {
  const head = `## Lockstep ${result.command}: ${result.failure ? `failed (${escapeHtml(result.failure)})` : 'passed'}`;
  const parts = [head];
  if (!result.environments.length) parts.push('_No environment._');
  for (const r of result.environments) parts.push(environmentSection(result.command, r));
  return `${parts.join('\n\n')}\n`;
}

function environmentSection(command: CommandResult['command'], r: EnvironmentResult): string {
  const lines = [`### ${r.environment}`];
  if (command === 'compile') {
    lines.push(
      r.violations.length
        ? 'Compile fails: see below.'
        : `Manifest ${r.changed ? '**out of date**: run `lockstep compile`' : 'up to date'} (\`${r.digest}\`).`,
    );
  } else {
    const target = command === 'validate' ? 'committed manifest' : 'compiled manifest';
    lines.push(`From \`${r.baseline}\` to the ${target}${r.digest ? ` \`${r.digest}\`` : ''}.`);
    if (r.verdict)
      lines.push('', `**Verdict:** ${VERDICT_ICON[r.verdict]} ${r.verdict}: ${escapeHtml(r.reason ?? '')}`);
    lines.push('', changeTableMarkdown(r.changes));
  }
  if (r.violations.length)
    lines.push('', ...r.violations.map((v) => `- ${where(v)}: ${escapeHtml(v.message)}`));
  return lines.join('\n');
}

function where(d: Diagnostic): string {
  return `\`${d.file}${d.line ? `:${d.line}${d.col ? `:${d.col}` : ''}` : ''}\``;
}

/** Markdown-significant characters that would break a line of the summary. */
function escapeHtml(text: string): string {
  return text.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}

/** The summary of a run stopped by input errors: each error with its place. */
export function inputErrorMarkdown(
  command: string,
  message: string,
  diagnostics: readonly Diagnostic[],
): string {
  const items = diagnostics.map((d) => `- ${where(d)}: ${escapeHtml(d.message)}`);
  return `## Lockstep ${command}: invalid input\n\n${escapeHtml(message)}${items.length ? `\n\n${items.join('\n')}` : ''}\n`;
}
