import { type MarkedComment, upsertMarkedComment } from '../../src/github/marked-comment.js';
import type { BotContext } from '../bot-context.js';
import type { PullJudgement } from './judge-pull.js';
import {
  detailed,
  environmentSection,
  environmentTable,
  fitMarkdown,
  scopeLine,
  todoLines,
} from './plan-markdown.js';
import type { PullRef } from './pull-ref.js';

/** The hidden marker of the one plan comment of a pull request. */
export const PLAN_MARKER = '<!-- lockstep:plan -->';
/** GitHub refuses a comment body over 65,536 characters. */
const COMMENT_LIMIT = 65_536;

const short = (sha: string) => sha.slice(0, 7);

/** The plan comment's text: the table, what to do, and the environments the pull request changes. */
export function planCommentBody(pull: PullRef, j: PullJudgement, sender: string): string {
  const head = [
    PLAN_MARKER,
    `### Lockstep plan for \`${short(j.sha)}\``,
    scopeLine(j),
    environmentTable(j),
    '**What to do**',
    todoLines(j, pull.author).join('\n'),
  ].join('\n\n');
  const footer = `<sub>Lockstep keeps this comment up to date on every push (last: \`${short(j.sha)}\`, after an event by @${sender}). The checks \`lockstep/policy\` and \`lockstep/approval\` hold the verdict; approvals are reviews of the latest commit by listed approvers, never the author's.</sub>`;
  return fitMarkdown(head, detailed(j).map(environmentSection), footer, COMMENT_LIMIT);
}

/** What writing the plan comment depends on, read alongside the judgement (one round trip). */
export interface PlanCommentState {
  /** The plan comments there are (one, unless two first deliveries raced). */
  existing: MarkedComment[];
  /** Whether the judged commit is still the pull request's head. */
  isHead: boolean;
}

/**
 * Creates or updates the pull request's plan comment, unless a newer commit was pushed meanwhile:
 * two pushes in quick succession are judged concurrently, and the older judgement must not overwrite
 * the newer one's comment (the newer delivery writes its own).
 */
export async function writePlanComment(
  ctx: BotContext,
  pull: PullRef,
  state: PlanCommentState,
  body: string,
): Promise<void> {
  if (!state.isHead) {
    ctx.log('info', `#${pull.number}: ${short(pull.headSha)} is no longer the head; plan comment left alone`);
    return;
  }
  await upsertMarkedComment(ctx.octokit, ctx.coordinates, pull.number, PLAN_MARKER, body, state.existing);
}

/**
 * Replaces an existing plan comment with `note` (the head is invalid, or no longer changes Lockstep
 * files), so it does not show a plan that no longer holds. Creates nothing.
 */
export async function retirePlanComment(
  ctx: BotContext,
  state: PlanCommentState,
  note: string,
): Promise<void> {
  const [existing] = state.existing;
  const body = `${PLAN_MARKER}\n${note}`;
  if (!existing || existing.body === body || !state.isHead) return;
  const { owner, repo } = ctx.coordinates;
  await ctx.octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
}
