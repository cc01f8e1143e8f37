import { notFound, validationFailed } from '../types.js';
import type { RepoState } from './repo-state.js';

/** A commit status state, as POST /statuses/{sha} accepts it. */
export type StatusState = 'error' | 'failure' | 'pending' | 'success';

/** One commit status; GitHub keeps every one, the newest per context counts. */
export interface StatusRecord {
  id: number;
  sha: string;
  state: StatusState;
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A check run annotation as submitted in `output.annotations`. */
export interface AnnotationRecord {
  path: string;
  start_line: number;
  end_line: number;
  start_column: number | null;
  end_column: number | null;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title: string | null;
  raw_details: string | null;
}

export type CheckStatus = 'queued' | 'in_progress' | 'completed';
export type CheckConclusion =
  | 'action_required'
  | 'cancelled'
  | 'failure'
  | 'neutral'
  | 'success'
  | 'skipped'
  | 'stale'
  | 'timed_out';

/** One check run. */
export interface CheckRunRecord {
  id: number;
  suiteId: number;
  name: string;
  headSha: string;
  status: CheckStatus;
  conclusion: CheckConclusion | null;
  startedAt: Date;
  completedAt: Date | null;
  detailsUrl: string | null;
  externalId: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: AnnotationRecord[];
  creator: string;
}

/** The fields checks/create and checks/update accept, already validated by the server. */
export interface CheckRunInput {
  name?: string;
  status?: CheckStatus;
  conclusion?: CheckConclusion;
  started_at?: string;
  completed_at?: string;
  details_url?: string;
  external_id?: string;
  output?: {
    title?: string;
    summary?: string;
    text?: string;
    annotations?: Array<
      Omit<AnnotationRecord, 'start_column' | 'end_column' | 'title' | 'raw_details'> &
        Partial<AnnotationRecord>
    >;
  };
}

/** Combined state of the newest status per context, as GET /commits/{ref}/status computes it. */
export function combinedState(latest: readonly StatusRecord[]): 'failure' | 'pending' | 'success' {
  if (latest.some((s) => s.state === 'error' || s.state === 'failure')) return 'failure';
  if (latest.length === 0 || latest.some((s) => s.state === 'pending')) return 'pending';
  return 'success';
}

/** Commit statuses and check runs of one repository. */
export class ChecksStore {
  readonly repo: RepoState;
  readonly statuses: StatusRecord[] = [];
  readonly checkRuns = new Map<number, CheckRunRecord>();
  /** head sha -> check suite id: one suite per commit is enough for the fake. */
  readonly #suites = new Map<string, number>();

  constructor(repo: RepoState) {
    this.repo = repo;
  }

  addStatus(input: Omit<StatusRecord, 'id' | 'createdAt' | 'updatedAt'>): StatusRecord {
    const now = this.repo.global.clock.now();
    const status: StatusRecord = { ...input, id: this.repo.global.nextId(), createdAt: now, updatedAt: now };
    this.statuses.push(status);
    return status;
  }

  /** Every status of `sha`, newest first. */
  statusesFor(sha: string): StatusRecord[] {
    return this.statuses.filter((s) => s.sha === sha).reverse();
  }

  /** The newest status per context, in the order contexts first appeared. */
  latestStatuses(sha: string): StatusRecord[] {
    const latest = new Map<string, StatusRecord>();
    for (const s of this.statuses) if (s.sha === sha) latest.set(s.context, s);
    return [...latest.values()];
  }

  createCheckRun(headSha: string, name: string, creator: string, input: CheckRunInput): CheckRunRecord {
    let suiteId = this.#suites.get(headSha);
    if (suiteId === undefined) {
      suiteId = this.repo.global.nextId();
      this.#suites.set(headSha, suiteId);
    }
    const run: CheckRunRecord = {
      id: this.repo.global.nextId(),
      suiteId,
      name,
      headSha,
      status: 'queued',
      conclusion: null,
      startedAt: this.repo.global.clock.now(),
      completedAt: null,
      detailsUrl: null,
      externalId: null,
      output: { title: null, summary: null, text: null },
      annotations: [],
      creator,
    };
    this.#apply(run, input);
    this.checkRuns.set(run.id, run);
    return run;
  }

  updateCheckRun(id: number, input: CheckRunInput): CheckRunRecord {
    const run = this.checkRun(id);
    this.#apply(run, input);
    return run;
  }

  checkRun(id: number): CheckRunRecord {
    const run = this.checkRuns.get(id);
    if (!run) throw notFound();
    return run;
  }

  /** Check runs on `sha`, newest first, optionally only those named `name`. */
  checkRunsFor(sha: string, name?: string): CheckRunRecord[] {
    return [...this.checkRuns.values()]
      .filter((r) => r.headSha === sha && (name === undefined || r.name === name))
      .reverse();
  }

  /** Applies create/update fields with GitHub's rules: a conclusion completes the run; completed needs one. */
  #apply(run: CheckRunRecord, input: CheckRunInput): void {
    if (input.status === 'completed' && !input.conclusion && !run.conclusion) {
      throw validationFailed(
        'CheckRun',
        'conclusion',
        'missing_field',
        'conclusion must be provided when status is completed',
      );
    }
    if (input.status && input.status !== 'completed' && input.conclusion) {
      throw validationFailed(
        'CheckRun',
        'conclusion',
        'invalid',
        'conclusion can only be set when status is completed',
      );
    }
    if (input.name !== undefined) run.name = input.name;
    if (input.details_url !== undefined) run.detailsUrl = input.details_url;
    if (input.external_id !== undefined) run.externalId = input.external_id;
    if (input.started_at !== undefined) run.startedAt = new Date(input.started_at);
    if (input.status !== undefined) run.status = input.status;
    if (input.conclusion !== undefined) {
      run.conclusion = input.conclusion;
      run.status = 'completed';
    }
    if (run.status === 'completed' && !run.completedAt) {
      run.completedAt = input.completed_at ? new Date(input.completed_at) : this.repo.global.clock.now();
    }
    const output = input.output;
    if (output) {
      if (output.title !== undefined) run.output.title = output.title;
      if (output.summary !== undefined) run.output.summary = output.summary;
      if (output.text !== undefined) run.output.text = output.text;
      // GitHub appends annotations on every update rather than replacing them.
      for (const a of output.annotations ?? []) {
        run.annotations.push({
          path: a.path,
          start_line: a.start_line,
          end_line: a.end_line,
          start_column: a.start_column ?? null,
          end_column: a.end_column ?? null,
          annotation_level: a.annotation_level,
          message: a.message,
          title: a.title ?? null,
          raw_details: a.raw_details ?? null,
        });
      }
    }
  }
}
