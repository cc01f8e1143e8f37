import { LockstepError } from '../../core/errors.js';
import { defaultDriverDeps } from '../../deploy/default-deps.js';
import { createDriver } from '../../deploy/driver.js';
import { inRepository } from '../../github/baseline.js';
import { DeployTagTakenError } from '../../github/deploy-tags.js';
import type { CommandResult } from '../result.js';
import { type ActionCommandRunner, type CommandContext, tagPrefixOf } from './context.js';
import { checkGate, type GateOutcome } from './deploy-gate.js';
import {
  type DeployRecordInput,
  type DeploySummaryInput,
  deploySummary,
  releaseBody,
  tagMessage,
} from './deploy-record.js';
import { failedSinceLastTag, redeploy } from './deploy-redeploy.js';
import {
  messageOf,
  newerDeployment,
  type Rollout,
  rollOut,
  settleLeftovers,
  startDeployment,
} from './deploy-rollout.js';

/**
 * `deploy` of one environment at GITHUB_SHA, in order:
 *
 * 1. Refuse drift, affected versions, expired waivers and a blocked verdict (the committed manifest
 *    against the last deploy tag), annotated like validate.
 * 2. needs-approval: the approvals of the pull request that brought the commit (deploy-gate.ts).
 * 3. Safety: (a) a commit older than the last deploy's is refused unless its manifest is an earlier
 *    deploy's (a rollback); (b) the digest the last tag already records is not deployed again: the run
 *    converges instead (release ensured, unfinished Deployments of this commit closed as success).
 * 4. A GitHub Deployment (payload: digest, tag, rollback), in_progress with the run's log link;
 *    unfinished ones of the same environment and commit (a crashed attempt) are closed as errors.
 *    Only Deployments whose payload carries a `digest` are Lockstep's: GitHub's own Deployment for a
 *    job with `environment:` is never closed, nor counted in step 7 (deploy-rollout.ts).
 * 5.-6. The driver, then the health check (deploy-rollout.ts).
 * 7. Concurrency: a Deployment of the environment created after ours means another run is deploying:
 *    ours ends as an error and no tag is taken. Workflows should also serialise deploys of an
 *    environment with `concurrency: { group: lockstep-deploy-<env>, cancel-in-progress: false }`
 *    (docs/); this check catches what the group cannot: runs of other workflows or repositories'
 *    copies of the workflow, and a cancelled-then-rerun job.
 * 8. Success: the annotated tag `<prefix>/<env>/<n>` on the commit (a number taken meanwhile fails the
 *    step: DeployTagTakenError), the release with the manifest attached, status success, outputs.
 * 9. Failure of the driver or health check: status failure; with rollback-on-failure, the last
 *    tag's manifest is redeployed as a new Deployment, and the step fails anyway.
 */
