import type { Octokit } from '@octokit/rest';
import type { Probot, ProbotOctokit } from 'probot';
import { InputError } from '../src/core/errors.js';
import { type BotDeps, type BotLog, createBotContext } from './bot-context.js';
import { updateDashboard } from './dashboard/update-dashboard.js';
import { reconcileProtection } from './freeze/reconcile-protection.js';
import { syncSecurityPulls } from './security/sync-security-pulls.js';

/** What one tick did, for the log and for tests. */
export interface TickOutcome {
  repositories: string[];
  failed: { repository: string; error: string }[];
}

/**
 * The scheduled tick: what time alone changes happens on time although no event arrives. For every
 * repository of every installation, the branch protection is reconciled with the environments frozen
 * now (freeze windows), security PRs are synced (a waiver that expired enforces its advisory again)
 * and the dashboard refreshed, exactly as a `repository_dispatch` of type `lockstep-tick` would.
 * Several replicas ticking at once is harmless: reconciling is idempotent and converges under races.
 * A repository that fails is logged and the tick goes on with the next.
 */
export async function tickAll(app: Pick<Probot, 'auth'>, deps: BotDeps, log: BotLog): Promise<TickOutcome> {
  const outcome: TickOutcome = { repositories: [], failed: [] };
  const appOctokit = await app.auth();
  const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
  for (const installation of installations) {
    const octokit = await app.auth(installation.id);
    const repositories = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, {
      per_page: 100,
    });
    for (const repository of repositories) {
      const fullName = repository.full_name;
      try {
        await tickRepository(octokit, repository, deps, log);
        outcome.repositories.push(fullName);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log('error', `lockstep tick of ${fullName} failed: ${message}`);
        outcome.failed.push({ repository: fullName, error: message });
      }
    }
  }
  return outcome;
}

async function tickRepository(
  octokit: ProbotOctokit,
  repository: { name: string; owner: { login: string }; default_branch: string; archived?: boolean },
  deps: BotDeps,
  log: BotLog,
): Promise<void> {
  if (repository.archived) return;
  const coordinates = { owner: repository.owner.login, repo: repository.name };
  const readConfig = async () =>
    (await octokit.config.get({ ...coordinates, path: '.github/lockstep.yml' })).config;
  let ctx: Awaited<ReturnType<typeof createBotContext>>;
  try {
    ctx = await createBotContext(
      {
        octokit: octokit as unknown as Octokit,
        coordinates,
        defaultBranch: repository.default_branch,
        sender: '',
        readConfig,
        log,
      },
      deps,
    );
  } catch (error) {
    if (error instanceof InputError) {
      log('warn', `${coordinates.owner}/${coordinates.repo}: .github/lockstep.yml is invalid; tick skipped`);
      return;
    }
    throw error;
  }
  await reconcileProtection(ctx, 'scheduled tick');
  await syncSecurityPulls(ctx, 'the scheduled tick');
  if (ctx.settings.bot.dashboard) await updateDashboard(ctx);
}
