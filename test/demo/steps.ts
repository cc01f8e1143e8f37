import type { DeliverOptions } from '../fake-github/index.js';
import { type Answer, changes, look } from './github-view.js';
import { type Demo, PEOPLE } from './setup.js';
import { short, type Timeline } from './timeline.js';

/** Shared by the acts. */
export interface StoryContext {
  demo: Demo;
  t: Timeline;
  /** Deploy tags the Action created, in order. */
  tags: string[];
  /** Workflow runs so far (their ids appear in Deployment log links). */
  runs: number;
}

/** A webhook, as the timeline names it: `pull_request.opened`. */
function eventName(event: string, action: string | undefined): string {
  return action === undefined ? event : `${event}.${action}`;
}

/**
 * GitHub delivers `event` to the Lockstep app (a signed POST to its webhook URL); the timeline then
 * shows everything the bot changed on GitHub in answer, read from what GitHub holds afterwards.
 */
export async function botHears(
  ctx: StoryContext,
  event: string,
  action: string | undefined,
  sender: string,
  more: Partial<DeliverOptions> & { about?: string } = {},
): Promise<Answer[]> {
  const { about, ...options } = more;
  const before = look(ctx.demo.repo);
  const delivery = await ctx.demo.deliver(event, action, sender, options);
  const answers = changes(before, look(ctx.demo.repo), PEOPLE.bot);
  ctx.t.event(
    'github',
    `webhook ${eventName(event, action)}${about ? ` (${about})` : ''} -> Lockstep app`,
    `delivery ${Number(delivery.deliveryId.slice(-12))}`,
  );
  for (const a of answers) {
    ctx.t.event(PEOPLE.bot, a.what, a.ids);
    for (const line of a.details ?? []) ctx.t.detail(line);
  }
  if (answers.length === 0) ctx.t.detail('(the bot had nothing to change)');
  return answers;
}

/** The push webhook for main's new head `after` (the previous head `before`). */
export function pushHeard(
  ctx: StoryContext,
  pusher: string,
  before: string,
  after: string,
): Promise<Answer[]> {
  return botHears(ctx, 'push', undefined, pusher, {
    before,
    after,
    about: `main ${short(before)}..${short(after)}`,
  });
}

/** The number in an answer's ids (`PR #4 abc1234` -> 4), for the answer that matches `what`. */
export function numberIn(answers: readonly Answer[], what: RegExp): number | undefined {
  const answer = answers.find((a) => what.test(a.what));
  const n = answer ? /#(\d+)/.exec(answer.ids)?.[1] : undefined;
  return n === undefined ? undefined : Number(n);
}
