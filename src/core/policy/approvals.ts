/** A submitted pull-request review, as the approval rule needs it. */
export interface Review {
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  commitId: string;
}

/** The outcome for one environment. */
export interface ApprovalCount {
  required: number;
  /** Approvers whose approval counts, in review order. */
  approvedBy: string[];
  satisfied: boolean;
  /** "1 of 2 approvals (alice) from alice, @acme/release-managers". */
  summary: string;
}

/**
 * SPEC section 4: approvals are reviews in state APPROVED on the pull request's current head commit
 * (a later push makes them stale), from distinct users listed in `approvers` (an `@org/team` entry
 * means its members), never from the author. A user's latest deciding review counts (a later
 * "changes requested" or a dismissal withdraws an approval; a comment does not), as on GitHub.
 * `teams` maps each `@org/team` entry to its members' logins; matching is case-insensitive.
 */
export function countApprovals(input: {
  reviews: readonly Review[];
  headSha: string;
  author: string;
  required: number;
  approvers: readonly string[];
  teams: ReadonlyMap<string, ReadonlySet<string>>;
}): ApprovalCount {
  const lower = (s: string) => s.toLowerCase();
  const listed = (login: string) =>
    input.approvers.some((entry) =>
      entry.startsWith('@')
        ? [...(input.teams.get(entry) ?? [])].some((m) => lower(m) === lower(login))
        : lower(entry) === lower(login),
    );
  const latest = new Map<string, Review>();
  for (const review of input.reviews) {
    if (review.state === 'COMMENTED' || review.state === 'PENDING') continue;
    latest.set(lower(review.user), review);
  }
  const approvedBy = [...latest.values()]
    .filter((r) => r.state === 'APPROVED' && r.commitId === input.headSha)
    .filter((r) => lower(r.user) !== lower(input.author) && listed(r.user))
    .map((r) => r.user);
  const satisfied = approvedBy.length >= input.required;
  const who = approvedBy.length ? ` (${approvedBy.join(', ')})` : '';
  const from = input.approvers.length ? ` from ${input.approvers.join(', ')}` : '';
  return {
    required: input.required,
    approvedBy,
    satisfied,
    summary: `${approvedBy.length} of ${input.required} approval${input.required === 1 ? '' : 's'}${who}${from}`,
  };
}
