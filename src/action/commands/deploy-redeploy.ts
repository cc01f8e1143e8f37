import { classifyChange } from '../../core/policy/classify.js';
import type { CommandContext } from './context.js';
import type { GateOutcome } from './deploy-gate.js';
import { createInProgress, isLockstepDeployment, type Rollout, rollOut } from './deploy-rollout.js';

/** The rollback-on-failure redeploy of the last tag's manifest, as its own Deployment. */
export async function redeploy(
  ctx: CommandContext,
  rollout: Rollout,
  r: {
    text: string;
    last: NonNullable<GateOutcome['tags'][number]>;
    from: string;
    failed: GateOutcome['evaluation']['candidate'];
    logUrl: string | undefined;
  },
): Promise<{ ok: boolean; detail: string; deploymentId: number }> {
  const env = rollout.environment;
  const deploymentId = await createInProgress(ctx.port, {
    environment: env,
    sha: r.last.commit,
    payload: { digest: r.last.digest, rollback: true, from: r.from, to: r.last.tag },
    description: `Lockstep: ${env} back to ${r.last.tag} after a failed deploy`,
    ...(r.logUrl ? { logUrl: r.logUrl } : {}),
  });
  const manifest = JSON.parse(r.text) as NonNullable<GateOutcome['evaluation']['candidate']>;
  const outcome = await rollOut(rollout, {
    manifestText: r.text,
    digest: r.last.digest,
    changes: r.failed ? classifyChange(r.failed, manifest).changes : [],
    tag: r.last.tag,
    rollback: true,
  });
  await ctx.port.setDeploymentStatus(deploymentId, {
    state: outcome.ok ? 'success' : 'failure',
    description: outcome.ok ? `${env} runs ${r.last.tag} again` : outcome.detail,
    ...(r.logUrl ? { logUrl: r.logUrl } : {}),
  });
  return { ...outcome, deploymentId };
}

/**
 * The deploy the environment's latest Lockstep Deployment attempted, when that attempt failed with
 * another manifest than `digest` (its tag, or its id); undefined when the latest one ran `digest` or
 * succeeded. One call for the Deployments and one per Deployment for its latest status (5 at most).
 */
export async function failedSinceLastTag(
  port: CommandContext['port'],
  environment: string,
  digest: string,
): Promise<string | undefined> {
  const latest = (await port.deployments(environment, { limit: 5 })).find(isLockstepDeployment);
  if (latest?.state !== 'failure') return undefined;
  const payload = latest.payload as { digest?: unknown; tag?: unknown };
  if (payload.digest === digest) return undefined;
  return typeof payload.tag === 'string' ? payload.tag : `deployment ${latest.id}`;
}
