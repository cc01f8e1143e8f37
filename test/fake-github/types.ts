import type { FakeState } from './state/store.js';

/** A request as a handler sees it: already matched to a GitHub operation and validated against it. */
export interface FakeRequest {
  method: string;
  /** The path as requested, without the query string. */
  path: string;
  /** GitHub's operationId, e.g. 'git/create-ref'. */
  operationId: string;
  /** Path parameters by their OpenAPI names (owner, repo, pull_number, ...), decoded. */
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The authenticated login, from the Authorization header (see server.ts). */
  actor: string;
}

/** What a handler returns; the server adds GitHub's common headers and validates the body. */
export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One operation's implementation. Throw GitHubError for GitHub's error responses. */
export type Handler = (req: FakeRequest, state: FakeState) => FakeResponse | Promise<FakeResponse>;

/** Handlers by GitHub operationId. */
export type HandlerTable = Record<string, Handler>;

/** An error GitHub would answer with, in GitHub's body shape: { message, documentation_url, errors?, status }. */
export class GitHubError extends Error {
  readonly status: number;
  readonly errors: readonly unknown[] | undefined;
  constructor(status: number, message: string, errors?: readonly unknown[]) {
    super(message);
    this.name = 'GitHubError';
    this.status = status;
    this.errors = errors;
  }
}

/** 404 as GitHub gives it for a missing repository, ref, PR and so on. */
export function notFound(): GitHubError {
  return new GitHubError(404, 'Not Found');
}

/** 422 "Validation Failed" with GitHub's errors array. */
export function validationFailed(
  resource: string,
  field: string,
  code: string,
  message?: string,
): GitHubError {
  return new GitHubError(422, 'Validation Failed', [
    { resource, field, code, ...(message ? { message } : {}) },
  ]);
}
