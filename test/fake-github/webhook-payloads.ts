import { HTML_BASE, simpleUser } from './github-objects.js';
import type { RepoContext } from './handlers/handler-context.js';
import { commentObject, issueObject, labelsOn, pullIssueObject } from './handlers/issue-json.js';
import { pullFull, pullSimple, repositoryObject, reviewObject } from './handlers/pull-json.js';
import type { RepoState } from './state/repo-state.js';
import type { FakeState } from './state/store.js';
import type { Payload } from './webhook-examples.js';
import {
  webhookCheckRun,
  webhookCommit,
  webhookDeployment,
  webhookDeploymentStatus,
} from './webhook-objects.js';

/** What selects the fake's objects a payload describes; every field defaults to the newest matching one. */
export interface PayloadOptions {
  event: string;
  action?: string;
  /** The login the event is from; defaults to the repository owner. */
  sender?: string;
  /** Defaults to the one installation covering the repository, if any. */
  installationId?: number;
  /** pull_request, pull_request_review, and issue_comment on a pull request. */
  pull?: number;
  /** issue_comment on an issue. */
  issue?: number;
  /** issue_comment: the comment id (default: the newest on the issue or pull request). */
  comment?: number;
  /** pull_request_review: the review id (default: the newest on the pull request). */
  review?: number;
  /** push: the full ref (default refs/heads/<default branch>), before and after shas. */
  ref?: string;
  before?: string;
  after?: string;
  /** deployment_status: the deployment id (default: the newest); its newest status is sent. */
  deployment?: number;
  /** check_run: the check run id (default: the newest). */
  checkRun?: number;
  /** repository_dispatch: the client_payload (the event type is `action`). */
  clientPayload?: Record<string, unknown>;
}

/** The events whose payloads are rebuilt from the fake's state; others keep the example's objects. */
export const ADJUSTED_EVENTS = [
  'pull_request',
  'pull_request_review',
  'push',
  'issue_comment',
  'deployment_status',
  'check_run',
  'repository_dispatch',
] as const;

const ZERO_SHA = '0'.repeat(40);

/**
 * The example's keys with the fake's values where it has them: payloads keep GitHub's webhook shape
 * (which differs from REST in places) while ids, numbers, refs and users come from the fake.
 */
export function shapeLike(example: unknown, fresh: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(example as Record<string, unknown>) };
  for (const key of Object.keys(out)) if (key in fresh) out[key] = fresh[key];
  return out;
}

/** Points every API url and repository name of the example at the fake's repository. */
function rewriteUrls(example: Payload, base: string, repo: RepoState): Payload {
  const repository = example.repository as { full_name?: string } | undefined;
  let text = JSON.stringify(example).split('https://api.github.com').join(base);
  if (repository?.full_name) text = text.split(repository.full_name).join(repo.fullName);
  return JSON.parse(text) as Payload;
}

/** The installation covering `repo` when there is exactly one. */
function defaultInstallation(state: FakeState, repo: RepoState): number | undefined {
  const covering = [...state.apps.installations.values()].filter((i) =>
    i.repositories.has(repo.fullName.toLowerCase()),
  );
  return covering.length === 1 ? covering[0]?.id : undefined;
}

/** Adjusts GitHub's example payload to the fake's state (see ADJUSTED_EVENTS for what is rebuilt). */
export function adjustPayload(
  state: FakeState,
  ctx: RepoContext,
  example: Payload,
  options: PayloadOptions,
): Payload {
  const { repo } = ctx;
  const payload = rewriteUrls(example, ctx.base, repo);
  const { created_at: _c, updated_at: _u, pushed_at: _p, ...repository } = repositoryObject(ctx);
  const exampleRepo = payload.repository as Record<string, unknown> | undefined;
  payload.repository = shapeLike(exampleRepo ?? {}, repository);
  if (options.event === 'push' && exampleRepo)
    (payload.repository as Record<string, unknown>).owner = {
      ...shapeLike(exampleRepo.owner, simpleUser(repo.owner, ctx.base)),
      name: repo.owner.login,
    };
  const sender = state.account(options.sender ?? repo.owner.login);
  payload.sender = shapeLike(payload.sender ?? {}, simpleUser(sender, ctx.base));
  if (payload.organization !== undefined)
    payload.organization = shapeLike(payload.organization, simpleUser(repo.owner, ctx.base));
  const installationId = options.installationId ?? defaultInstallation(state, repo);
  if (installationId !== undefined)
    payload.installation = {
      id: installationId,
      node_id: Buffer.from(`0:Installation${installationId}`).toString('base64'),
    };
  const adjust = EVENT_ADJUSTERS[options.event];
  if (adjust) adjust(ctx, payload, options, sender.login);
  return payload;
}

type Adjuster = (ctx: RepoContext, payload: Payload, options: PayloadOptions, sender: string) => void;

function pullOf(ctx: RepoContext, options: PayloadOptions) {
  if (options.pull === undefined)
    throw new Error(`deliverWebhook: ${options.event} needs the \`pull\` number`);
  const pr = ctx.repo.pulls.get(options.pull);
  if (!pr) throw new Error(`deliverWebhook: ${ctx.repo.fullName} has no pull request #${options.pull}`);
  return pr;
}

