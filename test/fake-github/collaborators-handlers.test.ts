import { describe, expect, it } from 'vitest';
import { body, call, callError, seededState } from './handler-harness.js';
import { collaboratorHandlers as h } from './handlers/collaborators.js';

describe('collaborator and team handlers', () => {
  it('reports permission levels with role_name and the legacy permission', async () => {
    const { state, repo } = seededState();
    repo.collaborators.set('octocat', 'maintain');
    const res = body(
      await call(h, state, 'repos/get-collaborator-permission-level', { params: { username: 'octocat' } }),
    );
    expect(res).toMatchObject({
      permission: 'write',
      role_name: 'maintain',
      user: { login: 'octocat', permissions: { maintain: true, admin: false } },
    });
    const owner = body(
      await call(h, state, 'repos/get-collaborator-permission-level', { params: { username: 'acme' } }),
    );
    expect(owner).toMatchObject({ permission: 'admin' });
    expect(
      (
        await callError(h, state, 'repos/get-collaborator-permission-level', {
          params: { username: 'ghost' },
        })
      ).status,
    ).toBe(404);
  });

  it('checks collaborators with 204/404', async () => {
    const { state, repo } = seededState();
    repo.collaborators.set('octocat', 'read');
    expect(
      (await call(h, state, 'repos/check-collaborator', { params: { username: 'octocat' } })).status,
    ).toBe(204);
    expect(
      (await call(h, state, 'repos/check-collaborator', { params: { username: 'mallory' } })).status,
    ).toBe(404);
  });

  it('answers team membership and lists members; non-members are 404', async () => {
    const { state } = seededState();
    state.addTeamMember('acme', 'platform-owners', 'octocat');
    const params = { org: 'acme', team_slug: 'platform-owners' };
    const m = body(
      await call(h, state, 'teams/get-membership-for-user-in-org', {
        params: { ...params, username: 'octocat' },
      }),
    );
    expect(m).toMatchObject({ role: 'member', state: 'active' });
    expect(
      (
        await callError(h, state, 'teams/get-membership-for-user-in-org', {
          params: { ...params, username: 'mallory' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await callError(h, state, 'teams/list-members-in-org', { params: { org: 'acme', team_slug: 'nope' } }))
        .status,
    ).toBe(404);
    const members = body<Array<{ login: string }>>(
      await call(h, state, 'teams/list-members-in-org', { params }),
    );
    expect(members.map((u) => u.login)).toEqual(['octocat']);
  });
});
