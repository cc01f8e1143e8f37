import { createRecord, deleteRecord, readRecord } from '../../src/github/record-refs.js';
import { statusOf } from '../../src/github/request-errors.js';
import type { BotContext } from '../bot-context.js';
import type { ProtectionBody } from './protection-body.js';

/** The protection a branch had before Lockstep first changed it for a freeze. */
export interface RememberedProtection {
  branch: string;
  /** The rules as the PUT body that sets them again; null: the branch was not protected. */
  before: ProtectionBody | null;
  /** When Lockstep first changed the protection (ISO 8601), and on which event. */
  since: string;
  why: string;
}

/** Where remembered protections live: one ref per branch. */
export const PROTECTION_PREFIX = 'refs/lockstep/protection/';

/** Where the remembered protection of a branch lives. */
export function protectionRef(branch: string): string {
  return `${PROTECTION_PREFIX}${branch}`;
}

/** The remembered protection of `branch`, if Lockstep changed it and has not restored it yet. */
export async function recallProtection(
  ctx: BotContext,
  branch: string,
): Promise<RememberedProtection | undefined> {
  return (await readRecord<RememberedProtection>(ctx.octokit, ctx.coordinates, protectionRef(branch)))?.data;
}

/**
 * Remembers the protection before the first change. Creating the ref is atomic: when two events race,
 * the one that loses gets the winner's memory back, so both go on from the same `before`.
 */
export async function rememberProtection(
  ctx: BotContext,
  memory: RememberedProtection,
): Promise<RememberedProtection> {
  const { record } = await createRecord(ctx.octokit, ctx.coordinates, {
    ref: protectionRef(memory.branch),
    title: `Lockstep: protection of ${memory.branch} before the freeze (${memory.why})`,
    data: memory,
  });
  return record.data;
}

/** Whether a memory exists (one call: the ref alone, not its record). */
export async function protectionRemembered(ctx: BotContext, branch: string): Promise<boolean> {
  try {
    await ctx.octokit.rest.git.getRef({
      ...ctx.coordinates,
      ref: protectionRef(branch).slice('refs/'.length),
    });
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}

/** Forgets the remembered protection once it is restored; false when a racing event did it already. */
export function forgetProtection(ctx: BotContext, branch: string): Promise<boolean> {
  return deleteRecord(ctx.octokit, ctx.coordinates, protectionRef(branch));
}
