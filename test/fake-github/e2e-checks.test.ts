import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type E2eContext, finishE2e, startE2e } from './e2e-context.js';

describe('commit statuses and check runs through @octokit/rest', () => {
  let ctx: E2eContext;
  beforeEach(async () => {
    ctx = await startE2e();
  });
  afterEach(() => finishE2e(ctx));

  it('combines the newest status of each context', async () => {
    const octokit = ctx.as('lockstep-bot');
    const sha = ctx.initialSha;
    const pending = await octokit.rest.repos.createCommitStatus({
      ...ctx.repo,
      sha,
      state: 'pending',
      context: 'lockstep/policy',
      description: 'Evaluating',
    });
    expect(pending.status).toBe(201);
    await octokit.rest.repos.createCommitStatus({ ...ctx.repo, sha, state: 'success', context: 'ci/build' });
    let combined = await octokit.rest.repos.getCombinedStatusForRef({ ...ctx.repo, ref: 'main' });
    expect(combined.data).toMatchObject({ state: 'pending', sha, total_count: 2 });

    await octokit.rest.repos.createCommitStatus({
      ...ctx.repo,
      sha,
      state: 'success',
      context: 'lockstep/policy',
      target_url: 'https://example.com/plan',
    });
    combined = await octokit.rest.repos.getCombinedStatusForRef({ ...ctx.repo, ref: sha });
    expect(combined.data.state).toBe('success');
    expect(combined.data.statuses.map((s) => [s.context, s.state]).sort()).toEqual([
      ['ci/build', 'success'],
      ['lockstep/policy', 'success'],
    ]);

    await octokit.rest.repos.createCommitStatus({ ...ctx.repo, sha, state: 'failure', context: 'ci/build' });
    combined = await octokit.rest.repos.getCombinedStatusForRef({ ...ctx.repo, ref: 'main' });
    expect(combined.data.state).toBe('failure');
    const all = await octokit.rest.repos.listCommitStatusesForRef({ ...ctx.repo, ref: 'main' });
    expect(all.data).toHaveLength(4);
    expect(all.data[0]?.creator?.login).toBe('lockstep-bot');
  });

  it('refuses a status for a commit that does not exist', async () => {
    await expect(
      ctx.as('acme').rest.repos.createCommitStatus({ ...ctx.repo, sha: 'f'.repeat(40), state: 'success' }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it('runs a check from in_progress to completed with annotations', async () => {
    const octokit = ctx.as('lockstep-bot');
    const created = await octokit.rest.checks.create({
      ...ctx.repo,
      name: 'lockstep/validate',
      head_sha: ctx.initialSha,
      status: 'in_progress',
      external_id: 'run-1',
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ status: 'in_progress', conclusion: null, completed_at: null });

    const updated = await octokit.rest.checks.update({
      ...ctx.repo,
      check_run_id: created.data.id,
      status: 'completed',
      conclusion: 'failure',
      output: {
        title: '2 problems',
        summary: 'lockstep.yaml has 2 problems',
        annotations: [
          {
            path: 'lockstep.yaml',
            start_line: 3,
            end_line: 3,
            annotation_level: 'failure',
            message: 'environments.prod.freeze: must be a list',
          },
          {
            path: 'lockstep.yaml',
            start_line: 7,
            end_line: 7,
            start_column: 5,
            end_column: 9,
            annotation_level: 'warning',
            message: 'unknown key "team"',
            title: 'Unknown key',
          },
        ],
      },
    });
    expect(updated.data).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(updated.data.completed_at).not.toBeNull();
    expect(updated.data.output.annotations_count).toBe(2);

    const runs = await octokit.rest.checks.listForRef({ ...ctx.repo, ref: 'main' });
    expect(runs.data.total_count).toBe(1);
    expect(runs.data.check_runs[0]).toMatchObject({ id: created.data.id, conclusion: 'failure' });

    const annotations = await octokit.rest.checks.listAnnotations({
      ...ctx.repo,
      check_run_id: created.data.id,
    });
    expect(annotations.data.map((a) => [a.start_line, a.annotation_level, a.message])).toEqual([
      [3, 'failure', 'environments.prod.freeze: must be a list'],
      [7, 'warning', 'unknown key "team"'],
    ]);
    expect(annotations.data[1]?.title).toBe('Unknown key');
  });

  it('lists only the newest run of a name unless filter=all', async () => {
    const octokit = ctx.as('lockstep-bot');
    const first = await octokit.rest.checks.create({
      ...ctx.repo,
      name: 'lockstep/plan',
      head_sha: ctx.initialSha,
      status: 'queued',
    });
    const second = await octokit.rest.checks.create({
      ...ctx.repo,
      name: 'lockstep/plan',
      head_sha: ctx.initialSha,
      conclusion: 'success',
    });
    expect(second.data.status).toBe('completed');
    const latest = await octokit.rest.checks.listForRef({ ...ctx.repo, ref: ctx.initialSha });
    expect(latest.data.check_runs.map((r) => r.id)).toEqual([second.data.id]);
    const all = await octokit.rest.checks.listForRef({ ...ctx.repo, ref: ctx.initialSha, filter: 'all' });
    expect(all.data.check_runs.map((r) => r.id).sort()).toEqual([first.data.id, second.data.id].sort());
    const got = await octokit.rest.checks.get({ ...ctx.repo, check_run_id: first.data.id });
    expect(got.data).toMatchObject({ status: 'queued', conclusion: null });
  });

  it('refuses completed without a conclusion with 422', async () => {
    await expect(
      ctx.as('lockstep-bot').rest.checks.create({
        ...ctx.repo,
        name: 'x',
        head_sha: ctx.initialSha,
        status: 'completed',
      }),
    ).rejects.toMatchObject({ status: 422 });
  });
});
