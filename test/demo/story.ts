import type { Manifest } from '../../src/core/generated/schema-types.js';
import { createGitHubPort } from '../../src/github/octokit-port.js';
import { deployWorkflow } from './deploy-workflow.js';
import { plain } from './github-view.js';
import { approve, merge, openPull, pushChange } from './people.js';
import { DEMO_REPO, type Demo, NOW, PEOPLE } from './setup.js';
import { botHears, pushHeard, type StoryContext } from './steps.js';
import { dashboardNumber, playIncidents } from './story-incidents.js';
import { playRollback } from './story-rollback.js';
import { type Log, short, Timeline } from './timeline.js';

/** What playStory needs: the running world, and where lines go. */
export interface StoryOptions {
  demo: Demo;
  log: Log;
}

/** What the story left behind, for the test to check against GitHub's state. */
export interface StoryResult {
  pulls: {
    update: number;
    catalog: number;
    security: number;
    release: number;
    rollback: number;
    devRollback: number;
  };
  /** Deploy tags the Action created, in order (the imported deploy/<env>/1 left out). */
  tags: string[];
  /** The staging Deployment whose health check failed. */
  failedDeployment: number;
  /** The Deployment Dashboard issue. */
  dashboard: number;
}

/**
 * The whole story on the fake GitHub. People act through the API with their own tokens; the bot is
 * bot/app.ts behind Probot's middleware, reached only by signed webhooks built from what GitHub holds;
 * the Action is src/action/run.ts, run as the deploy workflow's step on a checkout of the commit.
 */
export async function playStory(options: StoryOptions): Promise<StoryResult> {
  const { demo } = options;
  const ctx: StoryContext = { demo, t: new Timeline(options.log), tags: [], runs: 0 };
  options.log(`Lockstep demo: ${DEMO_REPO.owner}/${DEMO_REPO.repo} on a fake GitHub (test/fake-github)`);
  options.log(
    `The bot and the Action read the clock as ${NOW.toISOString()}; T+nn counts steps. "github" is GitHub sending a webhook.`,
  );
  await prologue(ctx);
  const update = await updatePull(ctx);
  ctx.t.act(`approvals on PR #${update}`);
  for (const login of [PEOPLE.approver, PEOPLE.manager]) {
    const review = await approve(demo, login, update);
    ctx.t.event(login, `approves PR #${update} at ${short(review.sha)}`, `review ${review.id}`);
    await botHears(ctx, 'pull_request_review', 'submitted', login, { pull: update });
  }
  ctx.t.act(`merge PR #${update}, and the Action deploys staging`);
  await mergeAndDeploy(ctx, PEOPLE.engineer, update);
  const incidents = await playIncidents(ctx);
  const rollback = await playRollback(ctx);
  return {
    pulls: { update, catalog: incidents.catalog, security: incidents.security, ...rollback.pulls },
    tags: ctx.tags,
    failedDeployment: rollback.failedDeployment,
    dashboard: epilogue(ctx),
  };
}

/** The Deployment Dashboard issue as the bot left it: its overview table. */
function epilogue(ctx: StoryContext): number {
  const number = dashboardNumber(ctx);
  ctx.t.act(`the Deployment Dashboard, issue #${number}`);
  const body = ctx.demo.repo.issues.get(number).body ?? '';
  for (const line of body.split('\n').filter((l) => l.startsWith('|') && !l.startsWith('| ---')))
    ctx.t.detail(plain(line));
  return number;
}

/**
 * Before the story: the three environments run the manifests committed in examples/. carol-ops records
 * that as each environment's first deploy tag with its release, through the same GitHub adapter the
 * Action uses, so the bot and the Action have a baseline. (The Action itself refuses to deploy a
 * needs-approval or frozen environment from a commit no reviewed pull request brought.)
 */
