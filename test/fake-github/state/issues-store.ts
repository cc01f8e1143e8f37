import { GitHubError, notFound, validationFailed } from '../types.js';
import type { RepoState } from './repo-state.js';

/** An issue as the fake keeps it; pull requests live in PullsStore but share numbers, labels and comments. */
export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  user: string;
  assignees: string[];
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  closedBy: string | null;
}

/** A comment on an issue or a pull request's conversation (GitHub's issue comment). */
export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A repository label. */
export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

/** Issues, issue comments and labels of one repository. */
export class IssuesStore {
  readonly repo: RepoState;
  readonly issues = new Map<number, IssueRecord>();
  readonly comments = new Map<number, CommentRecord>();
  /** lower-case name -> label. */
  readonly labels = new Map<string, LabelRecord>();
  /** Issue or PR number -> label names, in the order they were added (GitHub sorts on output). */
  readonly #labelsOf = new Map<number, string[]>();

  constructor(repo: RepoState) {
    this.repo = repo;
  }

  create(input: {
    title: string;
    body?: string | null;
    user: string;
    labels?: string[];
    assignees?: string[];
  }): IssueRecord {
    const now = this.repo.global.clock.now();
    const issue: IssueRecord = {
      id: this.repo.global.nextId(),
      number: this.repo.nextNumber(),
      title: input.title,
      body: input.body ?? null,
      state: 'open',
      stateReason: null,
      user: input.user,
      assignees: input.assignees ?? [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
    };
    this.issues.set(issue.number, issue);
    this.setLabels(issue.number, input.labels ?? []);
    return issue;
  }

  /** The issue, or GitHub's 404. */
  get(number: number): IssueRecord {
    const issue = this.issues.get(number);
    if (!issue) throw notFound();
    return issue;
  }

  /** Closes or reopens, recording who and when like GitHub's closed_by / closed_at. */
  setState(
    issue: IssueRecord,
    state: 'open' | 'closed',
    actor: string,
    reason?: IssueRecord['stateReason'],
  ): void {
    const now = this.repo.global.clock.now();
    if (state === 'closed' && issue.state === 'open') {
      issue.closedAt = now;
      issue.closedBy = actor;
      issue.stateReason = reason ?? 'completed';
    } else if (state === 'open' && issue.state === 'closed') {
      issue.closedAt = null;
      issue.stateReason = 'reopened';
    }
    issue.state = state;
    issue.updatedAt = now;
  }

  /** The label, created with GitHub's default colour on first use (as add-labels does). */
  label(name: string): LabelRecord {
    const existing = this.labels.get(name.toLowerCase());
    if (existing) return existing;
    return this.createLabel({ name });
  }

  createLabel(input: { name: string; color?: string; description?: string | null }): LabelRecord {
    if (this.labels.has(input.name.toLowerCase())) throw validationFailed('Label', 'name', 'already_exists');
    const label: LabelRecord = {
      id: this.repo.global.nextId(),
      name: input.name,
      color: (input.color ?? 'ededed').replace(/^#/, ''),
      description: input.description ?? null,
    };
    this.labels.set(label.name.toLowerCase(), label);
    return label;
  }

  /** The labels on an issue or PR, sorted by name as GitHub returns them. */
  labelsOf(number: number): LabelRecord[] {
    const names = this.#labelsOf.get(number) ?? [];
    return names.map((n) => this.label(n)).sort((a, b) => a.name.localeCompare(b.name));
  }

  addLabels(number: number, names: readonly string[]): void {
    const current = this.#labelsOf.get(number) ?? [];
    for (const name of names) {
      const label = this.label(name);
      if (!current.some((n) => n.toLowerCase() === label.name.toLowerCase())) current.push(label.name);
    }
    this.#labelsOf.set(number, current);
  }

  setLabels(number: number, names: readonly string[]): void {
    this.#labelsOf.set(number, []);
    this.addLabels(number, names);
  }

  /** Removes a label; GitHub answers 404 "Label does not exist" when it is not on the issue. */
  removeLabel(number: number, name: string): void {
    const current = this.#labelsOf.get(number) ?? [];
    const index = current.findIndex((n) => n.toLowerCase() === name.toLowerCase());
    if (index < 0) throw new GitHubError(404, 'Label does not exist');
    current.splice(index, 1);
  }

  addComment(issueNumber: number, user: string, body: string): CommentRecord {
    const now = this.repo.global.clock.now();
    const comment: CommentRecord = {
      id: this.repo.global.nextId(),
      issueNumber,
      body,
      user,
      createdAt: now,
      updatedAt: now,
    };
    this.comments.set(comment.id, comment);
    return comment;
  }

  /** Comments on an issue or PR, oldest first. */
  commentsOn(issueNumber: number): CommentRecord[] {
    return [...this.comments.values()].filter((c) => c.issueNumber === issueNumber);
  }

  comment(id: number): CommentRecord {
    const comment = this.comments.get(id);
    if (!comment) throw notFound();
    return comment;
  }
}
