import { LockstepError, sortDiagnostics } from '../../src/core/errors.js';
import type { RepoCoordinates } from '../../src/github/github-port.js';
import type { BotContext } from '../bot-context.js';
import { evaluateAt } from '../evaluate-ref.js';
import type { DashboardView, EnvironmentView, LockstepPull } from './dashboard-view.js';
import { environmentView } from './environment-view.js';

const BOT_BRANCH = /^lockstep\/(security|rollback)\/(.+)$/;

/**
 * Everything the dashboard shows, in two concurrent reads: every environment judged at the default
 * branch's head with `target: 'compiled'` (one evaluateAt: files, deploy tags, command freezes), and
 * one list of open pull requests. Invalid repository files are shown, not thrown: the dashboard is
 * where users look when nothing else reports them (a push to the default branch has no check run).
 */
export async function gatherDashboard(ctx: BotContext): Promise<DashboardView> {
  const [environments, pulls] = await Promise.all([judgeEnvironments(ctx), lockstepPulls(ctx)]);
  const repoUrl = repoWebUrl(String(ctx.octokit.request.endpoint.DEFAULTS.baseUrl), ctx.coordinates);
  return { repoUrl, defaultBranch: ctx.defaultBranch, environments, pulls };
}

async function judgeEnvironments(ctx: BotContext): Promise<DashboardView['environments']> {
  try {
    const refPlan = await evaluateAt(ctx, ctx.defaultBranch, { target: 'compiled' });
    const list: EnvironmentView[] = [];
    for (const [name, plan] of refPlan.plans) {
      const entry = refPlan.repo.environments.get(name);
      if (!entry) continue;
      list.push(environmentView(entry, plan, refPlan.freezes.get(name), refPlan.repo.catalog, ctx.now));
    }
    list.sort((a, b) => a.name.localeCompare(b.name));
    return { ok: true, list };
  } catch (error) {
    // Input and resolve errors are the user's to fix and carry positions; anything else is ours.
    if (!(error instanceof LockstepError) || (error.code !== 'E_INPUT' && error.code !== 'E_RESOLVE'))
      throw error;
    return { ok: false, diagnostics: sortDiagnostics(error.diagnostics) };
  }
}

/**
 * Open pull requests from the bot's branches of this repository, oldest first. One call for up to
 * 100 open pull requests: a fork's branch of the same name is not Lockstep's and is left out.
 */
async function lockstepPulls(ctx: BotContext): Promise<LockstepPull[]> {
  const { owner, repo } = ctx.coordinates;
  const pulls = await ctx.octokit.paginate(ctx.octokit.rest.pulls.list, {
    owner,
    repo,
    state: 'open',
    per_page: 100,
  });
  const fullName = `${owner}/${repo}`.toLowerCase();
  const out: LockstepPull[] = [];
  for (const p of pulls) {
    const match = BOT_BRANCH.exec(p.head.ref);
    if (!match || p.head.repo?.full_name.toLowerCase() !== fullName) continue;
    out.push({
      number: p.number,
      title: p.title,
      url: p.html_url,
      kind: match[1] === 'security' ? 'security' : 'rollback',
      environment: match[2] ?? '',
      author: p.user?.login ?? '',
      draft: p.draft ?? false,
    });
  }
  return out.sort((a, b) => a.number - b.number);
}

/**
 * The repository's web address from the API address Octokit talks to: api.github.com serves
 * github.com, a GitHub Enterprise Server serves its API under /api/v3 of the web host.
 */
export function repoWebUrl(apiBaseUrl: string, { owner, repo }: RepoCoordinates): string {
  const api = apiBaseUrl.replace(/\/+$/, '');
  const web = api === 'https://api.github.com' ? 'https://github.com' : api.replace(/\/api\/v3$/, '');
  return `${web}/${owner}/${repo}`;
}
