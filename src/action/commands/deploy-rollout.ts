import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Change } from '../../core/policy/classify.js';
import type { DeployDriver, DriverDeps, HealthCheckConfig, Log } from '../../deploy/driver.js';
import { runHealthCheck } from '../../deploy/health-check.js';
import type { DeploymentInfo, GitHubPort } from '../../github/github-port.js';

/** A Deployment still running: created, or in_progress/queued/pending, or with no status yet. */
const UNFINISHED = new Set([undefined, 'in_progress', 'queued', 'pending']);

/** How a rollout (driver, then health check) ended. */
export interface RolloutResult {
  ok: boolean;
  /** One line for the log, the Deployment status and the summary. */
  detail: string;
}

/** What a rollout of one manifest needs. */
export interface Rollout {
  environment: string;
  driver: DeployDriver;
  driverDeps: DriverDeps;
  healthCheck: HealthCheckConfig | undefined;
  /** Where the manifest file for the driver goes (RUNNER_TEMP on a runner). */
  tempDir: string | undefined;
  log: Log;
}

/** One manifest to roll out. */
export interface RolloutTarget {
  manifestText: string;
  digest: string;
  changes: readonly Change[];
  /** The deploy tag this deploy records (or restores, for a rollback). */
  tag: string;
  rollback: boolean;
}

/**
 * Steps 5 and 6: the driver deploys the manifest, written to a temporary file (the command driver
 * hands its path in LOCKSTEP_MANIFEST); then the health check, when the environment has one. A
 * driver that throws is a failed rollout, not a crash: the Deployment must still get its status.
 */
export async function rollOut(r: Rollout, target: RolloutTarget): Promise<RolloutResult> {
  const dir = await mkdtemp(join(r.tempDir ?? tmpdir(), 'lockstep-deploy-'));
  try {
    const manifestPath = join(dir, `${r.environment}.manifest.json`);
    await writeFile(manifestPath, target.manifestText, 'utf8');
    r.log(`${r.environment}: deploying ${target.digest} with the ${r.driver.name} driver`);
    let result: RolloutResult;
    try {
      result = await r.driver.deploy({ environment: r.environment, manifestPath, ...target, log: r.log });
    } catch (error) {
      result = { ok: false, detail: `${r.driver.name} driver failed: ${messageOf(error)}` };
    }
    r.log(`${r.environment}: ${r.driver.name} driver: ${result.detail}`);
    if (!result.ok || !r.healthCheck) return result;
    const health = await runHealthCheck(r.healthCheck, {
      root: r.driverDeps.root,
      env: r.driverDeps.env,
      target: { environment: r.environment, digest: target.digest, tag: target.tag },
      log: r.log,
      fetch: r.driverDeps.fetch,
      spawn: r.driverDeps.spawn,
      sleep: r.driverDeps.sleep,
      ...(r.driverDeps.killGraceMs !== undefined ? { killGraceMs: r.driverDeps.killGraceMs } : {}),
    });
    return health.healthy
      ? { ok: true, detail: `${result.detail}; healthy after ${health.attempts} check(s)` }
      : { ok: false, detail: `health check failed after ${health.attempts} attempt(s): ${health.detail}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Step 4: a GitHub Deployment of the environment at `sha`, in_progress with a link to the run. A
 * Lockstep Deployment of the same environment and commit left unfinished by a crashed earlier
 * attempt is closed first as an error, so no Deployment stays in_progress forever.
 */
export async function startDeployment(
  port: GitHubPort,
  input: { environment: string; sha: string; payload: unknown; description: string; logUrl?: string },
): Promise<number> {
  await settleLeftovers(port, input.environment, input.sha, 'error', 'superseded by a rerun');
  return createInProgress(port, input);
}

/** A Deployment, straight to in_progress (the rollback of a failed deploy: nothing to supersede). */
export async function createInProgress(
  port: GitHubPort,
  input: { environment: string; sha: string; payload: unknown; description: string; logUrl?: string },
): Promise<number> {
  const id = await port.createDeployment(input);
  await port.setDeploymentStatus(id, {
    state: 'in_progress',
    description: input.description,
    ...(input.logUrl ? { logUrl: input.logUrl } : {}),
  });
  return id;
}

/**
 * Gives every unfinished Deployment Lockstep made of `environment` at `sha` a final status; returns
 * how many. Others (GitHub's own for a job with `environment:`) are left alone.
 */
export async function settleLeftovers(
  port: GitHubPort,
  environment: string,
  sha: string,
  state: 'error' | 'success',
  description: string,
): Promise<number> {
  const earlier = await port.deployments(environment, { sha });
  const open = earlier.filter((d) => isLockstepDeployment(d) && UNFINISHED.has(d.state));
  for (const d of open) await port.setDeploymentStatus(d.id, { state, description });
  return open.length;
}

/**
 * Step 7: a Deployment Lockstep made of the environment after ours (another run that started
 * meanwhile), if any. Newest first, so anything listed before ours is newer; ours missing from the
 * page means at least a page of newer ones. Deployments Lockstep did not make do not count.
 */
export async function newerDeployment(
  port: GitHubPort,
  environment: string,
  ours: number,
): Promise<number | undefined> {
  // One call whatever the page size (no statuses): 10 leaves room for GitHub's own Deployments.
  const list = await port.deployments(environment, { limit: 10, states: false });
  const index = list.findIndex((d) => d.id === ours);
  const newer = index < 0 ? list.filter((d) => d.id > ours) : list.slice(0, index);
  return newer.find(isLockstepDeployment)?.id;
}

/**
 * Whether Lockstep made this Deployment: its payload (an object, or its JSON text) carries the
 * manifest `digest`. A job with `environment:` makes GitHub create its own Deployment of the
 * environment at the commit (actions/runner#2120); deploy must neither close it nor take it for
 * another deploy.
 */
export function isLockstepDeployment(d: Pick<DeploymentInfo, 'payload'>): boolean {
  let payload = d.payload;
  if (typeof payload === 'string') {
    try {
      payload = JSON.parse(payload);
    } catch {
      return false;
    }
  }
  if (typeof payload !== 'object' || payload === null) return false;
  const digest = (payload as Record<string, unknown>).digest;
  return typeof digest === 'string' && digest.startsWith('sha256:');
}

/** An error's message, a non-Error said as it is. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