const EVENT_ADJUSTERS: Record<string, Adjuster> = {
  pull_request(ctx, payload, options) {
    const pr = pullOf(ctx, options);
    payload.number = pr.number;
    payload.pull_request = shapeLike(payload.pull_request, {
      ...pullFull(ctx, pr),
      labels: labelsOn(ctx, pr.number),
    });
    if (options.action === 'synchronize') {
      const head = ctx.repo.pulls.headSha(pr);
      payload.after = options.after ?? head;
      payload.before = options.before ?? ctx.repo.git.commit(head)?.parents[0] ?? ZERO_SHA;
    }
  },

  pull_request_review(ctx, payload, options) {
    const pr = pullOf(ctx, options);
    const review =
      options.review === undefined ? pr.reviews.at(-1) : pr.reviews.find((r) => r.id === options.review);
    if (!review)
      throw new Error(`deliverWebhook: pull request #${pr.number} has no review ${options.review ?? ''}`);
    payload.pull_request = shapeLike(payload.pull_request, pullSimple(ctx, pr));
    payload.review = shapeLike(payload.review, reviewObject(ctx, pr, review));
  },

  push(ctx, payload, options, sender) {
    const { git } = ctx.repo;
    const ref = options.ref ?? `refs/heads/${ctx.repo.defaultBranch}`;
    const after = options.after ?? git.resolve(ref) ?? ZERO_SHA;
    const before =
      options.before ?? (after === ZERO_SHA ? ZERO_SHA : (git.commit(after)?.parents[0] ?? ZERO_SHA));
    // GitHub lists at most 20 commits, oldest first; head_commit is the pushed tip.
    const shas =
      after === ZERO_SHA ? [] : git.commitsBetween(before === ZERO_SHA ? undefined : before, after);
    const commits = shas.slice(-20).map((sha) => webhookCommit(ctx, sha));
    Object.assign(payload, {
      ref,
      before,
      after,
      created: before === ZERO_SHA,
      deleted: after === ZERO_SHA,
      forced: before !== ZERO_SHA && after !== ZERO_SHA && !git.isAncestor(before, after),
      base_ref: null,
      compare: `${HTML_BASE}/${ctx.repo.fullName}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
      commits,
      head_commit: after === ZERO_SHA ? null : webhookCommit(ctx, after),
      pusher: { name: sender, email: `${sender}@users.noreply.github.com` },
    });
  },

  issue_comment(ctx, payload, options) {
    const number = options.issue ?? options.pull;
    if (number === undefined)
      throw new Error('deliverWebhook: issue_comment needs the `issue` or `pull` number');
    const comments = ctx.repo.issues.commentsOn(number);
    const comment =
      options.comment === undefined ? comments.at(-1) : comments.find((c) => c.id === options.comment);
    if (!comment)
      throw new Error(`deliverWebhook: #${number} has no comment ${options.comment ?? ''}; add it first`);
    const pr = ctx.repo.pulls.get(number);
    // A pull request's issue view carries `pull_request`, which the example (an issue) lacks.
    payload.issue = pr
      ? {
          ...shapeLike(payload.issue, pullIssueObject(ctx, pr)),
          pull_request: pullIssueObject(ctx, pr).pull_request,
        }
      : shapeLike(payload.issue, issueObject(ctx, ctx.repo.issues.get(number)));
    payload.comment = shapeLike(payload.comment, commentObject(ctx, comment));
  },

  deployment_status(ctx, payload, options) {
    const all = ctx.repo.deployments.deployments;
    const deployment =
      options.deployment === undefined ? all.at(-1) : all.find((d) => d.id === options.deployment);
    const status = deployment?.statuses.at(-1);
    if (!deployment || !status)
      throw new Error(
        `deliverWebhook: no deployment ${options.deployment ?? ''} with a status in ${ctx.repo.fullName}`,
      );
    payload.deployment = shapeLike(payload.deployment, webhookDeployment(ctx, deployment));
    payload.deployment_status = shapeLike(
      payload.deployment_status,
      webhookDeploymentStatus(ctx, deployment, status),
    );
  },

  check_run(ctx, payload, options) {
    const runs = [...ctx.repo.checks.checkRuns.values()];
    const run = options.checkRun === undefined ? runs.at(-1) : runs.find((r) => r.id === options.checkRun);
    if (!run)
      throw new Error(`deliverWebhook: no check run ${options.checkRun ?? ''} in ${ctx.repo.fullName}`);
    const example = payload.check_run as Record<string, unknown>;
    payload.check_run = shapeLike(
      example,
      webhookCheckRun(ctx, run, (example.check_suite ?? {}) as Record<string, unknown>),
    );
  },

  repository_dispatch(ctx, payload, options) {
    payload.action = options.action ?? payload.action;
    payload.branch = ctx.repo.defaultBranch;
    payload.client_payload = options.clientPayload ?? {};
  },
};
