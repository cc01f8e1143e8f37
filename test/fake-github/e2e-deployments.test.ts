import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type E2eContext, finishE2e, startE2e } from './e2e-context.js';

describe('deployments and deployment statuses through @octokit/rest', () => {
  let ctx: E2eContext;
  beforeEach(async () => {
    ctx = await startE2e();
  });
  afterEach(() => finishE2e(ctx));

  /** Creates a deployment of `ref` to production and reports in_progress then success. */
  async function deploy(ref: string, version: string) {
    const octokit = ctx.as('lockstep-bot');
    const created = await octokit.rest.repos.createDeployment({
      ...ctx.repo,
      ref,
      environment: 'production',
      required_contexts: [],
      auto_merge: false,
      payload: { version },
      description: `Deploy ${version}`,
    });
    if (created.status !== 201) throw new Error(`deployment not created: ${created.status}`);
    const id = created.data.id;
    await octokit.rest.repos.createDeploymentStatus({
      ...ctx.repo,
      deployment_id: id,
      state: 'in_progress',
      log_url: `https://example.com/logs/${version}`,
    });
    await octokit.rest.repos.createDeploymentStatus({
      ...ctx.repo,
      deployment_id: id,
      state: 'success',
      environment_url: 'https://app.example.com',
    });
    return created.data;
  }

  it('records a deployment with its statuses newest first', async () => {
    const deployment = await deploy('main', '1.0.0');
    expect(deployment).toMatchObject({
      sha: ctx.initialSha,
      ref: 'main',
      environment: 'production',
      payload: { version: '1.0.0' },
      creator: { login: 'lockstep-bot' },
    });
    const statuses = await ctx.as('acme').rest.repos.listDeploymentStatuses({
      ...ctx.repo,
      deployment_id: deployment.id,
    });
    expect(statuses.data.map((s) => s.state)).toEqual(['success', 'in_progress']);
    expect(statuses.data[0]?.environment_url).toBe('https://app.example.com');
    expect(statuses.data[1]?.log_url).toBe('https://example.com/logs/1.0.0');
  });

  it('lists deployments newest first and marks the older one inactive after a newer success', async () => {
    const octokit = ctx.as('acme');
    const first = await deploy('main', '1.0.0');
    await octokit.rest.git.createRef({ ...ctx.repo, ref: 'refs/tags/v1.1.0', sha: ctx.initialSha });
    const second = await deploy('v1.1.0', '1.1.0');

    const listed = await octokit.rest.repos.listDeployments({ ...ctx.repo, environment: 'production' });
    expect(listed.data.map((d) => d.id)).toEqual([second.id, first.id]);

    const older = await octokit.rest.repos.listDeploymentStatuses({ ...ctx.repo, deployment_id: first.id });
    expect(older.data.map((s) => s.state)).toEqual(['inactive', 'success', 'in_progress']);
    const newer = await octokit.rest.repos.listDeploymentStatuses({ ...ctx.repo, deployment_id: second.id });
    expect(newer.data[0]?.state).toBe('success');

    const byRef = await octokit.rest.repos.listDeployments({ ...ctx.repo, ref: 'v1.1.0' });
    expect(byRef.data.map((d) => d.id)).toEqual([second.id]);
  });

  it('keeps an older deployment active when the newer one fails', async () => {
    const octokit = ctx.as('lockstep-bot');
    const first = await deploy('main', '1.0.0');
    const failed = await octokit.rest.repos.createDeployment({
      ...ctx.repo,
      ref: 'main',
      environment: 'production',
      required_contexts: [],
    });
    if (failed.status !== 201) throw new Error('deployment not created');
    await octokit.rest.repos.createDeploymentStatus({
      ...ctx.repo,
      deployment_id: failed.data.id,
      state: 'failure',
    });
    const older = await octokit.rest.repos.listDeploymentStatuses({ ...ctx.repo, deployment_id: first.id });
    expect(older.data[0]?.state).toBe('success');
  });

  it('refuses a deployment while a required status is not green (409) and for an unknown ref (422)', async () => {
    const octokit = ctx.as('lockstep-bot');
    await octokit.rest.repos.createCommitStatus({
      ...ctx.repo,
      sha: ctx.initialSha,
      state: 'pending',
      context: 'lockstep/policy',
    });
    await expect(
      octokit.rest.repos.createDeployment({ ...ctx.repo, ref: 'main', environment: 'production' }),
    ).rejects.toMatchObject({ status: 409, message: expect.stringContaining('Conflict') });
    await expect(
      octokit.rest.repos.createDeployment({ ...ctx.repo, ref: 'nope', required_contexts: [] }),
    ).rejects.toMatchObject({ status: 422 });
  });
});
