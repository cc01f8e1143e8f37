import { describe, expect, it } from 'vitest';
import { body, call, callError, seededState } from './handler-harness.js';
import { checkHandlers as h } from './handlers/checks.js';

describe('commit status and check run handlers', () => {
  it('combines the newest status per context', async () => {
    const { state, sha } = seededState();
    const post = (state_: string, context: string) =>
      call(h, state, 'repos/create-commit-status', { params: { sha }, body: { state: state_, context } });
    expect((await post('pending', 'ci')).status).toBe(201);
    await post('success', 'lint');
    let combined = body(
      await call(h, state, 'repos/get-combined-status-for-ref', { params: { ref: 'main' } }),
    );
    expect(combined).toMatchObject({ state: 'pending', sha, total_count: 2 });
    await post('success', 'ci');
    combined = body(await call(h, state, 'repos/get-combined-status-for-ref', { params: { ref: sha } }));
    expect(combined).toMatchObject({ state: 'success', total_count: 2 });
    await post('error', 'lint');
    combined = body(await call(h, state, 'repos/get-combined-status-for-ref', { params: { ref: 'main' } }));
    expect(combined.state).toBe('failure');
    const all = body<Array<{ context: string; state: string }>>(
      await call(h, state, 'repos/list-commit-statuses-for-ref', { params: { ref: 'main' } }),
    );
    expect(all.map((s) => `${s.context}:${s.state}`)).toEqual([
      'lint:error',
      'ci:success',
      'lint:success',
      'ci:pending',
    ]);
  });

  it('rejects a status for an unknown sha with 422', async () => {
    const { state } = seededState();
    const error = await callError(h, state, 'repos/create-commit-status', {
      params: { sha: 'f'.repeat(40) },
      body: { state: 'success' },
    });
    expect(error.status).toBe(422);
    expect(
      (await callError(h, state, 'repos/get-combined-status-for-ref', { params: { ref: 'nope' } })).status,
    ).toBe(404);
  });

  it('moves a check run to completed, keeping annotations across updates', async () => {
    const { state, sha } = seededState();
    const annotation = {
      path: 'a.yaml',
      start_line: 3,
      end_line: 3,
      annotation_level: 'failure',
      message: 'bad',
    };
    const created = await call(h, state, 'checks/create', {
      body: {
        name: 'lockstep',
        head_sha: 'main',
        status: 'in_progress',
        output: { title: 'Plan', summary: 's', annotations: [annotation] },
      },
    });
    const run = body<{ id: number; status: string; conclusion: null; output: { annotations_count: number } }>(
      created,
    );
    expect(run).toMatchObject({
      status: 'in_progress',
      conclusion: null,
      head_sha: sha,
      output: { annotations_count: 1 },
    });
    const id = String(run.id);
    const incomplete = await callError(h, state, 'checks/update', {
      params: { check_run_id: id },
      body: { status: 'completed' },
    });
    expect(incomplete.status).toBe(422);
    const done = await call(h, state, 'checks/update', {
      params: { check_run_id: id },
      body: {
        conclusion: 'failure',
        output: {
          title: 'Plan',
          summary: 's2',
          annotations: [{ ...annotation, start_line: 5, end_line: 5 }],
        },
      },
    });
    expect(body(done)).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { summary: 's2', annotations_count: 2 },
    });
    expect(body(done).completed_at).toMatch(/Z$/);
    const annotations = body<Array<{ start_line: number; blob_href: string }>>(
      await call(h, state, 'checks/list-annotations', { params: { check_run_id: id } }),
    );
    expect(annotations.map((a) => a.start_line)).toEqual([3, 5]);
    expect(body(await call(h, state, 'checks/get', { params: { check_run_id: id } }))).toMatchObject({
      name: 'lockstep',
    });
  });

  it('lists check runs for a ref, filtered by name, latest per name by default', async () => {
    const { state } = seededState();
    for (const name of ['a', 'b', 'a'])
      await call(h, state, 'checks/create', { body: { name, head_sha: 'main', conclusion: 'success' } });
    const latest = body<{ total_count: number }>(
      await call(h, state, 'checks/list-for-ref', { params: { ref: 'main' } }),
    );
    expect(latest.total_count).toBe(2);
    const named = body<{ total_count: number }>(
      await call(h, state, 'checks/list-for-ref', {
        params: { ref: 'main' },
        query: { check_name: 'a', filter: 'all' },
      }),
    );
    expect(named.total_count).toBe(2);
    expect(
      (await callError(h, state, 'checks/create', { body: { name: 'x', head_sha: 'nope' } })).status,
    ).toBe(422);
  });
});
