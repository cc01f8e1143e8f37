import { LockstepError } from '../../src/core/errors.js';
import { pickRollbackTarget } from '../../src/core/rollback/pick-rollback-target.js';
import { digestTrailer } from '../../src/github/deploy-tags.js';
import type { DeployTag } from '../../src/github/github-port.js';
import type { BotContext } from '../bot-context.js';

/** Which deploy a rollback goes back to. */
export type TargetChoice =
  | { kind: 'previous' }
  | { kind: 'named'; to: string }
  /** The last deploy (after a failed deployment: the last one that succeeded). */
  | { kind: 'last' };

/** The last deploy of an environment, and the deploy a rollback restores. */
export interface RollbackTags {
  last: DeployTag;
  target: DeployTag;
}

/** How a user names another tag in a command, for messages. */
export const NAME_OPTION = '`to <tag>`';

/**
 * The last deploy and the rollback's target among an environment's deploy tags. `valid` are its
 * Lockstep deploy tags (annotated, with a digest trailer), oldest first; `names` every tag ref under
 * `<prefix>/<env>/`, to tell an unknown tag from one that is not a Lockstep tag. Refusals (unknown
 * tag, a tag of another environment, no earlier deploy) are usage errors.
 */
export function pickTags(
  valid: readonly DeployTag[],
  names: readonly string[],
  env: string,
  prefix: string,
  choice: TargetChoice,
): RollbackTags {
  const named = choice.kind === 'named' ? matching(names, prefix, env, choice.to) : undefined;
  if (choice.kind === 'named' && named === undefined) {
    const other = otherEnvironment(prefix, choice.to, env);
    const deploys = names.join(', ') || 'none';
    throw new LockstepError(
      'E_USAGE',
      other
        ? `${choice.to} is a deploy tag of ${other}, not of ${env}; name one of ${env}'s deploy tags (deploys: ${deploys})`
        : `no deploy '${choice.to}' of ${env} (deploys: ${deploys})`,
    );
  }
  const last = valid.at(-1);
  if (!last)
    throw new LockstepError(
      'E_USAGE',
      `${env} has no deploy yet (no ${prefix}/${env}/<n> deploy tag): there is nothing to roll back to`,
    );
  if (choice.kind === 'last') return { last, target: last };
  if (named === undefined) return { last, target: pickRollbackTarget(valid, undefined, env, NAME_OPTION) };
  const target = valid.find((t) => t.tag === named);
  if (!target)
    throw new LockstepError(
      'E_USAGE',
      `${named} is not a Lockstep deploy tag (an annotated tag with a Lockstep-Digest trailer); pick another with ${NAME_OPTION}`,
    );
  return { last, target };
}

/** The tag name `to` means among `names`: the name itself, or a deploy number (as the CLI's --to accepts). */
function matching(names: readonly string[], prefix: string, env: string, to: string): string | undefined {
  return names.find((n) => n === to || n === `${prefix}/${env}/${to}`);
}

/** The environment a deploy tag of another environment names, if `to` is one. */
function otherEnvironment(prefix: string, to: string, env: string): string | undefined {
  if (!to.startsWith(`${prefix}/`)) return undefined;
  const m = /^([^/]+)\/[1-9][0-9]*$/.exec(to.slice(prefix.length + 1));
  return m?.[1] !== undefined && m[1] !== env ? m[1] : undefined;
}

interface TagRef {
  tag: string;
  n: number;
  object: { sha: string; type: string };
}

/**
 * The REST way, for an environment with more deploy tags than one GraphQL page lists: one call lists
 * the tag refs, then only the tag objects needed (the last and the target) are read, at once. Only
 * when one of them is not a Lockstep tag are all read, to skip it as the port does.
 */
export async function rollbackTagsRest(
  ctx: BotContext,
  env: string,
  choice: TargetChoice,
): Promise<RollbackTags> {
  const prefix = ctx.settings.tagPrefix;
  const { owner, repo } = ctx.coordinates;
  const base = `${prefix}/${env}/`;
  const listed = await ctx.octokit.paginate(ctx.octokit.rest.git.listMatchingRefs, {
    owner,
    repo,
    ref: `tags/${base}`,
    per_page: 100,
  });
  const refs: TagRef[] = listed
    .map((r) => ({ tag: r.ref.replace(/^refs\/tags\//, ''), object: r.object }))
    .filter((r) => /^[1-9][0-9]*$/.test(r.tag.slice(base.length)))
    .map((r) => ({ ...r, n: Number(r.tag.slice(base.length)) }))
    .sort((a, b) => a.n - b.n);
  const names = refs.map((r) => r.tag);
  const named = choice.kind === 'named' ? matching(names, prefix, env, choice.to) : undefined;
  const wanted = [
    ...new Set(
      choice.kind === 'previous'
        ? refs.slice(-2)
        : [refs.at(-1), refs.find((r) => r.tag === named)].filter((r) => r !== undefined),
    ),
  ];
  let valid = await readTags(ctx, env, wanted);
  if (valid.length < wanted.length) valid = await readTags(ctx, env, refs);
  return pickTags(valid, names, env, prefix, choice);
}

/** The Lockstep deploy tags among `refs` (annotated, on a commit, with a digest trailer), by number. */
async function readTags(ctx: BotContext, env: string, refs: readonly TagRef[]): Promise<DeployTag[]> {
  const { owner, repo } = ctx.coordinates;
  const tags = await Promise.all(
    refs.map(async (r): Promise<DeployTag | undefined> => {
      if (r.object.type !== 'tag') return undefined;
      const { data } = await ctx.octokit.rest.git.getTag({ owner, repo, tag_sha: r.object.sha });
      const digest = digestTrailer(data.message);
      if (digest === undefined || data.object.type !== 'commit') return undefined;
      return { tag: r.tag, environment: env, n: r.n, commit: data.object.sha, digest };
    }),
  );
  return tags.filter((t): t is DeployTag => t !== undefined).sort((a, b) => a.n - b.n);
}
