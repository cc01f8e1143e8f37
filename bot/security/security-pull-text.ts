import type { ItemKey } from '../../src/core/catalog/catalog-index.js';
import type { ResolvedSettings } from '../../src/core/load/load-repository.js';
import { markerLine, type PullMarker, securityBranch } from './security-marker.js';
import type { AdvisoryFact, SecurityFix, SecurityNeed } from './security-needs.js';

/** How an item is named to people: `payments`, `suite billing`, `platform`. */
export function itemLabel(item: ItemKey): string {
  if (item === 'platform') return 'platform';
  return item.startsWith('suite:') ? `suite ${item.slice(6)}` : item.slice(item.indexOf(':') + 1);
}

function move(fix: { item: ItemKey; from: string | null; to: string | null }): string {
  return `${itemLabel(fix.item)} ${fix.from ?? '(none)'} -> ${fix.to ?? '(removed)'}`;
}

/** "Security: patch payments 1.2.5 -> 1.2.7 in prod-eu (ACME-2026-0042, critical)". */
export function pullTitle(need: SecurityNeed): string {
  const shown = need.fixes.slice(0, 2).map(move).join(', ');
  const more = need.fixes.length > 2 ? ` and ${need.fixes.length - 2} more` : '';
  return `Security: patch ${shown}${more} in ${need.environment} (${need.advisories.join(', ')}, ${need.severity})`;
}

/** The labels of a security PR: `security` and the highest severity it fixes. */
export function pullLabels(need: SecurityNeed): string[] {
  return ['security', need.severity];
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function advisoryCell(a: AdvisoryFact): string {
  const id = a.url ? `[${a.id}](${a.url})` : a.id;
  return cell(`${id}: ${a.summary}`);
}

function fixRows(fixes: readonly SecurityFix[]): string[] {
  return fixes.flatMap((f) =>
    f.advisories.map(
      (a) =>
        `| ${cell(itemLabel(f.item))} | ${f.from ?? '-'} | ${f.to ?? '-'} | ${advisoryCell(a)} | ${a.severity} | \`${cell(a.affected)}\` | ${a.fixedIn ?? '-'} |`,
    ),
  );
}

function overrideLines(need: SecurityNeed): string[] {
  const enforce = `${need.environment} enforces advisories of severity ${need.enforce} and above (\`security.enforce\`)`;
  return need.fixes.map((f) => {
    const r = f.record;
    if (!r)
      return `- **${itemLabel(f.item)}**: overrides nothing. ${enforce}; compile reaches ${f.to ?? 'its removal'} by ordinary resolution within the pins and channel.`;
    const what = r.overrides.length ? r.overrides.map((o) => `\`${o}\``).join(', ') : 'nothing';
    const reason = r.reason ? ` (${r.reason})` : '';
    return `- **${itemLabel(f.item)}**: overrides ${what}. ${enforce}, and an enforced advisory is patched whatever the pins, channel or freezes say; the manifest records the patch (${r.advisory}: ${r.from ?? '(none)'} -> ${r.to ?? '(removed)'}${reason}).`;
  });
}

function mergeLines(need: SecurityNeed, mode: ResolvedSettings['bot']['securityMerge']): string[] {
  const v = need.verdict;
  const policy =
    v.verdict === 'allowed'
      ? `- Policy: **allowed** without approvals (${v.reason}); \`lockstep/policy\` checks it on this PR.`
      : v.verdict === 'needs-approval'
        ? `- Policy: **needs approval** (${v.reason})${v.approvals ? ` from ${v.approvals.approvers.join(', ')}` : ''}: \`lockstep/approval\` stays pending until then, so this PR does not merge on its own before.`
        : `- Policy: **blocked** (${v.reason}): a person has to look at ${need.environment} before this can merge.`;
  const approved = v.verdict === 'allowed' ? '' : ' once `lockstep/approval` is green too';
  const how =
    mode === 'manual'
      ? '- `securityMerge: manual`: a person merges this PR; Lockstep does not.'
      : v.verdict === 'blocked'
        ? `- \`securityMerge: ${mode}\`: Lockstep does not merge a blocked change.`
        : mode === 'auto-merge' && v.verdict === 'allowed'
          ? '- `securityMerge: auto-merge`: Lockstep enables GitHub auto-merge (squash), and GitHub merges once branch protection is satisfied. If the repository does not allow auto-merge, Lockstep says so in a comment and merges it itself when every check is green.'
          : `- \`securityMerge: ${mode}\`: Lockstep merges this PR itself${approved}, when every check run and commit status on its head commit is green, \`lockstep/policy\` included.`;
  return [policy, how];
}

/** The body of a security PR: what, which versions, what it overrides and why, who caused it, how it merges. */
export function pullBody(
  need: SecurityNeed,
  marker: PullMarker,
  settings: Pick<ResolvedSettings, 'bot'>,
  defaultBranch: string,
): string {
  const lines = [
    markerLine(marker),
    `**Security patch for \`${need.environment}\`** (${need.severity})`,
    '',
    `\`${need.manifestPath}\` recompiled at \`${defaultBranch}\` ${marker.base.slice(0, 7)}: an enforced advisory affects what ${need.environment} runs there. The file is exactly what \`lockstep compile ${need.environment}\` gives.`,
    '',
    `| Item | On \`${defaultBranch}\` | In this PR | Advisory | Severity | Affected | Fixed in |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...fixRows(need.fixes),
    '',
    '### What it overrides, and why',
    ...overrideLines(need),
  ];
  if (need.waived.length) {
    lines.push(
      '',
      `Waived in ${need.environment}, so not patched here: ${need.waived
        .map((w) => `${w.advisory} until ${w.until} (approved by ${w.approvedBy}: ${w.reason})`)
        .join('; ')}.`,
    );
  }
  if (need.others.length) {
    lines.push(
      '',
      '### Other changes in this manifest',
      `Compile gives one manifest, so it also brings changes that are not security fixes (${need.channel} channel); the policy judges them as usual:`,
      '',
      '| Item | From | To | Class | Why |',
      '| --- | --- | --- | --- | --- |',
      ...need.others.map(
        (c) =>
          `| ${cell(itemLabel(c.item))} | ${c.from ?? '-'} | ${c.to ?? '-'} | ${c.class} | ${cell(c.why)} |`,
      ),
    );
  }
  lines.push(
    '',
    '### How it merges',
    ...mergeLines(need, settings.bot.securityMerge),
    '',
    '### Why this PR exists',
    `Lockstep wrote it after ${marker.trigger}. It keeps one security PR per environment on \`${securityBranch(need.environment)}\`: a later catalog change updates this PR (the branch is force-moved, so do not push to it), and when ${need.environment} no longer needs it (advisory withdrawn or waived, or the fix merged another way) Lockstep closes it with a comment. To hold the patch back, add a waiver to ${need.environment}'s config (\`security.waivers\`, with \`until\` and \`approvedBy\`).`,
  );
  return lines.join('\n');
}
