import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type E2eContext, finishE2e, startE2e } from './e2e-context.js';

describe('issues, comments and labels through @octokit/rest', () => {
  let ctx: E2eContext;
  beforeEach(async () => {
    ctx = await startE2e();
  });
  afterEach(() => finishE2e(ctx));

  /** Opens PR `head` -> main with one changed file, as a bot would. */
  async function openPull(head: string) {
    const octokit = ctx.as('acme');
    await octokit.rest.git.createRef({ ...ctx.repo, ref: `refs/heads/${head}`, sha: ctx.initialSha });
    await octokit.rest.repos.createOrUpdateFileContents({
      ...ctx.repo,
      path: `${head}.txt`,
      message: head,
      content: Buffer.from(`${head}\n`).toString('base64'),
      branch: head,
    });
    return (await octokit.rest.pulls.create({ ...ctx.repo, title: head, head, base: 'main' })).data;
  }

  it('creates, comments on, labels and closes an issue', async () => {
    const octokit = ctx.as('lockstep-bot');
    const created = await octokit.rest.issues.create({
      ...ctx.repo,
      title: 'Deploy blocked',
      body: 'The freeze window is on.',
      labels: ['lockstep'],
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ state: 'open', state_reason: null, comments: 0 });
    const number = created.data.number;

    const comment = await octokit.rest.issues.createComment({
      ...ctx.repo,
      issue_number: number,
      body: 'Still blocked.',
    });
    expect(comment.data.body).toBe('Still blocked.');
    const comments = await octokit.rest.issues.listComments({ ...ctx.repo, issue_number: number });
    expect(comments.data.map((c) => c.id)).toEqual([comment.data.id]);

    const labels = await octokit.rest.issues.addLabels({
      ...ctx.repo,
      issue_number: number,
      labels: ['freeze'],
    });
    expect(labels.data.map((l) => l.name)).toEqual(['freeze', 'lockstep']);
    await octokit.rest.issues.removeLabel({ ...ctx.repo, issue_number: number, name: 'lockstep' });
    await expect(
      octokit.rest.issues.removeLabel({ ...ctx.repo, issue_number: number, name: 'lockstep' }),
    ).rejects.toMatchObject({ status: 404, message: expect.stringContaining('Label does not exist') });

    const closed = await octokit.rest.issues.update({ ...ctx.repo, issue_number: number, state: 'closed' });
    expect(closed.data).toMatchObject({ state: 'closed', state_reason: 'completed', comments: 1 });
    expect(closed.data.closed_by?.login).toBe('lockstep-bot');
    expect(closed.data.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['freeze']);
  });

  it('treats a pull request as an issue for labels, comments and the issues list', async () => {
    const octokit = ctx.as('lockstep-bot');
    const issue = await octokit.rest.issues.create({ ...ctx.repo, title: 'Tracking' });
    const pr = await openPull('update-app');

    await octokit.rest.issues.addLabels({
      ...ctx.repo,
      issue_number: pr.number,
      labels: ['lockstep:update'],
    });
    await octokit.rest.issues.createComment({ ...ctx.repo, issue_number: pr.number, body: '## Plan' });

    const full = await octokit.rest.pulls.get({ ...ctx.repo, pull_number: pr.number });
    expect(full.data.labels.map((l) => l.name)).toEqual(['lockstep:update']);
    expect(full.data.comments).toBe(1);
    const listed = await octokit.rest.pulls.list({ ...ctx.repo });
    expect(listed.data[0]?.labels.map((l) => l.name)).toEqual(['lockstep:update']);

    const asIssue = await octokit.rest.issues.get({ ...ctx.repo, issue_number: pr.number });
    expect(asIssue.data.pull_request?.url).toBe(`${ctx.fake.url}/repos/acme/platform/pulls/${pr.number}`);
    expect(asIssue.data.comments).toBe(1);

    const all = await octokit.rest.issues.listForRepo({ ...ctx.repo, state: 'all', direction: 'asc' });
    expect(all.data.map((i) => [i.number, i.pull_request !== undefined])).toEqual([
      [issue.data.number, false],
      [pr.number, true],
    ]);
    const labelled = await octokit.rest.issues.listForRepo({ ...ctx.repo, labels: 'lockstep:update' });
    expect(labelled.data.map((i) => i.number)).toEqual([pr.number]);
  });

  it('lists only open conversations by default and closes a PR through the issues API', async () => {
    const octokit = ctx.as('acme');
    const issue = await octokit.rest.issues.create({ ...ctx.repo, title: 'Done' });
    await octokit.rest.issues.update({ ...ctx.repo, issue_number: issue.data.number, state: 'closed' });
    const pr = await openPull('topic');
    const open = await octokit.rest.issues.listForRepo({ ...ctx.repo });
    expect(open.data.map((i) => i.number)).toEqual([pr.number]);

    await octokit.rest.issues.update({ ...ctx.repo, issue_number: pr.number, state: 'closed' });
    const closedPr = await octokit.rest.pulls.get({ ...ctx.repo, pull_number: pr.number });
    expect(closedPr.data).toMatchObject({ state: 'closed', merged: false });
    expect((await octokit.rest.issues.listForRepo({ ...ctx.repo })).data).toEqual([]);
  });

  it('answers 404 for comments and labels on a number that is neither issue nor PR', async () => {
    const octokit = ctx.as('acme');
    await expect(
      octokit.rest.issues.createComment({ ...ctx.repo, issue_number: 99, body: 'x' }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      octokit.rest.issues.addLabels({ ...ctx.repo, issue_number: 99, labels: ['x'] }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
