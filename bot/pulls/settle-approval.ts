import { countApprovals, type Review } from '../../src/core/policy/approvals.js';
import type { BotContext } from '../bot-context.js';
import { approvalOutput, type EnvironmentApproval, notCountedReasons } from './approval-output.js';
import { APPROVAL_CHECK, type OwnRun, writeCheckRun } from './check-runs.js';
import type { ApprovalNeed } from './judge-pull.js';
import type { PolicyData } from './policy-data.js';
import type { PullRef } from './pull-ref.js';

/** Team members by `@org/team` entry, each team read at most once per delivery. */
type Teams = Map<string, Promise<ReadonlySet<string>>>;

/** Enough rounds for reviews racing this delivery; each further round needs yet another review. */
const MAX_ROUNDS = 3;

/**
 * Counts the approvals of every environment in `data.needs` and sets `lockstep/approval` on the head.
 * Check runs have no compare-and-set, so two deliveries counting different review lists could leave
 * the older count last. Each writer therefore reads the reviews again after writing and counts again
 * if they changed: the last write is then always checked against reviews read after it, and a later
 * review brings its own event. A write that changes nothing needs no check. `first` are reviews the
 * caller read already (read now otherwise).
 */
export async function settleApproval(
  ctx: BotContext,
  pull: PullRef,
  data: PolicyData,
  existing: readonly OwnRun[],
  first?: readonly Review[],
): Promise<void> {
  let runs = existing.filter((r) => r.name === APPROVAL_CHECK);
  if (!data.needs.length) {
    await writeCheckRun(ctx, pull.headSha, APPROVAL_CHECK, runs, approvalOutput(pull, data, [], ctx.sender));
    return;
  }
  const teams: Teams = new Map();
  let reviews = first ?? (await ctx.port.reviews(pull.number));
  for (let round = 1; ; round++) {
    const results = await Promise.all(data.needs.map((need) => countFor(ctx, pull, need, reviews, teams)));
    const output = approvalOutput(pull, data, results, ctx.sender);
    const written = await writeCheckRun(ctx, pull.headSha, APPROVAL_CHECK, runs, output);
    runs = written.runs;
    if (!written.wrote || round === MAX_ROUNDS) return;
    const again = await ctx.port.reviews(pull.number);
    if (fingerprint(again) === fingerprint(reviews)) return;
    ctx.log('info', `#${pull.number}: reviews changed while counting approvals; counting again`);
    reviews = again;
  }
}

/**
 * One environment's count. Team members are read only when they can matter: when someone other than
 * the author approved the head commit without being listed by login.
 */
async function countFor(
  ctx: BotContext,
  pull: PullRef,
  need: ApprovalNeed,
  reviews: readonly Review[],
  teams: Teams,
): Promise<EnvironmentApproval> {
  const lower = (s: string) => s.toLowerCase();
  const logins = new Set(need.approvers.filter((a) => !a.startsWith('@')).map(lower));
  const unresolved = reviews.some(
    (r) =>
      r.state === 'APPROVED' &&
      r.commitId === pull.headSha &&
      lower(r.user) !== lower(pull.author) &&
      !logins.has(lower(r.user)),
  );
  const entries = unresolved ? need.approvers.filter((a) => a.startsWith('@')) : [];
  const members = await Promise.all(entries.map(async (e) => [e, await membersOf(ctx, e, teams)] as const));
  const count = countApprovals({
    reviews,
    headSha: pull.headSha,
    author: pull.author,
    required: need.required,
    approvers: need.approvers,
    teams: new Map(members),
  });
  return { need, count, notCounted: notCountedReasons(reviews, count, pull.headSha, pull.author) };
}

function membersOf(ctx: BotContext, entry: string, teams: Teams): Promise<ReadonlySet<string>> {
  let members = teams.get(entry);
  if (!members) {
    const [org = '', slug = ''] = entry.slice(1).split('/');
    members = ctx.port.teamMembers(org, slug);
    teams.set(entry, members);
  }
  return members;
}

/** What of a review list the count depends on. */
function fingerprint(reviews: readonly Review[]): string {
  return reviews.map((r) => `${r.user}:${r.state}:${r.commitId}`).join('\n');
}
