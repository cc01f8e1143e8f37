import { join } from 'node:path';
import type { ActionIo } from '../../src/action/action-io.js';
import type { CommandResult } from '../../src/action/result.js';
import { run } from '../../src/action/run.js';
import type { Settings } from '../../src/action/settings.js';
import { fsReader } from '../../src/cli/fs-reader.js';
import { defaultDriverDeps } from '../../src/deploy/default-deps.js';
import { checkout } from './checkout.js';
import { DEMO_REPO, type Demo, NOW } from './setup.js';
import { PROD_EU_SECRET } from './targets.js';

/** What one step of the Action wrote to the runner. */
export interface StepLog {
  infos: string[];
  errors: string[];
  outputs: Record<string, string>;
  failures: string[];
}

/** One run of the Action's step, with what it logged and the Deployments it created. */
export interface ActionRun {
  result: CommandResult | undefined;
  log: StepLog;
  /** Ids of the Deployments created during the run, oldest first. */
  deployments: number[];
}

/** The link every Deployment status carries: the workflow run. */
const RUN_URL = `https://github.com/${DEMO_REPO.owner}/${DEMO_REPO.repo}/actions/runs`;

/**
 * One job of the deploy workflow (docs/workflows.md, "Deploy on merge"): the checkout of `sha`, then
 * the Action's step `command: deploy`, `environments: <env>`, `rollback-on-failure: true`, through
 * src/action/run.ts exactly as dist/action.js runs it, with the workflow token's GitHub adapter, the
 * secret of prod-eu's hook in the step's environment, and the drivers' outside world pointed at
 * acme's simulated targets. Health-check retries do not wait (the demo is not a clock).
 */
export async function runDeployStep(demo: Demo, env: string, sha: string, runId: number): Promise<ActionRun> {
  const workspace = await checkout(demo.repo, sha);
  const before = demo.repo.deployments.deployments.length;
  const log: StepLog = { infos: [], errors: [], outputs: {}, failures: [] };
  const io: ActionIo = {
    info: (message) => void log.infos.push(message),
    error: (message) => void log.errors.push(message),
    warning: () => {},
    setOutput: (name, value) => {
      log.outputs[name] = value;
    },
    setFailed: (message) => void log.failures.push(message),
    summary: async () => {},
  };
  const settings: Settings = {
    command: 'deploy',
    environments: [env],
    root: workspace.dir,
    rootInWorkspace: '',
    token: 'ghs_workflow_token',
    apiUrl: demo.fake.url,
    repository: { ...DEMO_REPO },
    sha,
    runUrl: `${RUN_URL}/${runId}`,
    logUrl: `${RUN_URL}/${runId}`,
    rollbackOnFailure: true,
    reportFormat: 'md',
    reportPath: join(workspace.dir, 'lockstep-report.md'),
    overdueDays: 7,
  };
  demo.targets.workspace = workspace.dir;
  try {
    const result = await run({
      settings,
      port: demo.actionPort,
      readerForWorkspace: fsReader,
      io,
      now: () => NOW,
      env: { LOCKSTEP_PROD_EU_SECRET: PROD_EU_SECRET, RUNNER_TEMP: workspace.dir },
      driverDeps: (root, vars) => ({
        ...defaultDriverDeps(root, vars),
        fetch: demo.targets.fetch,
        sleep: async () => {},
      }),
    });
    const deployments = demo.repo.deployments.deployments.slice(before).map((d) => d.id);
    return { result, log, deployments };
  } finally {
    await workspace.remove();
  }
}
