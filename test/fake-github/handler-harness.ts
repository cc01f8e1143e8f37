import { loadGitHubSpec } from './openapi/description.js';
import { steppingClock } from './state/clock.js';
import type { RepoState } from './state/repo-state.js';
import { FakeState } from './state/store.js';
import { type FakeResponse, GitHubError, type HandlerTable } from './types.js';

/** A fresh state with one repository `acme/platform` whose main branch has one commit. */
export function seededState(): { state: FakeState; repo: RepoState; sha: string } {
  const state = new FakeState(steppingClock());
  const repo = state.createRepo('acme', 'platform');
  const sha = repo.git.commitFiles('main', { 'README.md': 'hello\n' }, 'initial');
  state.account('octocat');
  return { state, repo, sha };
}

/** Calls `operationId` from `table` the way the server would, with the repo path parameters filled in. */
export async function call(
  table: HandlerTable,
  state: FakeState,
  operationId: string,
  input: {
    params?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
    headers?: Record<string, string>;
    actor?: string;
  } = {},
): Promise<FakeResponse> {
  const handler = table[operationId];
  if (!handler) throw new Error(`no handler for ${operationId}`);
  const response = await handler(
    {
      method: 'GET',
      path: '/',
      operationId,
      params: { owner: 'acme', repo: 'platform', ...input.params },
      query: input.query ?? {},
      body: input.body,
      headers: { host: '127.0.0.1:9', ...input.headers },
      actor: input.actor ?? 'octocat',
    },
    state,
  );
  // Every answer must fit GitHub's documented response, as the server checks it.
  const { routes, validator } = loadGitHubSpec();
  const route = routes.byOperationId(operationId);
  if (!route) throw new Error(`${operationId} is not in GitHub's description`);
  const raw = Buffer.isBuffer(response.body);
  const problem = raw ? undefined : validator.checkResponse(route, response.status, response.body);
  if (problem) throw new Error(problem);
  return response;
}

/** The GitHubError a handler call throws, or fails the test. */
export async function callError(...args: Parameters<typeof call>): Promise<GitHubError> {
  try {
    await call(...args);
  } catch (error) {
    if (error instanceof GitHubError) return error;
    throw error;
  }
  throw new Error(`${args[2]} did not fail`);
}

/** The response body as a plain record, for property assertions. */
export function body<T = Record<string, unknown>>(res: FakeResponse): T {
  return res.body as T;
}
