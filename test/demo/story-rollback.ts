import { approve, comment, openPull, pushChange } from './people.js';
import { PEOPLE } from './setup.js';
import { botHears, numberIn, type StoryContext } from './steps.js';
import { mergeAndDeploy } from './story.js';
import { BROKEN_ANALYTICS } from './targets.js';
import { short } from './timeline.js';

/** analytics 1.2.1, as its release pipeline publishes it. */
const RELEASE_FILE = 'catalog/releases-2026-12.json';
const RELEASE = {
  apiVersion: 'lockstep/v1',
  kind: 'Catalog',
  suites: {
    analytics: [{ version: BROKEN_ANALYTICS, capabilities: { reporting: '^2.3.0', dashboards: '^1.2.0' } }],
  },
};

/** What acts 6 and 7 left behind. */
export interface RollbackOutcome {
  pulls: { release: number; rollback: number; devRollback: number };
  failedDeployment: number;
}

/** Acts 6 and 7: a release that fails staging's health check, and two rollbacks. */
export async function playRollback(ctx: StoryContext): Promise<RollbackOutcome> {
  const { release, failedDeployment, rollback } = await failedRelease(ctx);
  ctx.t.act('the rollbacks');
  await botHears(ctx, 'pull_request', 'opened', PEOPLE.bot, { pull: rollback, about: `PR #${rollback}` });
  // The plan says what runs does not change, and lockstep/approval that no approval is needed.
  await mergeAndDeploy(ctx, PEOPLE.sre, rollback);
  const devRollback = await rollBackDev(ctx, release);
  return { pulls: { release, rollback, devRollback }, failedDeployment };
}

/**
 * Act 6. dana publishes analytics 1.2.1 and recompiles dev and staging; two approvers approve, dana
 * merges. dev deploys; staging's health check fails, the Action redeploys deploy/staging/2
 * (`rollback-on-failure`), and the bot, told the Deployment failed, opens the rollback PR.
 */
async function failedRelease(
  ctx: StoryContext,
): Promise<{ release: number; failedDeployment: number; rollback: number }> {
  const { t, demo } = ctx;
  t.act(`analytics ${BROKEN_ANALYTICS}: a failed deploy, and a rollback PR`);
  const branch = 'release/analytics-1.2.1';
  const change = await pushChange(demo, PEOPLE.engineer, {
    branch,
    edits: { [RELEASE_FILE]: () => `${JSON.stringify(RELEASE, null, 2)}\n` },
    compile: ['dev', 'staging'],
    message: `catalog: analytics ${BROKEN_ANALYTICS}; recompile dev and staging`,
  });
  t.event(
    PEOPLE.engineer,
    `adds analytics ${BROKEN_ANALYTICS} to the catalog, runs lockstep compile dev staging, pushes`,
    `${branch} ${short(change.head)}`,
  );
  const pull = await openPull(demo, PEOPLE.engineer, {
    branch,
    title: `analytics ${BROKEN_ANALYTICS} for dev and staging`,
    body: `analytics ${BROKEN_ANALYTICS} fixes the export of large reports.`,
  });
  t.event(
    PEOPLE.engineer,
    `opens PR #${pull.number} "analytics ${BROKEN_ANALYTICS}"`,
    `PR #${pull.number} ${short(pull.head)}`,
  );
  await botHears(ctx, 'pull_request', 'opened', PEOPLE.engineer, { pull: pull.number });
  for (const login of [PEOPLE.approver, PEOPLE.sre]) {
    const review = await approve(demo, login, pull.number);
    t.event(login, `approves PR #${pull.number} at ${short(review.sha)}`, `review ${review.id}`);
    await botHears(ctx, 'pull_request_review', 'submitted', login, { pull: pull.number });
  }
  const before = new Set(demo.repo.pulls.list().map((p) => p.number));
  const jobs = await mergeAndDeploy(ctx, PEOPLE.engineer, pull.number);
  const failedDeployment = jobs.find((j) => j.result?.failure)?.deployments[0];
  if (failedDeployment === undefined)
    throw new Error(`the deploy of analytics ${BROKEN_ANALYTICS} to staging did not fail`);
  const rollback = demo.repo.pulls
    .list()
    .find((p) => !before.has(p.number) && p.head === 'lockstep/rollback/staging');
  if (!rollback) throw new Error('the bot opened no rollback pull request for the failed Deployment');
  return { release: pull.number, failedDeployment, rollback: rollback.number };
}

/**
 * Act 7, second half. dev runs analytics 1.2.1 too (it has no health check). dana asks the bot in the
 * release PR's conversation: `/lockstep rollback dev` (to the deploy before the last). The bot opens
 * the PR; merged, the Action deploys it, and the core sees a rollback to deploy/dev/1.
 */
async function rollBackDev(ctx: StoryContext, release: number): Promise<number> {
  const { t, demo } = ctx;
  const body = '/lockstep rollback dev';
  const id = await comment(demo, PEOPLE.engineer, release, body);
  t.event(
    PEOPLE.engineer,
    `comments on #${release}: ${body} (dev runs analytics ${BROKEN_ANALYTICS} too)`,
    `comment ${id}`,
  );
  const answers = await botHears(ctx, 'issue_comment', 'created', PEOPLE.engineer, {
    issue: release,
    comment: id,
  });
  const number = numberIn(answers, /^opens PR #\d+ "Roll back dev/);
  if (number === undefined) throw new Error('the bot opened no rollback pull request for dev');
  await botHears(ctx, 'pull_request', 'opened', PEOPLE.bot, { pull: number, about: `PR #${number}` });
  await mergeAndDeploy(ctx, PEOPLE.engineer, number);
  return number;
}
