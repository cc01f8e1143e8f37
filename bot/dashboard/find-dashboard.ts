import type { Octokit } from '@octokit/rest';
import type { RepoCoordinates } from '../../src/github/github-port.js';
import { DASHBOARD_MARKER } from './dashboard-markdown.js';

/** The label the dashboard issue carries: the issue list is filtered by it (one call). */
export const DASHBOARD_LABEL = 'lockstep-dashboard';
/** The dashboard issue's title. */
export const DASHBOARD_TITLE = 'Lockstep Deployment Dashboard';

/** A dashboard issue found in the repository. */
export interface DashboardIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  url: string;
}

/**
 * Every issue, open or closed, with the dashboard label and the hidden marker in its body, lowest
 * number first: the lowest is the dashboard, any other is a duplicate left by two racing events.
 * One call (label filter, state all); a deleted issue is simply no longer listed.
 */
export async function findDashboards(
  octokit: Octokit,
  { owner, repo }: RepoCoordinates,
): Promise<DashboardIssue[]> {
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
    owner,
    repo,
    labels: DASHBOARD_LABEL,
    state: 'all',
    sort: 'created',
    direction: 'asc',
    per_page: 100,
  });
  return issues
    .filter((i) => !i.pull_request && (i.body ?? '').includes(DASHBOARD_MARKER))
    .map((i) => ({
      number: i.number,
      title: i.title,
      body: i.body ?? '',
      state: i.state === 'closed' ? ('closed' as const) : ('open' as const),
      url: i.html_url,
    }))
    .sort((a, b) => a.number - b.number);
}