export const deployCommand: ActionCommandRunner = async (ctx) => {
  const sha = ctx.settings.sha;
  if (!sha) throw new LockstepError('E_USAGE', 'variable GITHUB_SHA is not set: deploy needs the commit');
  const gate = await checkGate(ctx, sha);
  const { entry, tags, evaluation } = gate;
  const fail = (failure: string, more: SummaryFacts = {}, outputs: Record<string, string> = {}) =>
    done(gate, failure, { ...more, headline: failure, ok: false }, outputs);
  if (gate.refusal) return fail(gate.refusal);
  const candidate = evaluation.candidate!;
  const change = evaluation.change!;
  const manifestText = entry.manifestSource!.text;
  const env = entry.name;
  const last = tags.at(-1);
  const digest = candidate.digest;

  const n = (last?.n ?? 0) + 1;
  const tag = `${tagPrefixOf(ctx)}/${env}/${n}`;
  const runnerEnv = ctx.env ?? {};
  const driverDeps = (ctx.driverDeps ?? defaultDriverDeps)(ctx.settings.root, runnerEnv);
  // Before any Deployment: a driver the config cannot run (no webhook secret) is an input error.
  const rollout: Rollout = {
    environment: env,
    driver: createDriver(entry.config.deploy, driverDeps),
    driverDeps,
    healthCheck: entry.config.deploy?.healthCheck,
    tempDir: runnerEnv.RUNNER_TEMP,
    log: (line) => ctx.io.info(line),
  };

  // 3b. Already deployed: a rerun after the tag was made converges instead of deploying twice.
  if (last && last.digest === digest) {
    // What runs is what the last Lockstep Deployment left: when it was a failed deploy of another
    // manifest (no rollback-on-failure, or that redeploy failed too), the target may still run the
    // failed one, so this manifest (the last tag's: a rollback PR merged after the failure) is
    // deployed again, as rollback-on-failure would have: a new Deployment, no new tag.
    const failed = await failedSinceLastTag(ctx.port, env, digest);
    if (failed) {
      const back = await redeploy(ctx, rollout, {
        text: manifestText,
        last,
        from: failed,
        failed: undefined,
        logUrl: ctx.settings.logUrl,
      });
      const headline = `${env} runs ${last.tag} again after the failed deploy ${failed}: ${back.detail}`;
      ctx.io.info(`${env}: ${headline}`);
      return back.ok
        ? done(
            gate,
            undefined,
            { headline, ok: true, tag: last.tag, deploymentId: back.deploymentId },
            {
              tag: last.tag,
              'deployment-id': String(back.deploymentId),
            },
          )
        : fail(`${env} not redeployed: ${back.detail}`, {
            deploymentId: back.deploymentId,
            rollout: back.detail,
          });
    }
    // The release describes that deploy: its change from the tag before it, not this "no change".
    const original = await checkGate(ctx, last.commit, tags.slice(0, -1));
    const record = recordInput(ctx, original.refusal ? gate : original, last.n, last.tag, last.commit);
    await ctx.port.upsertRelease(releaseOf(record, manifestText));
    const closed = await settleLeftovers(
      ctx.port,
      env,
      sha,
      'success',
      `${env} runs ${digest.slice(0, 19)} (${last.tag})`,
    );
    const headline = `${digest} is already deployed as ${last.tag}; nothing to deploy${closed ? ` (${closed} unfinished Deployment(s) closed)` : ''}`;
    ctx.io.info(`${env}: ${headline}`);
    return done(gate, undefined, { headline, ok: true, tag: last.tag }, { tag: last.tag });
  }

  const logUrl = ctx.settings.logUrl;
  const description = `Lockstep: ${env} ${digest.slice(0, 19)} as ${tag}`;
  // 4. The Deployment.
  const deploymentId = await startDeployment(ctx.port, {
    environment: env,
    sha,
    payload: { digest, tag, rollback: change.rollback },
    description,
    ...(logUrl ? { logUrl } : {}),
  });
  const status = (state: 'success' | 'failure' | 'error', text: string) =>
    ctx.port.setDeploymentStatus(deploymentId, { state, description: text, ...(logUrl ? { logUrl } : {}) });
  const outputs = { 'deployment-id': String(deploymentId) };
  try {
    // 5.-6. Driver and health check.
    const outcome = await rollOut(rollout, {
      manifestText,
      digest,
      changes: change.changes,
      tag,
      rollback: change.rollback,
    });
    if (!outcome.ok) {
      await status('failure', outcome.detail);
      const failure = `${env} not deployed: ${outcome.detail}`;
      if (!ctx.settings.rollbackOnFailure || !last)
        return fail(
          failure + (ctx.settings.rollbackOnFailure ? ' (no earlier deploy to roll back to)' : ''),
          { deploymentId, rollout: outcome.detail },
          outputs,
        );
      // 9. Redeploy the last good tag. No new tag: a tag records a deploy of a commit that passed the
      // policy gate, and the last tag already records this manifest on its commit. Without a new tag,
      // "the last tag is what runs" stays true, the next deploy is judged against it as before, and
      // a rerun of this run tries the requested deploy again (SPEC 6's one tag per successful deploy
      // counts the deploys asked for; this one failed).
      const text = await gate.lastReader?.read(
        inRepository(ctx.settings.rootInWorkspace, entry.manifestPath),
      );
      const back: { ok: boolean; detail: string; deploymentId?: number } =
        text === undefined
          ? { ok: false, detail: `${entry.manifestPath} is missing at ${last.tag}` }
          : await redeploy(ctx, rollout, { text, last, from: tag, failed: candidate, logUrl });
      ctx.io.info(`${env}: rollback to ${last.tag} ${back.ok ? 'succeeded' : 'failed'}: ${back.detail}`);
      return fail(
        `${failure}; rolled back to ${last.tag}: ${back.ok ? 'succeeded' : `failed too (${back.detail})`}`,
        { deploymentId, rollout: outcome.detail, rollback: { to: last.tag, ...back } },
        { ...outputs, ...(back.ok ? { 'rolled-back-to': last.tag } : {}) },
      );
    }
    // 7. Concurrency.
    const newer = await newerDeployment(ctx.port, env, deploymentId);
    if (newer !== undefined) {
      const why = `another deploy of ${env} started meanwhile (deployment ${newer})`;
      await status('error', why);
      return fail(
        `${env} not tagged: ${why}; its run decides what ${env} runs`,
        { deploymentId, rollout: outcome.detail },
        outputs,
      );
    }
    // 8. Tag, release, success.
    const record = recordInput(ctx, gate, n, tag, sha);
    try {
      await ctx.port.createDeployTag({ tag, commit: sha, message: tagMessage(record) });
    } catch (error) {
      if (!(error instanceof DeployTagTakenError)) throw error;
      await status('error', `${tag} was taken by another deploy`);
      return fail(
        `${env} not tagged: ${error.message.replace(/:? ?another deploy took.*$/, '')}: another deploy of ${env} took that number meanwhile; rerun the workflow to deploy after it`,
        { deploymentId, rollout: outcome.detail },
        outputs,
      );
    }
    await ctx.port.upsertRelease(releaseOf(record, manifestText));
    await status('success', `${env} runs ${digest.slice(0, 19)} (${tag})`);
    const headline = `deployed ${digest} as ${tag}${change.rollback ? ` (rollback to ${change.rollbackTo})` : ''}`;
    ctx.io.info(`${env}: ${headline}`);
    return done(
      gate,
      undefined,
      { headline, ok: true, tag, deploymentId, rollout: outcome.detail },
      { ...outputs, tag },
    );
  } catch (error) {
    // GitHub failed mid-deploy: say so on the Deployment if GitHub still answers (if not, the
    // rerun closes it as superseded), and fail the step with the original error.
    await status('error', `Lockstep failed: ${messageOf(error)}`).catch(() => undefined);
    throw error;
  }
};

