import { changeTable } from '../../src/cli/render.js';
import { compileEnvironment } from '../../src/core/compile.js';
import { loadRepository } from '../../src/core/load/load-repository.js';
import { deployEnvironment } from './deploy-ops.js';
import { listDeployTags } from './deploy-tags.js';
import { gitHubReader, overlayReader, type RepoRef } from './github-reader.js';
import {
  approved,
  countApprovals,
  type EnvPlan,
  NOW,
  planAt,
  validators,
  verdictLine,
} from './policy-ops.js';
import { setApprovalStatus, setPolicyStatus, upsertPlanComment } from './pull-checks.js';
import {
  commitFiles,
  headOf,
  mergePull,
  type OctokitFor,
  type OpenedPull,
  openPull,
  resetBranch,
} from './repo-ops.js';
import { DEMO_REPO, PEOPLE } from './setup.js';
import { playIncidents } from './story-incidents.js';
import { type Log, short, Timeline } from './timeline.js';

/** What playStory needs: an Octokit per actor, the fake's URL (for the header), and where lines go. */
export interface StoryOptions {
  octokitFor: OctokitFor;
  fakeUrl: string;
  log: Log;
}

/** What the story left behind, for the test to check against GitHub's state. */
export interface StoryResult {
  pulls: { update: number; security: number; rollback: number };
  /** Deploy tags created, in order. */
  tags: string[];
  failedDeployment: number;
}

/** Shared by the acts. */
export interface StoryContext {
  as: OctokitFor;
  repo: RepoRef;
  t: Timeline;
  tags: string[];
}

/**
 * The whole story on the fake GitHub. Every decision comes from the core (compile, evaluate,
 * classify); every GitHub effect goes through @octokit/rest with the acting person's token.
 */
export async function playStory(options: StoryOptions): Promise<StoryResult> {
  const ctx: StoryContext = {
    as: options.octokitFor,
    repo: DEMO_REPO,
    t: new Timeline(options.log),
    tags: [],
  };
  options.log(`Lockstep demo: ${DEMO_REPO.owner}/${DEMO_REPO.repo} on a fake GitHub at ${options.fakeUrl}`);
  options.log(`The story's clock reads ${NOW.toISOString()}; T+nn counts steps.`);
  await prologue(ctx);
  const update = await updatePull(ctx);
  ctx.t.act(`the plan on PR #${update.number}`);
  await planOnPull(ctx, update, PEOPLE.bot);
  ctx.t.act(`approvals on PR #${update.number}`);
  await approve(ctx, update, [PEOPLE.approver, PEOPLE.manager]);
  ctx.t.act(`merge PR #${update.number} and deploy staging`);
  await mergeAndDeploy(ctx, update, PEOPLE.engineer, 'staging');
  const incidents = await playIncidents(ctx);
  return {
    pulls: { update: update.number, ...incidents.pulls },
    tags: ctx.tags,
    failedDeployment: incidents.failedDeployment,
  };
}

/**
 * The story starts from "first deploy": the three environments already run the manifests committed in
 * examples/, so the Action records each as deploy/<env>/1 with a Deployment and a Release. That gives
 * plan a baseline on GitHub (the tags), which the examples' .lockstep/ history cannot be there.
 */
async function prologue(ctx: StoryContext): Promise<void> {
  const { t, repo } = ctx;
  t.act('acme/platform-deploy as it runs today');
  const gh = ctx.as(PEOPLE.action);
  const main = await headOf(gh, repo, 'main');
  t.event(repo.owner, `seeded from examples/ (catalog, dev, staging, prod-eu)`, `main ${short(main)}`);
  // Until the Action lands: its deploy job, run once per environment on the imported commit.
  const plans = await planAt(gh, repo, main);
  for (const [env, plan] of plans) {
    t.event(PEOPLE.action, `first deploy of ${env}: ${plan.evaluation.change?.changes.length} items added`);
    ctx.tags.push(await deployed(ctx, env, main, plan, true, true));
  }
}

/**
 * Act 1. A release engineer lifts staging's analytics pin. The manifest is recompiled by the core and
 * committed with the config, as `lockstep compile` would on a laptop.
 */