async function prologue(ctx: StoryContext): Promise<void> {
  const { t, demo } = ctx;
  t.act(`${DEMO_REPO.owner}/${DEMO_REPO.repo} as it runs today`);
  const main = demo.repo.git.branch('main') ?? '';
  t.event(
    DEMO_REPO.owner,
    'seeded from examples/ (catalog, dev, staging, prod-eu; bot settings)',
    `main ${short(main)}`,
  );
  const port = createGitHubPort(demo.as(PEOPLE.sre), DEMO_REPO);
  for (const env of ['dev', 'staging', 'prod-eu']) {
    const text = demo.repo.git.readFile(main, `environments/${env}.manifest.json`) ?? '';
    const { digest } = JSON.parse(text) as Manifest;
    const tag = `deploy/${env}/1`;
    await port.createDeployTag({
      tag,
      commit: main,
      message: `Deploy ${env} #1\n\nWhat ${env} ran when Lockstep was adopted.\n\nLockstep-Digest: ${digest}`,
    });
    await port.upsertRelease({
      tag,
      name: `${env} #1`,
      body: `What ${env} ran when Lockstep was adopted.\n\nLockstep-Digest: \`${digest}\`\n`,
      assets: [{ name: `${env}.manifest.json`, contentType: 'application/json', content: text }],
    });
    t.event(PEOPLE.sre, `records what ${env} runs: tag ${tag} and release "${env} #1"`, digest.slice(0, 19));
  }
}

/**
 * Act 1. dana lifts staging's analytics pin and adds a health check to its deploy, runs
 * `lockstep compile staging`, pushes a branch and opens the pull request; GitHub tells the bot.
 */
async function updatePull(ctx: StoryContext): Promise<number> {
  const { t, demo } = ctx;
  t.act('an update PR for staging');
  const branch = 'update/staging-analytics-1.2';
  const change = await pushChange(demo, PEOPLE.engineer, {
    branch,
    edits: {
      'environments/staging.yaml': (text) =>
        `${text.replace(/^pins:\n(?:[ #].*\n)+\n?/m, '')}\n${HEALTH_CHECK}`,
    },
    compile: ['staging'],
    message:
      'staging: lift the analytics pin, check health after rollouts\n\nFinance signed off the quarter.',
  });
  t.event(PEOPLE.engineer, 'removes pins.suites.analytics and adds deploy.healthCheck to staging.yaml');
  const digest = /sha256:[0-9a-f]{12}/.exec(change.compiled)?.[0] ?? '?';
  t.event(
    PEOPLE.engineer,
    `runs lockstep compile staging (manifest ${digest}), pushes the branch`,
    `${branch} ${short(change.head)}`,
  );
  const pull = await openPull(demo, PEOPLE.engineer, {
    branch,
    title: 'staging: analytics 1.2 (lift the pin)',
    body: 'Finance signed off the quarter-end reports; staging may take analytics 1.2. Adds a health check after rollouts.',
  });
  t.event(
    PEOPLE.engineer,
    `opens PR #${pull.number} "staging: analytics 1.2"`,
    `PR #${pull.number} ${short(pull.head)}`,
  );
  await botHears(ctx, 'pull_request', 'opened', PEOPLE.engineer, { pull: pull.number });
  return pull.number;
}

/** staging's health check: its analytics dashboards answer on /healthz once a rollout is done. */
const HEALTH_CHECK = `# Checked after every rollout: the analytics dashboards must answer.
deploy:
  healthCheck:
    url: https://staging.acme.example.com/healthz
    retries: 2
    intervalSeconds: 10
`;

/** A person merges; GitHub sends the push to the bot and runs the deploy workflow. */
export async function mergeAndDeploy(ctx: StoryContext, who: string, number: number) {
  const before = ctx.demo.repo.git.branch('main') ?? '';
  const after = await merge(ctx.demo, who, number);
  ctx.t.event(who, `merges PR #${number} into main`, `main ${short(after)}`);
  await pushHeard(ctx, who, before, after);
  return deployWorkflow(ctx, before, after);
}
