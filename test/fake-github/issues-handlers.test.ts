import { describe, expect, it } from 'vitest';
import { body, call, callError, seededState } from './handler-harness.js';
import { issueHandlers as h } from './handlers/issues.js';

describe('issues handlers', () => {
  it('creates, gets, updates and closes an issue with numbers shared with PRs', async () => {
    const { state, repo } = seededState();
    repo.nextNumber(); // a PR took #1
    const created = await call(h, state, 'issues/create', { body: { title: 'Deploy', labels: ['deploy'] } });
    expect(created.status).toBe(201);
    expect(body(created)).toMatchObject({
      number: 2,
      state: 'open',
      title: 'Deploy',
      labels: [{ name: 'deploy' }],
    });
    const closed = await call(h, state, 'issues/update', {
      params: { issue_number: '2' },
      body: { state: 'closed', body: 'done' },
    });
    expect(body(closed)).toMatchObject({
      state: 'closed',
      state_reason: 'completed',
      body: 'done',
      closed_by: { login: 'octocat' },
    });
    expect(body(await call(h, state, 'issues/get', { params: { issue_number: '2' } }))).toMatchObject({
      state: 'closed',
    });
    expect((await callError(h, state, 'issues/get', { params: { issue_number: '9' } })).status).toBe(404);
  });

  it('lists by state and labels, newest first', async () => {
    const { state } = seededState();
    await call(h, state, 'issues/create', { body: { title: 'a', labels: ['x', 'y'] } });
    await call(h, state, 'issues/create', { body: { title: 'b', labels: ['x'] } });
    await call(h, state, 'issues/create', { body: { title: 'c' } });
    await call(h, state, 'issues/update', { params: { issue_number: '3' }, body: { state: 'closed' } });
    const open = body<Array<{ title: string }>>(await call(h, state, 'issues/list-for-repo'));
    expect(open.map((i) => i.title)).toEqual(['b', 'a']);
    const xy = body<Array<{ title: string }>>(
      await call(h, state, 'issues/list-for-repo', { query: { labels: 'x,y', state: 'all' } }),
    );
    expect(xy.map((i) => i.title)).toEqual(['a']);
  });

  it('adds, updates, lists and deletes comments', async () => {
    const { state } = seededState();
    await call(h, state, 'issues/create', { body: { title: 'a' } });
    const c = body<{ id: number }>(
      await call(h, state, 'issues/create-comment', {
        params: { issue_number: '1' },
        body: { body: 'plan' },
      }),
    );
    await call(h, state, 'issues/update-comment', {
      params: { comment_id: String(c.id) },
      body: { body: 'plan v2' },
    });
    const list = body<Array<{ body: string }>>(
      await call(h, state, 'issues/list-comments', { params: { issue_number: '1' } }),
    );
    expect(list.map((x) => x.body)).toEqual(['plan v2']);
    expect(body(await call(h, state, 'issues/get', { params: { issue_number: '1' } }))).toMatchObject({
      comments: 1,
    });
    expect(
      (await call(h, state, 'issues/delete-comment', { params: { comment_id: String(c.id) } })).status,
    ).toBe(204);
    expect(
      (
        await callError(h, state, 'issues/update-comment', {
          params: { comment_id: String(c.id) },
          body: { body: 'x' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await callError(h, state, 'issues/create-comment', {
          params: { issue_number: '5' },
          body: { body: 'x' },
        })
      ).status,
    ).toBe(404);
  });

  it('adds, sets and removes labels, creating them on first use', async () => {
    const { state } = seededState();
    await call(h, state, 'issues/create', { body: { title: 'a' } });
    const p = { issue_number: '1' };
    const added = body<Array<{ name: string; color: string }>>(
      await call(h, state, 'issues/add-labels', { params: p, body: { labels: ['b', 'a'] } }),
    );
    expect(added.map((l) => l.name)).toEqual(['a', 'b']);
    expect(body(await call(h, state, 'issues/get-label', { params: { name: 'a' } }))).toMatchObject({
      name: 'a',
      color: 'ededed',
      default: false,
    });
    const set = body<Array<{ name: string }>>(
      await call(h, state, 'issues/set-labels', { params: p, body: { labels: [{ name: 'c' }] } }),
    );
    expect(set.map((l) => l.name)).toEqual(['c']);
    expect(body(await call(h, state, 'issues/remove-label', { params: { ...p, name: 'c' } }))).toEqual([]);
    const missing = await callError(h, state, 'issues/remove-label', { params: { ...p, name: 'c' } });
    expect([missing.status, missing.message]).toEqual([404, 'Label does not exist']);
  });

  it('creates a label once; a second create is 422 already_exists', async () => {
    const { state } = seededState();
    const res = await call(h, state, 'issues/create-label', {
      body: { name: 'security', color: 'ff0000', description: 'CVE' },
    });
    expect(body(res)).toMatchObject({ name: 'security', color: 'ff0000', description: 'CVE' });
    const dup = await callError(h, state, 'issues/create-label', { body: { name: 'Security' } });
    expect(dup.errors).toEqual([{ resource: 'Label', field: 'name', code: 'already_exists' }]);
    expect((await callError(h, state, 'issues/get-label', { params: { name: 'nope' } })).status).toBe(404);
  });
});
