import { InputError, ResolveError } from '../../src/core/errors.js';
import { readPullState } from '../../src/github/graphql-pull.js';
import { findMarkedComments } from '../../src/github/marked-comment.js';
import type { BotContext } from '../bot-context.js';
import { evaluateAt, type RefPlan } from '../evaluate-ref.js';
import { touchesLockstep } from '../touches-lockstep.js';
import { type OwnRun, ownCheckRuns, POLICY_CHECK, writeCheckRun } from './check-runs.js';
import { judgePull } from './judge-pull.js';
import { ownAppId } from './own-app.js';
import {
  PLAN_MARKER,
  type PlanCommentState,
  planCommentBody,
  retirePlanComment,
  writePlanComment,
} from './plan-comment.js';
import type { PolicyData } from './policy-data.js';
import { invalidPolicyOutput, policyOutput, untouchedPolicyOutput } from './policy-output.js';
import { pullFiles } from './pull-files.js';
import type { PullRef } from './pull-ref.js';
import { settleApproval } from './settle-approval.js';

const short = (sha: string) => sha.slice(0, 7);

/**
 * The `lockstep/policy` check run, the plan comment and `lockstep/approval` of a pull request's head
 * (pull_request opened, synchronize, reopened):
 * 1. read the pull request (head, files, reviews, plan comment: one GraphQL request) and the bot's
 *    check runs on the head (one round trip);
 * 2. no Lockstep file changed: both checks pass at once, nothing is loaded;
 * 3. judge every environment at the head (evaluateAt: two GraphQL requests), or report invalid files;
 * 4. write the policy run, the approval run and the plan comment together (the approval count then
 *    checks the reviews once more, see settle-approval.ts).
 */
export async function checkPull(ctx: BotContext, pull: PullRef): Promise<void> {
  const appId = await ownAppId(ctx);
  const [state, runs] = await Promise.all([
    readPullState(ctx.octokit, ctx.coordinates, pull.number, PLAN_MARKER),
    ownCheckRuns(ctx, pull.headSha, appId),
  ]);
  // GraphQL lists neither a renamed file's old path nor over 100 files: REST does.
  const files = state.files ?? (await pullFiles(ctx, pull.number));
  const commentState = async (): Promise<PlanCommentState> => ({
    existing:
      state.marked ?? (await findMarkedComments(ctx.octokit, ctx.coordinates, pull.number, PLAN_MARKER)),
    isHead: state.headSha === pull.headSha,
  });
  if (!touchesLockstep(ctx, files)) return untouched(ctx, pull, runs, commentState);

  // Read alongside the judgement; settleApproval reads the reviews again after writing.
  const comment = ctx.settings.bot.planComment ? commentState() : undefined;
  const reviews = state.reviews ? Promise.resolve(state.reviews) : ctx.port.reviews(pull.number);
  comment?.catch(() => undefined);
  reviews.catch(() => undefined);
  let plan: RefPlan;
  try {
    plan = await evaluateAt(ctx, pull.headSha);
  } catch (error) {
    if (!(error instanceof InputError || error instanceof ResolveError)) throw error;
    return invalid(ctx, pull, runs, error, commentState);
  }
  const judgement = judgePull(plan, files);
  const data: PolicyData = { sha: pull.headSha, state: 'judged', needs: judgement.needs };
  const [read, readComment] = await Promise.all([reviews, comment]);
  await Promise.all([
    writeCheckRun(ctx, pull.headSha, POLICY_CHECK, runs, policyOutput(pull, judgement, ctx.sender)),
    settleApproval(ctx, pull, data, runs, read),
    readComment && writePlanComment(ctx, pull, readComment, planCommentBody(pull, judgement, ctx.sender)),
  ]);
}

/** Changes no Lockstep file: both checks pass (branch protection may require them), nothing loaded. */
async function untouched(
  ctx: BotContext,
  pull: PullRef,
  runs: readonly OwnRun[],
  comment: () => Promise<PlanCommentState>,
): Promise<void> {
  const dirs = [ctx.settings.catalogDir, ctx.settings.environmentsDir, '.github/lockstep.yml'];
  await Promise.all([
    writeCheckRun(ctx, pull.headSha, POLICY_CHECK, runs, untouchedPolicyOutput(pull, ctx.sender, dirs)),
    settleApproval(ctx, pull, { sha: pull.headSha, state: 'untouched', needs: [] }, runs),
    ctx.settings.bot.planComment
      ? retirePlanComment(
          ctx,
          await comment(),
          `Lockstep: at \`${short(pull.headSha)}\` this pull request no longer changes Lockstep files; there is nothing to plan.`,
        )
      : undefined,
  ]);
}

/**
 * The files at the head cannot be judged: `lockstep/policy` fails with every problem on its line.
 * Nothing else is written: no approval can be counted without a verdict (a required
 * `lockstep/approval` stays pending), and a plan comment from an earlier push only says the plan is gone.
 */
async function invalid(
  ctx: BotContext,
  pull: PullRef,
  runs: readonly OwnRun[],
  error: InputError | ResolveError,
  comment: () => Promise<PlanCommentState>,
): Promise<void> {
  await Promise.all([
    writeCheckRun(ctx, pull.headSha, POLICY_CHECK, runs, invalidPolicyOutput(pull, error, ctx.sender)),
    ctx.settings.bot.planComment
      ? retirePlanComment(
          ctx,
          await comment(),
          `Lockstep could not plan \`${short(pull.headSha)}\`: its Lockstep files are invalid. See the \`lockstep/policy\` check for each problem and what to do.`,
        )
      : undefined,
  ]);
}