type SummaryFacts = Omit<DeploySummaryInput, 'result' | 'ok' | 'headline' | 'approvals'>;

/** The command's result: the environment's line, its own outputs and the deploy's job summary. */
function done(
  gate: GateOutcome,
  failure: string | undefined,
  summary: Omit<DeploySummaryInput, 'result' | 'approvals'>,
  outputs: Record<string, string>,
): CommandResult {
  return {
    command: 'deploy',
    environments: [gate.result],
    ...(failure !== undefined ? { failure } : {}),
    // Every declared output is set, empty when it does not apply, so `if:` tests read cleanly.
    outputs: { tag: '', 'deployment-id': '', 'rolled-back-to': '', ...outputs },
    summary: deploySummary({
      ...summary,
      result: gate.result,
      ...(gate.approvals ? { approvals: gate.approvals } : {}),
    }),
  };
}

/** What the tag and the release record of this deploy. */
function recordInput(
  ctx: CommandContext,
  gate: GateOutcome,
  n: number,
  tag: string,
  sha: string,
): DeployRecordInput {
  const { evaluation } = gate;
  return {
    environment: gate.entry.name,
    n,
    tag,
    sha,
    manifest: evaluation.candidate!,
    change: evaluation.change!,
    verdict: evaluation.verdict!,
    ...(gate.approvals ? { approvals: gate.approvals } : {}),
    ...(ctx.settings.runUrl ? { runUrl: ctx.settings.runUrl } : {}),
  };
}

/** The release of a deploy tag: named `<env> #<n>`, the manifest attached as `<env>.manifest.json`. */
function releaseOf(record: DeployRecordInput, manifestText: string) {
  return {
    tag: record.tag,
    name: `${record.environment} #${record.n}`,
    body: releaseBody(record),
    assets: [
      { name: `${record.environment}.manifest.json`, contentType: 'application/json', content: manifestText },
    ],
  };
}
