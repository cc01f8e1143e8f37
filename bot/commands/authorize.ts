import { statusOf } from '../../src/github/request-errors.js';
import type { BotContext } from '../bot-context.js';

/** A `@org/team` entry, split. */
function teamOf(entry: string): { org: string; slug: string } | undefined {
  const m = /^@([^/\s]+)\/([^/\s]+)$/.exec(entry);
  return m ? { org: m[1]!, slug: m[2]! } : undefined;
}

/**
 * Whether `login` is one of `entries` (logins, or `@org/team` entries meaning their members).
 * Logins are compared without case; each team costs one membership call, asked only when no
 * plain login matched.
 */
export async function isListed(ctx: BotContext, login: string, entries: readonly string[]): Promise<boolean> {
  const lower = login.toLowerCase();
  if (entries.some((e) => !e.startsWith('@') && e.toLowerCase() === lower)) return true;
  for (const entry of entries) {
    const team = teamOf(entry);
    if (!team) continue;
    try {
      const { data } = await ctx.octokit.rest.teams.getMembershipForUserInOrg({
        org: team.org,
        team_slug: team.slug,
        username: login,
      });
      if (data.state === 'active') return true;
    } catch (error) {
      // 404: not a member (or no such team, which the environment's validation reports elsewhere).
      if (statusOf(error) !== 404) throw error;
    }
  }
  return false;
}

/** Why a user may (or may not) command the bot. */
export interface Authorization {
  allowed: boolean;
  /** "write access", "listed in bot.commanders", or what they lack. */
  because: string;
}

/**
 * Who may use `/lockstep` commands: users with write, maintain or admin access to the repository,
 * and anyone listed in `bot.commanders` (logins or teams). Bots never command the bot.
 */
export async function authorizeCommander(ctx: BotContext, login: string): Promise<Authorization> {
  if (login.endsWith('[bot]')) return { allowed: false, because: 'commands from bots are ignored' };
  const { owner, repo } = ctx.coordinates;
  let permission = 'none';
  try {
    const { data } = await ctx.octokit.rest.repos.getCollaboratorPermissionLevel({
      owner,
      repo,
      username: login,
    });
    permission = data.role_name ?? data.permission;
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
  if (['admin', 'maintain', 'write'].includes(permission)) {
    return { allowed: true, because: `@${login} has ${permission} access` };
  }
  if (await isListed(ctx, login, ctx.settings.bot.commanders)) {
    return { allowed: true, because: `@${login} is listed in bot.commanders` };
  }
  return {
    allowed: false,
    because: `@${login} has ${permission} access and is not listed in \`bot.commanders\` of .github/lockstep.yml`,
  };
}
