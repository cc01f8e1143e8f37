import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type E2eContext, finishE2e, startE2e } from './e2e-context.js';

describe('collaborator permission and team membership through @octokit/rest', () => {
  let ctx: E2eContext;
  beforeEach(async () => {
    ctx = await startE2e();
    ctx.repoState.addCollaborator('alice', 'maintain');
    ctx.repoState.addCollaborator('bob', 'triage');
    ctx.repoState.global.account('mallory');
    ctx.repoState.global.addTeamMember('acme', 'platform-owners', 'alice');
  });
  afterEach(() => finishE2e(ctx));

  it('reports role_name and the legacy permission of each collaborator', async () => {
    const octokit = ctx.as('lockstep-bot');
    const level = (username: string) =>
      octokit.rest.repos.getCollaboratorPermissionLevel({ ...ctx.repo, username }).then((r) => r.data);
    expect(await level('alice')).toMatchObject({
      permission: 'write',
      role_name: 'maintain',
      user: { login: 'alice', permissions: { admin: false, maintain: true, push: true } },
    });
    expect(await level('bob')).toMatchObject({ permission: 'read', role_name: 'triage' });
    expect(await level('acme')).toMatchObject({ permission: 'admin', role_name: 'admin' });
    expect(await level('mallory')).toMatchObject({ permission: 'none', role_name: 'none' });
    await expect(level('ghost')).rejects.toMatchObject({ status: 404 });
  });

  it('checks collaborators with 204 or 404', async () => {
    const octokit = ctx.as('lockstep-bot');
    const yes = await octokit.rest.repos.checkCollaborator({ ...ctx.repo, username: 'bob' });
    expect(yes.status).toBe(204);
    await expect(
      octokit.rest.repos.checkCollaborator({ ...ctx.repo, username: 'mallory' }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it('answers team membership for members, and 404 for others and unknown teams', async () => {
    const octokit = ctx.as('lockstep-bot');
    const membership = await octokit.rest.teams.getMembershipForUserInOrg({
      org: 'acme',
      team_slug: 'platform-owners',
      username: 'alice',
    });
    expect(membership.data).toMatchObject({ role: 'member', state: 'active' });
    await expect(
      octokit.rest.teams.getMembershipForUserInOrg({
        org: 'acme',
        team_slug: 'platform-owners',
        username: 'bob',
      }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      octokit.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'nobody', username: 'alice' }),
    ).rejects.toMatchObject({ status: 404 });
    const members = await octokit.rest.teams.listMembersInOrg({ org: 'acme', team_slug: 'platform-owners' });
    expect(members.data.map((m) => m.login)).toEqual(['alice']);
  });
});
