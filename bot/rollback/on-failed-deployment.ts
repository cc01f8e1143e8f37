import { LockstepError } from '../../src/core/errors.js';
import { upsertMarkedComment } from '../../src/github/marked-comment.js';
import type { BotContext } from '../bot-context.js';
import { refusalOf } from './rollback-command.js';
import { planRollback, type RollbackPlan } from './rollback-plan.js';
import { advisoryLines, type FailedDeployment, holdReason } from './rollback-trigger.js';
import { writeRollback } from './write-rollback.js';

/** A deployment_status event's deployment and status, as app.ts passes them. */
export interface DeploymentEvent {
  id: number;
  environment: string;
  sha: string;
  state: string;
  description: string;
  url: string;
  /** The Deployment's payload: Lockstep's carry the manifest `digest`. */
  payload?: unknown;
  /** Who created the Deployment. */
  creator?: string;
}

/**
 * A failed deployment status of a Lockstep Deployment: opens (or updates) the rollback pull request
 * to the environment's last deploy tag, the last deploy that succeeded (tags are made only on
 * success), when `bot.rollbackOnFailure` is true. Ignored: other Deployments (no digest in the
 * payload), the `error` state (Lockstep uses it for superseded or interrupted runs, not for a failed
 * rollout), and a failed rollback (rolling back a rollback would bring back what was rolled away
 * from). What happened is said on the pull request that brought the failed commit, when there is one.
 */
export async function onFailedDeployment(ctx: BotContext, event: DeploymentEvent): Promise<void> {
  if (!ctx.settings.bot.rollbackOnFailure) return;
  const payload = lockstepPayload(event.payload);
  if (!payload || event.state !== 'failure') return;
  const failed: FailedDeployment = {
    id: event.id,
    environment: event.environment,
    sha: event.sha,
    state: event.state,
    description: event.description,
    url: event.url,
    creator: event.creator ?? 'unknown',
    digest: payload.digest,
    ...(payload.tag ? { tag: payload.tag } : {}),
  };
  const headline = failedHeadline(failed);
  const note = (text: string) => noteOnOrigin(ctx, failed, `${headline}\n\n${text}`);
  if (payload.rollback) {
    await note(
      `It was itself a rollback, so Lockstep does not roll it back automatically (that would bring back what was rolled away from). Decide what ${failed.environment} should run: \`/lockstep rollback ${failed.environment} to <tag>\`.`,
    );
    return;
  }
  const trigger = { kind: 'failure' as const, deployment: failed };
  let plan: RollbackPlan;
  try {
    plan = await planRollback(ctx, {
      environment: failed.environment,
      choice: { kind: 'last' },
      holdReason: (tags) => holdReason(trigger, tags),
    });
  } catch (error) {
    if (!(error instanceof LockstepError)) throw error;
    await note(`Lockstep did not roll ${failed.environment} back automatically: ${refusalOf(error)}`);
    return;
  }
  if (plan.to.digest === failed.digest) {
    await note(
      `It deployed the manifest of ${plan.to.tag}, ${failed.environment}'s last successful deploy, so there is no earlier good state to roll back to automatically. Name one: \`/lockstep rollback ${failed.environment} to <tag>\`.`,
    );
    return;
  }
  if (plan.affected.length) {
    await note(
      [
        `Lockstep did not roll ${failed.environment} back to ${plan.to.tag} automatically: its manifest carries versions affected by advisories ${failed.environment} enforces now:`,
        ...advisoryLines(plan.affected),
        '',
        `Only a listed approver of ${failed.environment} may force that: \`/lockstep rollback ${failed.environment} to ${plan.to.tag} --force\`. Nothing was changed.`,
      ].join('\n'),
    );
    return;
  }
  const written = await writeRollback(ctx, plan, trigger);
  await note(
    `Lockstep ${written.created ? 'opened' : 'updated'} #${written.number} to roll ${failed.environment} back to ${plan.to.tag} (\`${plan.to.digest}\`), its last successful deploy, because \`bot.rollbackOnFailure\` is true. Merging it deploys that manifest again through the normal deploy workflow (a new Deployment, no new tag).`,
  );
}

/** The payload of a Deployment Lockstep made (deploy.ts: digest, tag, rollback), or undefined. */
function lockstepPayload(
  payload: unknown,
): { digest: string; tag: string | undefined; rollback: boolean } | undefined {
  let value = payload;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.digest !== 'string' || !/^sha256:[a-f0-9]{64}$/.test(record.digest)) return undefined;
  return {
    digest: record.digest,
    tag: typeof record.tag === 'string' ? record.tag : undefined,
    rollback: record.rollback === true,
  };
}

/** What failed, with its link and who deployed it. */
function failedHeadline(d: FailedDeployment): string {
  const link = d.url ? `[deployment ${d.id}](${d.url})` : `deployment ${d.id}`;
  return `${link} of ${d.environment} (\`${d.digest}\`${d.tag ? ` as ${d.tag}` : ''}, commit \`${d.sha.slice(0, 7)}\`, created by @${d.creator}) ended in \`${d.state}\`${d.description ? `: "${d.description}"` : ''}.`;
}

/**
 * Says what the bot did about a failed deployment on the pull request that brought its commit (one
 * comment per deployment, updated on redelivery), and in the log; without such a pull request, only
 * in the log (the rollback pull request, when there is one, says it all).
 */
async function noteOnOrigin(ctx: BotContext, d: FailedDeployment, text: string): Promise<void> {
  ctx.log('info', `lockstep: ${text.replace(/\s+/g, ' ')}`);
  const pull = await ctx.port.pullForCommit(d.sha);
  if (!pull) return;
  const marker = `<!-- lockstep:failed-deployment:${d.id} -->`;
  await upsertMarkedComment(ctx.octokit, ctx.coordinates, pull.number, marker, `${marker}\n${text}`);
}
