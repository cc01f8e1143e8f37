import { changeTable, changeTableMarkdown } from '../../cli/render.js';
import type { Manifest } from '../../core/generated/schema-types.js';
import type { ApprovalCount } from '../../core/policy/approvals.js';
import type { ChangeSet } from '../../core/policy/classify.js';
import type { VerdictResult } from '../../core/policy/verdict.js';
import type { EnvironmentResult } from '../result.js';

/** The trailer deploy tags carry, as the CLI writes it (src/cli/deploy-history.ts). */
const DIGEST_TRAILER = 'Lockstep-Digest';

/** What a deploy is recorded with: on the tag, the release and the job summary. */
export interface DeployRecordInput {
  environment: string;
  n: number;
  tag: string;
  sha: string;
  manifest: Manifest;
  change: ChangeSet;
  verdict: VerdictResult;
  approvals?: ApprovalCount;
  runUrl?: string;
}

/** The annotated tag's message, as the CLI's local deploy writes it (the digest trailer last). */
export function tagMessage(r: DeployRecordInput): string {
  return [
    `Deploy ${r.environment} #${r.n}`,
    '',
    `${r.verdict.verdict}: ${r.verdict.reason}`,
    changeTable(r.change.changes),
    '',
    `${DIGEST_TRAILER}: ${r.manifest.digest}`,
  ].join('\n');
}

/** The release body: verdict, approvals, the change table, the security patches and the digest. */
export function releaseBody(r: DeployRecordInput): string {
  const parts = [`**${r.verdict.verdict}**: ${r.verdict.reason}`];
  if (r.change.rollbackTo) parts.push(`Rollback to \`${r.change.rollbackTo}\`.`);
  if (r.approvals) parts.push(`Approvals: ${r.approvals.summary}.`);
  parts.push(changeTableMarkdown(r.change.changes));
  const patches = r.manifest.security.patches;
  if (patches.length)
    parts.push(
      [
        '**Security patches**',
        '',
        ...patches.map(
          (p) =>
            `- ${p.item} ${p.from ?? '-'} -> ${p.to ?? '-'}: ${p.advisory} (${p.severity})${p.overrides.length ? `, overriding ${p.overrides.join(', ')}` : ''}`,
        ),
      ].join('\n'),
    );
  const from = r.runUrl ? ` by [this run](${r.runUrl})` : '';
  parts.push(`Deployed from \`${r.sha}\`${from}.\n\n${DIGEST_TRAILER}: \`${r.manifest.digest}\``);
  return `${parts.join('\n\n')}\n`;
}

/** What the job summary of a deploy says. */
export interface DeploySummaryInput {
  result: EnvironmentResult;
  /** One line: what happened. */
  headline: string;
  ok: boolean;
  approvals?: ApprovalCount;
  deploymentId?: number;
  tag?: string;
  /** The requested deploy's driver or health-check outcome. */
  rollout?: string;
  /** The rollback-on-failure redeploy, when one ran. */
  rollback?: { to: string; ok: boolean; detail: string; deploymentId?: number };
}

/** The job summary: the outcome, the verdict, approvals, the change table and any violations. */
export function deploySummary(s: DeploySummaryInput): string {
  const r = s.result;
  const lines = [
    `## Lockstep deploy of ${r.environment}: ${s.ok ? 'deployed' : 'failed'}`,
    '',
    escapeMd(s.headline),
    '',
    `From \`${r.baseline ?? 'none'}\` to the committed manifest${r.digest ? ` \`${r.digest}\`` : ''}.`,
  ];
  if (r.verdict) lines.push('', `**Verdict:** ${r.verdict}: ${escapeMd(r.reason ?? '')}`);
  if (s.approvals) lines.push('', `**Approvals:** ${escapeMd(s.approvals.summary)}`);
  const facts: string[] = [];
  if (s.deploymentId !== undefined) facts.push(`- Deployment: ${s.deploymentId}`);
  if (s.rollout) facts.push(`- Rollout: ${escapeMd(s.rollout)}`);
  if (s.tag) facts.push(`- Tag: \`${s.tag}\``);
  if (s.rollback)
    facts.push(
      `- Rollback to \`${s.rollback.to}\`${s.rollback.deploymentId !== undefined ? ` (deployment ${s.rollback.deploymentId})` : ''}: ${s.rollback.ok ? 'succeeded' : 'failed'}: ${escapeMd(s.rollback.detail)}`,
    );
  if (facts.length) lines.push('', ...facts);
  lines.push('', changeTableMarkdown(r.changes));
  if (r.violations.length) {
    lines.push('');
    for (const v of r.violations)
      lines.push(`- \`${v.file}${v.line ? `:${v.line}` : ''}\`: ${escapeMd(v.message)}`);
  }
  return `${lines.join('\n')}\n`;
}

function escapeMd(text: string): string {
  return text.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}
