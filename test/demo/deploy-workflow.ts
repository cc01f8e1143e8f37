import { type ActionRun, runDeployStep } from './action-runner.js';
import { plain } from './github-view.js';
import { PEOPLE } from './setup.js';
import { botHears, type StoryContext } from './steps.js';
import { short } from './timeline.js';

/** One environment's job of a workflow run. */
export interface DeployJob extends ActionRun {
  env: string;
}

/** The step log lines worth a reader's eye: the driver, the health check, the rollback, the outcome. */
const TOLD =
  /^(directory driver|webhook attempt|health check|[a-z0-9-]+: (deployed|rollback to|.* already deployed))/;

/**
 * The deploy workflow on a push to main (docs/workflows.md): the `changes` job lists the environments
 * whose `environments/<name>.yaml` or `.manifest.json` the push changed (git diff before..after), and
 * one job per environment runs the Action's deploy. GitHub then sends the bot a `deployment_status`
 * webhook for each Deployment's final status (in_progress ones too on GitHub; the bot ignores those).
 */
export async function deployWorkflow(ctx: StoryContext, before: string, after: string): Promise<DeployJob[]> {
  const { demo, t } = ctx;
  ctx.runs += 1;
  const envs = [
    ...new Set(
      demo.repo.git
        .diff(before, after)
        .map((f) => /^environments\/([^/]+)\.(?:yaml|manifest\.json)$/.exec(f.filename)?.[1])
        .filter((env): env is string => env !== undefined)
        .filter((env) => demo.repo.git.readFile(after, `environments/${env}.yaml`) !== undefined),
    ),
  ].sort();
  if (envs.length === 0) {
    t.event(PEOPLE.action, `Lockstep deploy run ${ctx.runs} at ${short(after)}: no environment changed`);
    return [];
  }
  const jobs: DeployJob[] = [];
  for (const env of envs) {
    const job = { env, ...(await runDeployStep(demo, env, after, ctx.runs)) };
    jobs.push(job);
    tell(ctx, job, after);
    for (const id of job.deployments) {
      const deployment = demo.repo.deployments.get(id);
      const state = deployment.statuses.at(-1)?.state ?? 'none';
      await botHears(ctx, 'deployment_status', 'created', PEOPLE.action, {
        deployment: id,
        about: `${env} ${state}`,
      });
    }
  }
  return jobs;
}

/** The job's outcome on the timeline, with the step log's telling lines under it. */
function tell(ctx: StoryContext, job: DeployJob, sha: string): void {
  const { t } = ctx;
  const { result, log, env } = job;
  const tag = log.outputs.tag ?? '';
  const ids = job.deployments.map((id) => `Deployment ${id}`).join(', ');
  if (!result)
    throw new Error(`the Action's deploy of ${env} stopped on input errors: ${log.failures.join('; ')}`);
  if (result.failure) {
    t.event(PEOPLE.action, `deploy ${env} at ${short(sha)} FAILED`, ids);
  } else if (job.deployments.length === 0) {
    t.event(PEOPLE.action, `deploy ${env} at ${short(sha)}: already runs ${tag}, nothing to deploy`);
  } else {
    if (!tag) throw new Error(`the Action's deploy of ${env} succeeded without a tag`);
    ctx.tags.push(tag);
    const verdict = result.environments[0]?.verdict ?? '';
    const rollback = log.infos.map((l) => /\(rollback to (\S+)\)$/.exec(l)?.[1]).find(Boolean);
    t.event(
      PEOPLE.action,
      `deploy ${env} at ${short(sha)} (${rollback ? `rollback to ${rollback}, ` : ''}${verdict}): tag ${tag}, release "${env} #${tag.split('/').at(-1)}"`,
      ids,
    );
  }
  for (const line of log.infos.filter((l) => TOLD.test(l))) t.detail(plain(line));
  if (result.failure) t.detail(`step failed: ${plain(result.failure)}`);
}
