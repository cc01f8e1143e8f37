import { GitHubError } from '../types.js';
import { githubTime } from './clock.js';
import type { RepoState } from './repo-state.js';
import type { Account } from './store.js';

/** A review's state as GitHub reports it. */
export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

/** One pull request review; `commitId` is the head it was given on, so callers can tell stale ones. */
export interface ReviewRecord {
  id: number;
  user: Account;
  body: string;
  state: ReviewState;
  commitId: string;
  submittedAt: string | null;
}

/** A pull request. While open, its head sha follows the head branch (see `headSha`). */
export interface PullRecord {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  user: Account;
  head: string;
  base: string;
  /** The last head sha seen; frozen once the PR is closed or its branch is deleted. */
  lastHeadSha: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  mergedBy: Account | null;
  reviews: ReviewRecord[];
}

/** How pulls/merge combines the head into the base. */
export type MergeMethod = 'merge' | 'squash' | 'rebase';

/** Pull requests and their reviews. */
export class PullsStore {
  readonly repo: RepoState;
  readonly pulls = new Map<number, PullRecord>();

  constructor(repo: RepoState) {
    this.repo = repo;
  }

  #now(): string {
    return githubTime(this.repo.global.clock.now());
  }

  get(number: number): PullRecord | undefined {
    return this.pulls.get(number);
  }

  list(): PullRecord[] {
    return [...this.pulls.values()];
  }

  /** The PR's head sha: the head branch's tip while open (a push moves it), else the last one seen. */
  headSha(pr: PullRecord): string {
    const tip = this.repo.git.branch(pr.head);
    if (pr.state === 'open' && tip) pr.lastHeadSha = tip;
    return pr.lastHeadSha;
  }

  /** The base branch tip (for a merged PR, the tip when it merged is no longer tracked). */
  baseSha(pr: PullRecord): string {
    return this.repo.git.branch(pr.base) ?? '';
  }

  /** Whether the head merges into the base without a file conflict. */
  mergeable(pr: PullRecord): boolean {
    return this.repo.git.mergeFiles(this.baseSha(pr), this.headSha(pr)) !== undefined;
  }

  create(input: {
    title: string;
    body?: string | null;
    head: string;
    base: string;
    draft?: boolean;
    user: Account;
  }): PullRecord {
    const git = this.repo.git;
    const head = git.branch(input.head);
    const base = git.branch(input.base);
    if (!head)
      throw new GitHubError(422, 'Validation Failed', [
        { resource: 'PullRequest', field: 'head', code: 'invalid' },
      ]);
    if (!base)
      throw new GitHubError(422, 'Validation Failed', [
        { resource: 'PullRequest', field: 'base', code: 'invalid' },
      ]);
    const duplicate = this.list().find(
      (p) => p.state === 'open' && p.head === input.head && p.base === input.base,
    );
    if (duplicate) {
      const message = `A pull request already exists for ${this.repo.owner.login}:${input.head}.`;
      throw new GitHubError(422, 'Validation Failed', [{ resource: 'PullRequest', code: 'custom', message }]);
    }
    if (git.isAncestor(head, base)) {
      const message = `No commits between ${input.base} and ${input.head}`;
      throw new GitHubError(422, 'Validation Failed', [{ resource: 'PullRequest', code: 'custom', message }]);
    }
    const now = this.#now();
    const pr: PullRecord = {
      number: this.repo.nextNumber(),
      id: this.repo.global.nextId(),
      title: input.title,
      body: input.body ?? null,
      state: 'open',
      draft: input.draft ?? false,
      user: input.user,
      head: input.head,
      base: input.base,
      lastHeadSha: head,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      mergedAt: null,
      mergeCommitSha: null,
      mergedBy: null,
      reviews: [],
    };
    this.pulls.set(pr.number, pr);
    return pr;
  }

  update(
    pr: PullRecord,
    changes: { title?: string; body?: string; state?: 'open' | 'closed'; base?: string },
  ): void {
    if (changes.base !== undefined && !this.repo.git.branch(changes.base)) {
      throw new GitHubError(422, 'Validation Failed', [
        { resource: 'PullRequest', field: 'base', code: 'invalid' },
      ]);
    }
    if (changes.state === 'open' && pr.mergedAt) {
      throw new GitHubError(422, 'Validation Failed', [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: 'state cannot be changed. The pull request has been merged.',
        },
      ]);
    }
    this.headSha(pr);
    if (changes.title !== undefined) pr.title = changes.title;
    if (changes.body !== undefined) pr.body = changes.body;
    if (changes.base !== undefined) pr.base = changes.base;
    if (changes.state !== undefined && changes.state !== pr.state) {
      pr.state = changes.state;
      pr.closedAt = changes.state === 'closed' ? this.#now() : null;
    }
    pr.updatedAt = this.#now();
  }

  /** Merges the PR into its base branch and moves the branch; GitHub's 405/409 on failure. */
  merge(
    pr: PullRecord,
    by: Account,
    options: { method?: MergeMethod; sha?: string; title?: string; message?: string },
  ): string {
    if (pr.state !== 'open') throw new GitHubError(405, 'Pull Request is not mergeable');
    const head = this.headSha(pr);
    if (options.sha !== undefined && options.sha !== head) {
      throw new GitHubError(409, 'Head branch was modified. Review and try the merge again.');
    }
    const git = this.repo.git;
    const base = this.baseSha(pr);
    const files = git.mergeFiles(base, head);
    if (!files) throw new GitHubError(405, 'Pull Request is not mergeable');
    const method = options.method ?? 'merge';
    const committer = { name: 'GitHub', email: 'noreply@github.com' };
    const author = { name: by.login, email: `${by.id}+${by.login}@users.noreply.github.com` };
    let sha: string;
    if (method === 'merge') {
      const title =
        options.title ?? `Merge pull request #${pr.number} from ${this.repo.owner.login}/${pr.head}`;
      const message = `${title}\n\n${options.message ?? pr.title}`;
      sha = git.putCommit({
        tree: git.writeTree(files),
        parents: [base, head],
        author: git.person(author),
        committer: git.person(committer),
        message,
      });
    } else if (method === 'squash') {
      const title = options.title ?? `${pr.title} (#${pr.number})`;
      const message = options.message === undefined ? title : `${title}\n\n${options.message}`;
      sha = git.putCommit({
        tree: git.writeTree(files),
        parents: [base],
        author: git.person(author),
        committer: git.person(committer),
        message,
      });
    } else {
      sha = this.#rebase(base, head, committer);
    }
    git.refs.set(`refs/heads/${pr.base}`, sha);
    const now = this.#now();
    Object.assign(pr, {
      state: 'closed',
      mergedAt: now,
      closedAt: now,
      updatedAt: now,
      mergeCommitSha: sha,
      mergedBy: by,
    });
    return sha;
  }

  /** Replays each head commit's changes onto the base, keeping authors and messages. */
  #rebase(base: string, head: string, committer: { name: string; email: string }): string {
    const git = this.repo.git;
    let tip = base;
    for (const sha of git.commitsBetween(base, head)) {
      const c = git.commit(sha);
      if (!c || c.parents.length > 1) continue;
      const files = git.filesAt(tip);
      for (const change of git.diff(c.parents[0], sha)) {
        if (change.sha === null) files.delete(change.filename);
        else
          files.set(
            change.filename,
            git.filesAt(sha).get(change.filename) ?? { sha: change.sha, mode: '100644' },
          );
      }
      const tree = git.writeTree(files);
      tip = git.putCommit({
        tree,
        parents: [tip],
        author: c.author,
        committer: git.person(committer),
        message: c.message,
      });
    }
    return tip;
  }

  /** Adds a review; without `event` it stays PENDING until submitted. */
  addReview(
    pr: PullRecord,
    user: Account,
    input: { event?: string; body?: string; commitId?: string },
  ): ReviewRecord {
    const review: ReviewRecord = {
      id: this.repo.global.nextId(),
      user,
      body: input.body ?? '',
      state: 'PENDING',
      commitId: input.commitId ?? this.headSha(pr),
      submittedAt: null,
    };
    if (input.event) this.submitReview(pr, review, input.event);
    pr.reviews.push(review);
    return review;
  }

  /** Submits a pending review with APPROVE, REQUEST_CHANGES or COMMENT (GitHub's rules on own PRs). */
  submitReview(pr: PullRecord, review: ReviewRecord, event: string, body?: string): void {
    if (review.state !== 'PENDING')
      throw new GitHubError(422, 'Unprocessable Entity', ['Review has already been submitted']);
    const own = review.user.login.toLowerCase() === pr.user.login.toLowerCase();
    if (own && event === 'APPROVE')
      throw new GitHubError(422, 'Unprocessable Entity', ['Can not approve your own pull request']);
    if (own && event === 'REQUEST_CHANGES') {
      throw new GitHubError(422, 'Unprocessable Entity', [
        'Can not request changes on your own pull request',
      ]);
    }
    if (event === 'REQUEST_CHANGES' && !(body ?? review.body)) {
      throw new GitHubError(422, 'Unprocessable Entity', ['Body is required when using REQUEST_CHANGES']);
    }
    const states: Record<string, ReviewState> = {
      APPROVE: 'APPROVED',
      REQUEST_CHANGES: 'CHANGES_REQUESTED',
      COMMENT: 'COMMENTED',
    };
    review.state = states[event] ?? 'COMMENTED';
    if (body !== undefined) review.body = body;
    review.submittedAt = this.#now();
  }
}
