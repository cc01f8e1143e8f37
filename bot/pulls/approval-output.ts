import type { ApprovalCount, Review } from '../../src/core/policy/approvals.js';
import type { CheckOutput } from './check-runs.js';
import type { ApprovalNeed } from './judge-pull.js';
import { md } from './plan-markdown.js';
import type { PolicyData } from './policy-data.js';
import type { PullRef } from './pull-ref.js';

/** One environment's approvals, counted. */
export interface EnvironmentApproval {
  need: ApprovalNeed;
  count: ApprovalCount;
  /** Approving reviews that do not count, each with why ("@mallory is not a listed approver"). */
  notCounted: string[];
}

const TITLE_LIMIT = 160;
const short = (sha: string) => sha.slice(0, 7);

/**
 * Why each approving review that the rule did not count was left out, for the check's reader (the
 * same rule as the core's countApprovals: each user's latest deciding review).
 */
export function notCountedReasons(
  reviews: readonly Review[],
  count: ApprovalCount,
  headSha: string,
  author: string,
): string[] {
  const latest = new Map<string, Review>();
  for (const r of reviews)
    if (r.state !== 'COMMENTED' && r.state !== 'PENDING') latest.set(r.user.toLowerCase(), r);
  const counted = new Set(count.approvedBy.map((u) => u.toLowerCase()));
  return [...latest.values()]
    .filter((r) => r.state === 'APPROVED' && !counted.has(r.user.toLowerCase()))
    .map((r) =>
      r.user.toLowerCase() === author.toLowerCase()
        ? `@${r.user} is the author`
        : r.commitId !== headSha
          ? `@${r.user} approved an earlier commit (\`${short(r.commitId)}\`): approve again`
          : `@${r.user} is not a listed approver`,
    );
}

/**
 * `lockstep/approval`: success when every environment the pull request changes has the approvals it
 * needs (or none needs any); otherwise `action_required`, which, like `failure`, keeps a required
 * check from passing (GitHub passes only success, neutral and skipped) but says that a person must act,
 * not that something is broken.
 */
export function approvalOutput(
  pull: PullRef,
  data: PolicyData,
  results: readonly EnvironmentApproval[],
  sender: string,
): CheckOutput {
  const at = `at \`${short(pull.headSha)}\``;
  if (!results.length) {
    const why =
      data.state === 'untouched'
        ? 'it changes no Lockstep file'
        : 'no environment it changes needs approval (see `lockstep/policy`)';
    return {
      conclusion: 'success',
      title: 'No approval needed',
      summary: `## Lockstep approvals ✅ ${at}\n\nPull request #${pull.number} needs no approval: ${why}. Counted after an event by @${sender}.`,
      annotations: [],
    };
  }
  const satisfied = results.every((r) => r.count.satisfied);
  const title = results
    .map(
      ({ need, count }) =>
        `${results.length > 1 ? `${need.environment}: ` : ''}${count.approvedBy.length} of ${count.required} approval${count.required === 1 ? '' : 's'} from ${need.approvers.join(', ')}`,
    )
    .join('; ');
  const lines = results.map(({ need, count, notCounted }) => {
    const state = count.satisfied ? '✅' : '🟡';
    const extra = notCounted.length ? ` Not counted: ${notCounted.join('; ')}.` : '';
    return `- ${state} **${need.environment}**: ${md(count.summary)}. Why: ${md(need.reason)}.${extra}`;
  });
  const waiting = results.filter((r) => !r.count.satisfied).map((r) => r.need.environment);
  return {
    conclusion: satisfied ? 'success' : 'action_required',
    title: title.length <= TITLE_LIMIT ? title : `${waiting.length} environment(s) waiting for approvals`,
    summary: [
      `## Lockstep approvals ${satisfied ? '✅ satisfied' : '🟡 waiting'} ${at}`,
      `Counted for pull request #${pull.number} after an event by @${sender}.`,
      lines.join('\n'),
      '### How approvals count',
      `A review counts when it approves the current head commit \`${short(pull.headSha)}\` (a push makes earlier approvals stale), comes from a listed approver (an \`@org/team\` entry means its members) and not from the author @${pull.author}; each reviewer's latest approving, changes-requested or dismissed review decides.`,
      satisfied
        ? 'Nothing more to do here.'
        : `### What to do\n\nAsk ${waiting.length === 1 ? 'an approver' : 'approvers'} of ${waiting.join(', ')} other than @${pull.author} to approve the latest commit.`,
    ].join('\n\n'),
    annotations: [],
    ...(pull.url ? { detailsUrl: pull.url } : {}),
  };
}
