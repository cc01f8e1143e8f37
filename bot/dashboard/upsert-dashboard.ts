import type { Octokit } from '@octokit/rest';
import type { RepoCoordinates } from '../../src/github/github-port.js';
import { dashboardContent } from './dashboard-markdown.js';
import { DASHBOARD_LABEL, DASHBOARD_TITLE, type DashboardIssue, findDashboards } from './find-dashboard.js';

/** What writing the dashboard did. */
export interface DashboardWrite {
  number: number;
  outcome: 'created' | 'updated' | 'unchanged';
}

/**
 * Writes `body` to the one dashboard issue, given the dashboards listed before (`found`, lowest
 * number first). The dashboard is updated in place, and only when what it says changed (the footer's
 * time alone is no change). A closed dashboard stays closed: closing it is a person's choice, and the
 * way to stop it is `bot.dashboard: false`. With none found (never made, or deleted) it is created;
 * then the list is read again, and when two racing events both created one, the later issue closes
 * itself as a duplicate of the earlier, so every event converges on the lowest number.
 */
export async function upsertDashboard(
  octokit: Octokit,
  coordinates: RepoCoordinates,
  found: readonly DashboardIssue[],
  body: string,
): Promise<DashboardWrite> {
  const { owner, repo } = coordinates;
  const [dashboard, ...duplicates] = found;
  if (dashboard) {
    const changed = differs(dashboard, body);
    await Promise.all([
      changed ? update(octokit, coordinates, dashboard.number, body) : undefined,
      // Left by an earlier race whose clean-up failed: close them now.
      ...duplicates.map((d) => closeDuplicate(octokit, coordinates, d.number, dashboard.number)),
    ]);
    return { number: dashboard.number, outcome: changed ? 'updated' : 'unchanged' };
  }
  const { data } = await octokit.rest.issues.create({
    owner,
    repo,
    title: DASHBOARD_TITLE,
    body,
    labels: [DASHBOARD_LABEL],
  });
  const [first] = await findDashboards(octokit, coordinates);
  if (!first || first.number === data.number) return { number: data.number, outcome: 'created' };
  await Promise.all([
    closeDuplicate(octokit, coordinates, data.number, first.number),
    differs(first, body) ? update(octokit, coordinates, first.number, body) : undefined,
  ]);
  return { number: first.number, outcome: 'updated' };
}

/** True when the issue says something else than `body` (its title or anything above the footer). */
function differs(issue: DashboardIssue, body: string): boolean {
  return issue.title !== DASHBOARD_TITLE || dashboardContent(issue.body) !== dashboardContent(body);
}

async function update(
  octokit: Octokit,
  { owner, repo }: RepoCoordinates,
  number: number,
  body: string,
): Promise<void> {
  await octokit.rest.issues.update({ owner, repo, issue_number: number, title: DASHBOARD_TITLE, body });
}

/**
 * One call closes a duplicate and takes its marker and label away, so it is never listed as a
 * dashboard again; it points at the dashboard that stays.
 */
async function closeDuplicate(
  octokit: Octokit,
  { owner, repo }: RepoCoordinates,
  number: number,
  dashboard: number,
): Promise<void> {
  await octokit.rest.issues.update({
    owner,
    repo,
    issue_number: number,
    state: 'closed',
    state_reason: 'duplicate',
    labels: [],
    body: `Duplicate of #${dashboard}, the Lockstep Deployment Dashboard: two events created it at the same time.`,
  });
}
