import { simpleUser } from '../github-objects.js';
import type { Permission } from '../state/repo-state.js';
import { GitHubError, type HandlerTable, notFound } from '../types.js';
import { apiBase, paginate, repoContext } from './handler-context.js';
import { teamId } from './protection.js';

const RANK: Record<Permission, number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

/** The legacy `permission` value GitHub reports: maintain shows as write, triage as read. */
const LEGACY: Record<Permission, string> = {
  none: 'none',
  read: 'read',
  triage: 'read',
  write: 'write',
  maintain: 'write',
  admin: 'admin',
};

/** The members of an org team, or GitHub's 404 when the org or team is unknown. */
function teamMembers(org: string, slug: string, teams: Map<string, Map<string, Set<string>>>): Set<string> {
  const members = teams.get(org.toLowerCase())?.get(slug);
  if (!members) throw notFound();
  return members;
}

/** Collaborator permission lookups and team membership. */
export const collaboratorHandlers: HandlerTable = {
  'repos/get-collaborator-permission-level': (req, state) => {
    const ctx = repoContext(req, state);
    const login = req.params.username ?? '';
    const account = state.accounts.get(login.toLowerCase());
    if (!account) throw new GitHubError(404, `${login} is not a user`);
    const permission = ctx.repo.permission(login);
    const has = (p: Permission) => RANK[permission] >= RANK[p];
    return {
      status: 200,
      body: {
        permission: LEGACY[permission],
        role_name: permission,
        user: {
          ...ctx.user(account.login),
          permissions: {
            admin: has('admin'),
            maintain: has('maintain'),
            push: has('write'),
            triage: has('triage'),
            pull: has('read'),
          },
          role_name: permission,
        },
      },
    };
  },
  'repos/check-collaborator': (req, state) => {
    const ctx = repoContext(req, state);
    if (ctx.repo.permission(req.params.username ?? '') === 'none') return { status: 404 };
    return { status: 204 };
  },
  'teams/get-membership-for-user-in-org': (req, state) => {
    const org = req.params.org ?? '';
    const slug = req.params.team_slug ?? '';
    const login = (req.params.username ?? '').toLowerCase();
    const members = teamMembers(org, slug, state.teams);
    if (![...members].some((m) => m.toLowerCase() === login)) throw notFound();
    const orgAccount = state.account(org, 'Organization');
    const url = `${apiBase(req)}/organizations/${orgAccount.id}/team/${teamId(org, slug)}/memberships/${req.params.username ?? ''}`;
    return { status: 200, body: { url, role: 'member', state: 'active' } };
  },
  'teams/list-members-in-org': (req, state) => {
    const members = teamMembers(req.params.org ?? '', req.params.team_slug ?? '', state.teams);
    const base = apiBase(req);
    // The fake does not model maintainers: everyone is a member, so role=maintainer lists nobody.
    const list =
      req.query.role === 'maintainer' ? [] : [...members].map((m) => simpleUser(state.account(m), base));
    return paginate(req, list);
  },
};
