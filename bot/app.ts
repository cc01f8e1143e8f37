import type { Octokit } from '@octokit/rest';
import type { ApplicationFunction, Context, Probot } from 'probot';
import { InputError } from '../src/core/errors.js';
import { createValidators } from '../src/core/load/schema-check.js';
import { type BotContext, type BotDeps, createBotContext } from './bot-context.js';
import { runCommand } from './commands/run-command.js';
import { updateDashboard } from './dashboard/update-dashboard.js';
import { reconcileProtection } from './freeze/reconcile-protection.js';
import { onPush } from './on-push.js';
import { checkPull } from './pulls/check-pull.js';
import { pullRefOf } from './pulls/pull-ref.js';
import { recomputeApproval } from './pulls/recompute-approval.js';
import { onFailedDeployment } from './rollback/on-failed-deployment.js';
import { mergeWhenGreen } from './security/merge-when-green.js';
import { syncSecurityPulls } from './security/sync-security-pulls.js';
import { reportSettingsError } from './settings-error.js';

/** The repository_dispatch types the bot answers. */
export const DISPATCH = { catalog: 'lockstep-catalog', tick: 'lockstep-tick' } as const;

/**
 * The Lockstep GitHub App: each event is mapped to one operation over the core and src/github
 * (STYLE 1: no logic here). Everything the bot remembers lives in GitHub, so any replica can take
 * any delivery. `deps` injects the clock and validators (tests pass a fixed clock).
 */
export function lockstepApp(deps: Partial<BotDeps> = {}): ApplicationFunction {
  const full: BotDeps = {
    validators: deps.validators ?? createValidators(),
    clock: deps.clock ?? (() => new Date()),
  };
  return (app: Probot) => {
    /** Runs `operation` with the bot's context of the delivery (nothing when the settings are invalid). */
    const withContext =
      <C extends Context>(operation: (ctx: BotContext, context: C) => Promise<void>) =>
      async (context: C) => {
        const ctx = await contextOf(context, full);
        if (ctx) await operation(ctx, context);
      };
    const on = app.on.bind(app);

    on(
      ['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'],
      withContext<Context<'pull_request'>>((ctx, context) =>
        checkPull(ctx, pullRefOf(context.payload.pull_request)),
      ),
    );
    on(
      ['pull_request_review.submitted', 'pull_request_review.dismissed', 'pull_request_review.edited'],
      withContext<Context<'pull_request_review'>>((ctx, context) =>
        recomputeApproval(ctx, pullRefOf(context.payload.pull_request)),
      ),
    );
    on(
      'issue_comment.created',
      withContext<Context<'issue_comment.created'>>((ctx, context) =>
        runCommand(ctx, {
          issueNumber: context.payload.issue.number,
          comment: {
            id: context.payload.comment.id,
            body: context.payload.comment.body,
            url: context.payload.comment.html_url,
            author: context.payload.comment.user?.login ?? '',
            authorType: context.payload.comment.user?.type ?? 'User',
          },
        }),
      ),
    );
    on(
      'push',
      withContext<Context<'push'>>((ctx, context) =>
        onPush(ctx, {
          ref: context.payload.ref,
          deleted: context.payload.deleted,
          after: context.payload.after,
          pusher: context.payload.pusher.name ?? ctx.sender,
          commits: context.payload.commits,
        }),
      ),
    );
    on(
      'repository_dispatch',
      withContext<Context<'repository_dispatch'>>(async (ctx, context) => {
        const type = context.payload.action;
        if (type === DISPATCH.catalog) {
          await syncSecurityPulls(ctx, `repository_dispatch ${DISPATCH.catalog} from @${ctx.sender}`);
        } else if (type === DISPATCH.tick) {
          // Time alone changes things: a freeze window opens or closes, a waiver expires (its
          // advisory is enforced again and needs a security PR).
          await reconcileProtection(ctx, `scheduled tick (${DISPATCH.tick})`);
          await syncSecurityPulls(ctx, `scheduled tick (${DISPATCH.tick}) from @${ctx.sender}`);
        } else {
          return;
        }
        if (ctx.settings.bot.dashboard)
          await updateDashboard(ctx, `repository_dispatch ${type} from @${ctx.sender}`);
      }),
    );
    on(
      'deployment_status',
      withContext<Context<'deployment_status'>>(async (ctx, context) => {
        const { deployment, deployment_status: status } = context.payload;
        if (status.state === 'failure' || status.state === 'error') {
          await onFailedDeployment(ctx, {
            id: deployment.id,
            environment: deployment.environment,
            sha: deployment.sha,
            state: status.state,
            description: status.description ?? '',
            url: status.log_url ?? status.target_url ?? '',
            payload: deployment.payload,
            creator: deployment.creator?.login ?? '',
          });
        }
        if (ctx.settings.bot.dashboard && ['success', 'failure', 'error'].includes(status.state))
          await updateDashboard(ctx, `deployment_status ${status.state} of ${deployment.environment}`);
      }),
    );
    on(
      'check_suite.completed',
      withContext<Context<'check_suite.completed'>>((ctx, context) =>
        mergeWhenGreen(ctx, context.payload.check_suite.head_sha),
      ),
    );
    on(
      'status',
      withContext<Context<'status'>>((ctx, context) => mergeWhenGreen(ctx, context.payload.sha)),
    );
  };
}

/**
 * The bot's context for one delivery, or undefined when the repository's settings are invalid: then
 * the error is reported where the user will see it (the pull request's `lockstep/policy` check) and
 * nothing else happens.
 */
async function contextOf(context: Context, deps: BotDeps): Promise<BotContext | undefined> {
  const payload = context.payload as {
    repository?: { default_branch?: string };
    sender?: { login?: string };
    pull_request?: { head?: { sha?: string } };
    issue?: { number?: number };
    comment?: {
      id?: number;
      body?: string;
      html_url?: string;
      user?: { login?: string; type?: string } | null;
    };
  };
  if (!payload.repository) return undefined;
  const octokit = context.octokit as unknown as Octokit;
  const log = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => context.log[level](message);
  const coordinates = context.repo();
  try {
    return await createBotContext(
      {
        octokit,
        coordinates,
        defaultBranch: payload.repository.default_branch ?? 'main',
        sender: payload.sender?.login ?? '',
        readConfig: () => context.config('lockstep.yml'),
        log,
      },
      deps,
    );
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const sha = payload.pull_request?.head?.sha;
    const { issue, comment } = payload;
    const command =
      issue?.number !== undefined && comment?.id !== undefined && comment.user?.type !== 'Bot'
        ? {
            issueNumber: issue.number,
            commentId: comment.id,
            body: comment.body ?? '',
            url: comment.html_url ?? '',
            author: comment.user?.login ?? '',
          }
        : undefined;
    await reportSettingsError(octokit, coordinates, { headSha: sha, command }, error, log);
    return undefined;
  }
}
