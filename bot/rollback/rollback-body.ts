import { changeTableMarkdown } from '../../src/cli/render.js';
import { formatDiagnostic } from '../../src/core/errors.js';
import type { RollbackPlan } from './rollback-plan.js';
import { advisoryLines, type Forced, type RollbackTrigger } from './rollback-trigger.js';

/** The hidden marker of an environment's rollback pull request body. */
export function rollbackMarker(environment: string): string {
  return `<!-- lockstep:rollback:${environment} -->`;
}

/** The pull request's title. */
export function rollbackTitle(plan: RollbackPlan): string {
  return `Roll back ${plan.environment} to ${plan.to.tag}`;
}

/**
 * The pull request's body: who or what asked, from what to what (tags, digests, commits), what was
 * verified, what the files change, the core's verdict, what merging does, and for a forced rollback
 * who forced it past which advisories and what that means.
 */
export function rollbackBody(plan: RollbackPlan, trigger: RollbackTrigger, forced?: Forced): string {
  const { environment: env, from, to, base, evaluation } = plan;
  const short = (sha: string) => `\`${sha.slice(0, 7)}\``;
  const rows = [
    `| **from**: last deploy | ${from.tag} | \`${from.digest}\` | ${short(from.commit)} |`,
    `| **from**: committed on ${base.branch} | - | ${base.manifestDigest ? `\`${base.manifestDigest}\`` : '(no valid manifest)'} | ${short(base.commit)} |`,
  ];
  if (trigger.kind === 'failure') {
    const d = trigger.deployment;
    rows.push(
      `| **from**: failed deployment ${d.id} | ${d.tag ?? '-'} | \`${d.digest}\` | ${short(d.sha)} |`,
    );
  }
  rows.push(`| **to** | ${to.tag} | \`${to.digest}\` | ${short(to.commit)} |`);
  return [
    rollbackMarker(env),
    `## Roll back ${env} to ${to.tag}`,
    '',
    askedBy(trigger),
    '',
    '| | deploy tag | manifest digest | commit |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    `**Verified:** \`${plan.manifestPath}\` at ${to.tag} (commit ${short(to.commit)}), the tag's \`Lockstep-Digest\` trailer and the \`${env}.manifest.json\` attached to the release ${to.tag} carry the same digest, \`${to.digest}\`.`,
    '',
    '### What this pull request changes',
    `- \`${plan.manifestPath}\`: exactly as at ${to.tag}.`,
    `- \`${plan.configPath}\`: exactly as at ${to.tag}, plus \`hold\` (reason: "${plan.hold.reason}", since ${plan.hold.since}). While held, ${env} behaves as frozen, so automation does not undo the rollback (enforced security patches still apply). Remove the hold in a later pull request when ${env} may update again.`,
    '',
    `### Changes from what runs now (${from.tag})`,
    changeTableMarkdown(evaluation.change?.changes ?? []),
    '',
    '### Policy',
    policyLines(plan),
    ...(forced ? ['', ...forcedSection(plan, forced)] : []),
    '',
    '### When merged',
    to.tag === from.tag
      ? `Merging this pull request puts ${to.tag}'s files back on the default branch, and the normal deploy workflow deploys \`${to.digest}\` again: it is the last deploy tag's manifest, so the Action redeploys it as a new Deployment after the failed one (or, when its own rollback-on-failure already did, finds it running) and takes no new tag. Closing it without merging changes nothing. Another rollback request for ${env} updates this pull request instead of opening a second one.`
      : `Merging this pull request redeploys \`${to.digest}\` (the manifest of ${to.tag}) through the normal deploy workflow, which records it as ${env}'s next deploy tag. Closing it without merging changes nothing. Another rollback request for ${env} updates this pull request instead of opening a second one.`,
  ].join('\n');
}