async function updatePull(ctx: StoryContext): Promise<OpenedPull> {
  const { t, repo } = ctx;
  const gh = ctx.as(PEOPLE.engineer);
  t.act('an update PR for staging');
  const branch = 'update/staging-analytics-1.2';
  await resetBranch(gh, repo, branch, await headOf(gh, repo, 'main'));
  const configPath = 'environments/staging.yaml';
  const before = (await gitHubReader(gh, repo, branch).read(configPath)) ?? '';
  const config = before.replace(/^pins:\n(?:[ #].*\n)+/m, '');
  if (config === before) throw new Error(`${configPath} has no pins block to remove`);
  const reader = overlayReader(gitHubReader(gh, repo, branch), { [configPath]: config });
  const loaded = await loadRepository(reader, validators, { environments: ['staging'] });
  const entry = loaded.environments.get('staging')!;
  const compiled = compileEnvironment(entry, loaded.catalog, NOW);
  const files = { [configPath]: config, [entry.manifestPath]: compiled.text };
  const head = await commitFiles(
    gh,
    repo,
    branch,
    files,
    'staging: lift the analytics pin\n\nFinance signed off the quarter.',
  );
  t.event(PEOPLE.engineer, `removes pins.suites.analytics from ${configPath}`, `${branch} ${short(head)}`);
  t.event(
    PEOPLE.engineer,
    `recompiles staging: ${compiled.manifest.digest.slice(0, 19)}`,
    'staging.manifest.json',
  );
  const pull = await openPull(gh, repo, {
    head: branch,
    title: 'staging: analytics 1.2 (lift the pin)',
    body: 'Finance signed off the quarter-end reports; staging may take analytics 1.2.',
    author: PEOPLE.engineer,
  });
  t.event(
    PEOPLE.engineer,
    `opens PR #${pull.number} "staging: analytics 1.2"`,
    `PR #${pull.number} ${short(pull.headSha)}`,
  );
  return pull;
}

/**
 * Act 2 (and again on every auto-PR). Until the bot lands: the plan comment, computed by the core
 * against each environment's last deploy tag. Until the Action lands: lockstep/policy and
 * lockstep/approval on the head commit.
 */
export async function planOnPull(
  ctx: StoryContext,
  pull: OpenedPull,
  actor: string,
): Promise<Map<string, EnvPlan>> {
  const { t, repo } = ctx;
  const gh = ctx.as(actor);
  const plans = await planAt(gh, repo, pull.headSha);
  const comment = await upsertPlanComment(gh, repo, pull, plans);
  t.event(
    actor,
    `${comment.created ? 'posts' : 'updates'} the plan comment on PR #${pull.number}`,
    `comment ${comment.id}`,
  );
  for (const [env, plan] of plans) {
    t.detail(`${env.padEnd(8)} vs ${plan.baseline.ref.padEnd(18)} ${verdictLine(plan)}`);
    const changes = plan.evaluation.change?.changes ?? [];
    if (changes.length) t.detail(changeTable(changes));
  }
  const policy = await setPolicyStatus(gh, repo, pull.headSha, plans);
  t.event(
    actor,
    `lockstep/policy ${policy.state}: ${policy.description}`,
    `status on ${short(pull.headSha)}`,
  );
  const counts = await countApprovals(gh, repo, pull, plans);
  const approval = await setApprovalStatus(gh, repo, pull.headSha, counts);
  t.event(
    actor,
    `lockstep/approval ${approval.state}: ${approval.description}`,
    `status on ${short(pull.headSha)}`,
  );
  return plans;
}

/** Act 3. Each approver approves by review; the approval status is recomputed after each review. */
export async function approve(
  ctx: StoryContext,
  pull: OpenedPull,
  approvers: readonly string[],
): Promise<void> {
  const { t, repo } = ctx;
  const bot = ctx.as(PEOPLE.bot);
  const plans = await planAt(bot, repo, pull.headSha);
  for (const login of approvers) {
    const { data: review } = await ctx.as(login).rest.pulls.createReview({
      ...repo,
      pull_number: pull.number,
      commit_id: pull.headSha,
      event: 'APPROVE',
      body: 'Looks right to me.',
    });
    t.event(login, `approves PR #${pull.number} at ${short(review.commit_id ?? '')}`, `review ${review.id}`);
    // Until the bot lands: its pull_request_review handler recounts and updates the status.
    const counts = await countApprovals(bot, repo, pull, plans);
    const status = await setApprovalStatus(bot, repo, pull.headSha, counts);
    t.event(
      PEOPLE.bot,
      `lockstep/approval ${status.state}: ${status.description}`,
      `status on ${short(pull.headSha)}`,
    );
  }
}

/** Act 4 (and the auto-PRs). Merge, then the Action's deploy of each environment whose manifest changed. */
export async function mergeAndDeploy(
  ctx: StoryContext,
  pull: OpenedPull,
  merger: string,
  env: string,
): Promise<string> {
  const { t, repo } = ctx;
  const bot = ctx.as(PEOPLE.bot);
  const plans = await planAt(bot, repo, pull.headSha);
  const ok = approved(await countApprovals(bot, repo, pull, plans));
  const mergeSha = await mergePull(ctx.as(merger), repo, pull);
  t.event(merger, `merges PR #${pull.number} into main`, `main ${short(mergeSha)}`);
  // Until the Action lands: the deploy workflow on push to main, judged again at the merge commit.
  const plan = (await planAt(ctx.as(PEOPLE.action), repo, mergeSha)).get(env);
  if (!plan) throw new Error(`${env} is not an environment at ${short(mergeSha)}`);
  const tag = await deployed(ctx, env, mergeSha, plan, ok, false);
  ctx.tags.push(tag);
  return tag;
}

/** Deploys with a successful driver and returns the new tag. */
async function deployed(
  ctx: StoryContext,
  env: string,
  sha: string,
  plan: EnvPlan,
  ok: boolean,
  baseline: boolean,
): Promise<string> {
  const last = (await listDeployTags(ctx.as(PEOPLE.action), ctx.repo, env)).at(-1);
  if (last && last.digest === plan.evaluation.candidate?.digest) throw new Error(`${env}: nothing to deploy`);
  const outcome = await deployEnvironment(ctx.as(PEOPLE.action), ctx.repo, ctx.t, PEOPLE.action, {
    env,
    sha,
    plan,
    approved: ok,
    driver: { ok: true },
    baselineImport: baseline,
  });
  if (!outcome.tag) throw new Error(`${env}: the deploy left no tag`);
  return outcome.tag;
}
