import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type E2eContext, finishE2e, startE2e } from './e2e-context.js';

describe('branch protection through @octokit/rest', () => {
  let ctx: E2eContext;
  beforeEach(async () => {
    ctx = await startE2e();
  });
  afterEach(() => finishE2e(ctx));

  const rules = {
    required_status_checks: { strict: true, contexts: ['lockstep/policy'] },
    enforce_admins: true,
    required_pull_request_reviews: {
      dismiss_stale_reviews: true,
      required_approving_review_count: 1,
      require_last_push_approval: true,
    },
    restrictions: null,
    lock_branch: true,
  };

  it('stores, reports and deletes protection', async () => {
    const octokit = ctx.as('acme');
    const put = await octokit.rest.repos.updateBranchProtection({ ...ctx.repo, branch: 'main', ...rules });
    expect(put.data.required_status_checks?.contexts).toEqual(['lockstep/policy']);

    const got = await octokit.rest.repos.getBranchProtection({ ...ctx.repo, branch: 'main' });
    expect(got.data).toMatchObject({
      required_status_checks: { strict: true, contexts: ['lockstep/policy'] },
      enforce_admins: { enabled: true },
      required_pull_request_reviews: {
        dismiss_stale_reviews: true,
        required_approving_review_count: 1,
        require_last_push_approval: true,
      },
      lock_branch: { enabled: true },
      allow_force_pushes: { enabled: false },
    });
    expect(got.data.restrictions).toBeUndefined();
    const checks = await octokit.rest.repos.getStatusChecksProtection({ ...ctx.repo, branch: 'main' });
    expect(checks.data.contexts).toEqual(['lockstep/policy']);

    const branch = await octokit.rest.repos.getBranch({ ...ctx.repo, branch: 'main' });
    expect(branch.data.protected).toBe(true);
    expect(branch.data.protection).toMatchObject({
      enabled: true,
      required_status_checks: { enforcement_level: 'everyone', contexts: ['lockstep/policy'] },
    });
    const branches = await octokit.rest.repos.listBranches(ctx.repo);
    expect(branches.data.map((b) => [b.name, b.protected])).toEqual([['main', true]]);

    const deleted = await octokit.rest.repos.deleteBranchProtection({ ...ctx.repo, branch: 'main' });
    expect(deleted.status).toBe(204);
    await expect(
      octokit.rest.repos.getBranchProtection({ ...ctx.repo, branch: 'main' }),
    ).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('Branch not protected'),
    });
    const after = await octokit.rest.repos.getBranch({ ...ctx.repo, branch: 'main' });
    expect(after.data).toMatchObject({
      protected: false,
      protection: { enabled: false, required_status_checks: { enforcement_level: 'off', contexts: [] } },
    });
  });

  it('binds only non-admins without enforce_admins, and toggles admin enforcement', async () => {
    const octokit = ctx.as('acme');
    await octokit.rest.repos.updateBranchProtection({
      ...ctx.repo,
      branch: 'main',
      ...rules,
      enforce_admins: false,
    });
    let branch = await octokit.rest.repos.getBranch({ ...ctx.repo, branch: 'main' });
    expect(branch.data.protection.required_status_checks?.enforcement_level).toBe('non_admins');
    await octokit.rest.repos.setAdminBranchProtection({ ...ctx.repo, branch: 'main' });
    branch = await octokit.rest.repos.getBranch({ ...ctx.repo, branch: 'main' });
    expect(branch.data.protection.required_status_checks?.enforcement_level).toBe('everyone');
  });

  it('answers 404 "Branch not protected" and "Branch not found"', async () => {
    const octokit = ctx.as('acme');
    await expect(
      octokit.rest.repos.getBranchProtection({ ...ctx.repo, branch: 'main' }),
    ).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('Branch not protected'),
    });
    await expect(
      octokit.rest.repos.deleteBranchProtection({ ...ctx.repo, branch: 'main' }),
    ).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('Branch not protected'),
    });
    await expect(
      octokit.rest.repos.updateBranchProtection({ ...ctx.repo, branch: 'nope', ...rules }),
    ).rejects.toMatchObject({ status: 404, message: expect.stringContaining('Branch not found') });
  });

  it('rejects a body without the required keys with 422 and records it', async () => {
    const octokit = ctx.as('acme');
    await expect(
      octokit.request('PUT /repos/{owner}/{repo}/branches/{branch}/protection', {
        ...ctx.repo,
        branch: 'main',
        enforce_admins: true,
      } as never),
    ).rejects.toMatchObject({ status: 422 });
    expect(ctx.fake.clearProblems().map((p) => p.kind)).toEqual(['rejected']);
  });

  it('takes exactly one of contexts and checks, as GitHub does, and keeps app pins and apps', async () => {
    const octokit = ctx.as('acme');
    const put: string = 'PUT /repos/{owner}/{repo}/branches/{branch}/protection';
    const base = { ...ctx.repo, branch: 'main', enforce_admins: false, required_pull_request_reviews: null };
    const app = ctx.fake.registerApp({ slug: 'ci-bot' });
    await octokit.request(put, {
      ...base,
      required_status_checks: { strict: false, checks: [{ context: 'ci/build', app_id: app.appId }] },
      restrictions: { users: ['acme'], teams: [], apps: ['ci-bot'] },
    });
    const got = await octokit.rest.repos.getBranchProtection({ ...ctx.repo, branch: 'main' });
    expect(got.data.required_status_checks?.checks).toEqual([{ context: 'ci/build', app_id: app.appId }]);
    expect(got.data.required_status_checks?.contexts).toEqual(['ci/build']);
    expect(got.data.restrictions?.apps?.map((a) => a.slug)).toEqual(['ci-bot']);
    await expect(
      octokit.request(put, {
        ...base,
        required_status_checks: { strict: false, contexts: ['ci/build'], checks: [{ context: 'ci/build' }] },
        restrictions: null,
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect(ctx.fake.clearProblems().map((p) => p.kind)).toEqual(['rejected']);
  });
});