/** Who or what asked, with links. */
function askedBy(trigger: RollbackTrigger): string {
  if (trigger.kind === 'command')
    return `@${trigger.by} asked for this rollback with [\`${trigger.command}\`](${trigger.url}) in #${trigger.issueNumber}.`;
  const d = trigger.deployment;
  const link = d.url ? `[deployment ${d.id}](${d.url})` : `deployment ${d.id}`;
  return `${link} of ${d.environment} (created by @${d.creator}) ended in \`${d.state}\`${d.description ? `: "${d.description}"` : ''}. Lockstep opened this rollback to the last successful deploy because \`bot.rollbackOnFailure\` is true in .github/lockstep.yml.`;
}

/** The core's verdict on the pull request, as `lockstep/policy` will give it, and any violation. */
function policyLines(plan: RollbackPlan): string {
  const { verdict, violations } = plan.evaluation;
  const lines: string[] = [];
  if (verdict) {
    lines.push(`Lockstep's verdict on this change: **${verdict.verdict}**: ${verdict.reason}.`);
    if (verdict.verdict === 'needs-approval' && verdict.approvals)
      lines.push(
        `It needs ${verdict.approvals.required} approving review(s) on its head commit from ${verdict.approvals.approvers.join(', ')} (\`lockstep/approval\`) before the deploy workflow deploys it.`,
      );
  }
  if (violations.length) {
    lines.push(
      '',
      '`lockstep/policy` will fail on this pull request, and the deploy workflow will refuse it, while these remain:',
      '```',
      ...violations.map(formatDiagnostic),
      '```',
    );
  }
  return lines.join('\n');
}

/** The record of a forced rollback, and its honest consequence. */
export function forcedSection(plan: RollbackPlan, forced: Forced): string[] {
  const env = plan.environment;
  const frozen =
    plan.evaluation.candidate?.channel === 'frozen'
      ? ` (${env}'s frozen channel allows none: change the channel too)`
      : '';
  return [
    '### Forced past enforced advisories',
    `@${forced.by}, a listed approver of ${env}, forced this rollback with \`--force\` although ${plan.to.tag} carries versions affected by advisories ${env} enforces now:`,
    ...advisoryLines(forced.advisories),
    '',
    `**It cannot deploy as it is.** Lockstep never deploys a version affected by an enforced advisory that is not waived: \`lockstep/policy\` fails on this pull request (the affected versions, and drift: compile would patch them) and the deploy workflow refuses it. A waiver is recorded in the manifest, so a waived manifest is no longer byte-identical to ${plan.to.tag}'s and Lockstep judges it as an ordinary change (usually downgrades), which the hold blocks. To run these versions anyway, edit this pull request: add a waiver per advisory to \`security.waivers\` (advisory, until, reason, approvedBy), pin the rolled-back versions, remove \`hold\`, run \`lockstep compile ${env}\` and commit; the change then needs what ${env}'s channel requires${frozen}. Otherwise roll back to a tag these advisories do not affect (\`/lockstep rollback ${env} to <tag>\`), or fix forward.`,
  ];
}

/** The rollback commit's message, with trailers that keep the record in the branch's history. */
export function commitMessage(plan: RollbackPlan, trigger: RollbackTrigger, forced?: Forced): string {
  const trailers = [
    `Lockstep-Rollback-From: ${plan.from.tag}`,
    `Lockstep-Rollback-To: ${plan.to.tag}`,
    `Lockstep-Rollback-Digest: ${plan.to.digest}`,
    trigger.kind === 'command'
      ? `Lockstep-Requested-By: ${trigger.by}`
      : `Lockstep-Failed-Deployment: ${trigger.deployment.id}`,
    ...(forced
      ? [
          `Lockstep-Forced-By: ${forced.by}`,
          `Lockstep-Forced-Advisories: ${[...new Set(forced.advisories.map((a) => a.advisory.id))].join(', ')}`,
        ]
      : []),
  ];
  return `${rollbackTitle(plan)}\n\n${plan.hold.reason}.\n\n${trailers.join('\n')}\n`;
}
