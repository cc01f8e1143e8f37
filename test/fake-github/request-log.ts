/** One request the fake received, as tests inspect it. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** GitHub's operationId, or undefined when the path matched no operation. */
  operationId: string | undefined;
  status: number;
  /** The parsed request body (undefined when empty). */
  body: unknown;
  actor: string | undefined;
  /** The fault injected into this request, if any. */
  fault?: string;
}

/** Why a request makes the test run unclean. */
export type ProblemKind = 'rejected' | 'unimplemented' | 'invalid-response' | 'handler-error';

/** A request GitHub would have refused, an operation the fake lacks, or a defect in the fake itself. */
export interface Problem {
  kind: ProblemKind;
  method: string;
  path: string;
  operationId: string | undefined;
  message: string;
}

/** Every request and every problem, so a test can inspect calls and fail on anything unexpected. */
export class RequestLog {
  readonly requests: LoggedRequest[] = [];
  readonly problems: Problem[] = [];

  record(entry: LoggedRequest): void {
    this.requests.push(entry);
  }

  problem(problem: Problem): void {
    this.problems.push(problem);
  }

  /** Forgets the problems seen so far (for a test that provokes them on purpose). */
  clearProblems(): Problem[] {
    return this.problems.splice(0);
  }

  /** Throws one error listing every problem; tests call this in afterEach. */
  assertClean(): void {
    if (this.problems.length === 0) return;
    const lines = this.problems.map(
      (p) => `- ${p.kind}: ${p.method} ${p.path} (${p.operationId ?? 'no operation'}): ${p.message}`,
    );
    throw new Error(`The fake GitHub saw ${this.problems.length} problem(s):\n${lines.join('\n')}`);
  }
}
