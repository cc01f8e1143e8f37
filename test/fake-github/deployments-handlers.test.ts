import { describe, expect, it } from 'vitest';
import { body, call, callError, seededState } from './handler-harness.js';
import { checkHandlers } from './handlers/checks.js';
import { deploymentHandlers as h } from './handlers/deployments.js';

describe('deployment handlers', () => {
  it('refuses with 409 while a status of the ref is not green, unless required_contexts is []', async () => {
    const { state, sha } = seededState();
    await call(checkHandlers, state, 'repos/create-commit-status', {
      params: { sha },
      body: { state: 'failure', context: 'ci' },
    });
    const conflict = await callError(h, state, 'repos/create-deployment', { body: { ref: 'main' } });
    expect([conflict.status, conflict.message]).toEqual([
      409,
      'Conflict: Commit status checks failed for main.',
    ]);
    expect(conflict.errors).toEqual([
      {
        contexts: [{ context: 'ci', state: 'failure' }],
        resource: 'Deployment',
        field: 'required_contexts',
        code: 'invalid',
      },
    ]);
    const forced = await call(h, state, 'repos/create-deployment', {
      body: { ref: 'main', required_contexts: [], environment: 'staging', payload: { v: 1 } },
    });
    expect(forced.status).toBe(201);
    expect(body(forced)).toMatchObject({
      sha,
      ref: 'main',
      task: 'deploy',
      environment: 'staging',
      payload: { v: 1 },
      production_environment: false,
    });
    expect(
      (await callError(h, state, 'repos/create-deployment', { body: { ref: 'nope', required_contexts: [] } }))
        .status,
    ).toBe(422);
  });

  it('lists newest first with filters and orders statuses newest first', async () => {
    const { state } = seededState();
    const a = body<{ id: number }>(
      await call(h, state, 'repos/create-deployment', { body: { ref: 'main', environment: 'prod' } }),
    );
    await call(h, state, 'repos/create-deployment', { body: { ref: 'main', environment: 'staging' } });
    const list = body<Array<{ environment: string }>>(await call(h, state, 'repos/list-deployments'));
    expect(list.map((d) => d.environment)).toEqual(['staging', 'prod']);
    const prod = body<Array<{ id: number }>>(
      await call(h, state, 'repos/list-deployments', { query: { environment: 'prod' } }),
    );
    expect(prod.map((d) => d.id)).toEqual([a.id]);
    const params = { deployment_id: String(a.id) };
    for (const s of ['queued', 'in_progress', 'success'])
      await call(h, state, 'repos/create-deployment-status', {
        params,
        body: { state: s, log_url: 'https://ci/1' },
      });
    const statuses = body<Array<{ state: string; log_url: string }>>(
      await call(h, state, 'repos/list-deployment-statuses', { params }),
    );
    expect(statuses.map((s) => s.state)).toEqual(['success', 'in_progress', 'queued']);
    expect(statuses[0]?.log_url).toBe('https://ci/1');
    expect(
      (await callError(h, state, 'repos/get-deployment', { params: { deployment_id: '1' } })).status,
    ).toBe(404);
  });

  it('marks an older successful deployment of the same environment inactive; only inactive ones delete', async () => {
    const { state } = seededState();
    const create = async () =>
      String(
        body<{ id: number }>(await call(h, state, 'repos/create-deployment', { body: { ref: 'main' } })).id,
      );
    const first = await create();
    await call(h, state, 'repos/create-deployment-status', {
      params: { deployment_id: first },
      body: { state: 'success' },
    });
    const second = await create();
    const refused = await callError(h, state, 'repos/delete-deployment', {
      params: { deployment_id: first },
    });
    expect(refused.status).toBe(422);
    await call(h, state, 'repos/create-deployment-status', {
      params: { deployment_id: second },
      body: { state: 'success' },
    });
    const old = body<Array<{ state: string }>>(
      await call(h, state, 'repos/list-deployment-statuses', { params: { deployment_id: first } }),
    );
    expect(old.map((s) => s.state)).toEqual(['inactive', 'success']);
    expect(
      (await call(h, state, 'repos/delete-deployment', { params: { deployment_id: first } })).status,
    ).toBe(204);
    expect(body<unknown[]>(await call(h, state, 'repos/list-deployments'))).toHaveLength(1);
  });
});
