import { describe, expect, it } from 'vitest';
import { countApprovals, type Review } from '../../src/core/policy/approvals.js';

const HEAD = 'h'.repeat(40);
const OLD = 'o'.repeat(40);
const base = {
  headSha: HEAD,
  author: 'dana',
  required: 2,
  approvers: ['alice', '@acme/release-managers'],
  teams: new Map([['@acme/release-managers', new Set(['Bob', 'carol'])]]),
};
const review = (user: string, state: Review['state'], commitId = HEAD): Review => ({ user, state, commitId });

describe('countApprovals (SPEC 4)', () => {
  it('counts distinct listed approvers and team members on the head commit', () => {
    const r = countApprovals({
      ...base,
      reviews: [review('alice', 'APPROVED'), review('bob', 'APPROVED'), review('alice', 'APPROVED')],
    });
    expect(r).toEqual({
      required: 2,
      approvedBy: ['alice', 'bob'],
      satisfied: true,
      summary: '2 of 2 approvals (alice, bob) from alice, @acme/release-managers',
    });
  });

  it('does not count a review on an older commit (a later push makes it stale)', () => {
    const r = countApprovals({
      ...base,
      reviews: [review('alice', 'APPROVED', OLD), review('bob', 'APPROVED')],
    });
    expect(r.approvedBy).toEqual(['bob']);
    expect(r.satisfied).toBe(false);
    expect(r.summary).toBe('1 of 2 approvals (bob) from alice, @acme/release-managers');
  });

  it('never counts the author, nor users who are not listed', () => {
    const r = countApprovals({
      ...base,
      author: 'alice',
      reviews: [review('alice', 'APPROVED'), review('mallory', 'APPROVED')],
    });
    expect(r.approvedBy).toEqual([]);
  });

  it("takes each user's latest deciding review: changes requested or dismissal withdraw, a comment does not", () => {
    const r = countApprovals({
      ...base,
      reviews: [
        review('alice', 'APPROVED'),
        review('alice', 'COMMENTED'),
        review('carol', 'APPROVED'),
        review('carol', 'CHANGES_REQUESTED'),
        review('bob', 'APPROVED'),
        review('bob', 'DISMISSED'),
      ],
    });
    expect(r.approvedBy).toEqual(['alice']);
  });

  it('is satisfied with no reviews when none are required', () => {
    expect(countApprovals({ ...base, required: 0, reviews: [] })).toMatchObject({
      satisfied: true,
      summary: expect.stringMatching(/^0 of 0 approvals/),
    });
  });
});
