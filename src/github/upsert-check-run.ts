import type { Octokit } from '@octokit/rest';
import type { RepoCoordinates } from './github-port.js';

/** What a completed check run says. */
export interface CheckRunOutput {
  title: string;
  summary: string;
  annotations?: {
    path: string;
    start_line: number;
    end_line: number;
    annotation_level: 'notice' | 'warning' | 'failure';
    message: string;
    title?: string;
  }[];
}

/**
 * One completed check run named `name` on `sha`, created or updated in place: the newest run of that
 * name by `appId` (when given: another app's or a workflow's run of the same name is not ours) is
 * updated, or left alone when it says this already, so a redelivered webhook writes nothing.
 * Two calls at most: the listing, then the create or the update.
 */
export async function upsertCheckRun(
  octokit: Octokit,
  { owner, repo }: RepoCoordinates,
  input: {
    sha: string;
    name: string;
    appId: number | undefined;
    conclusion: 'success' | 'failure' | 'neutral' | 'action_required';
    output: CheckRunOutput;
  },
): Promise<'created' | 'updated' | 'unchanged'> {
  const { sha, name, appId, conclusion, output } = input;
  const { data } = await octokit.rest.checks.listForRef({
    owner,
    repo,
    ref: sha,
    check_name: name,
    filter: 'all',
    per_page: 100,
    ...(appId !== undefined ? { app_id: appId } : {}),
  });
  const existing = data.check_runs
    .filter((r) => appId === undefined || r.app?.id === appId)
    .sort((a, b) => b.id - a.id)[0];
  if (!existing) {
    await octokit.rest.checks.create({
      owner,
      repo,
      name,
      head_sha: sha,
      status: 'completed',
      conclusion,
      output,
    });
    return 'created';
  }
  if (
    existing.conclusion === conclusion &&
    existing.output.title === output.title &&
    existing.output.summary === output.summary
  )
    return 'unchanged';
  await octokit.rest.checks.update({
    owner,
    repo,
    check_run_id: existing.id,
    status: 'completed',
    conclusion,
    output,
  });
  return 'updated';
}
