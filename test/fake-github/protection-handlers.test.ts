import { describe, expect, it } from 'vitest';
import { body, call, callError, seededState } from './handler-harness.js';
import { protectionHandlers as h } from './handlers/protection.js';

const rules = {
  required_status_checks: { strict: true, contexts: ['lockstep/plan'] },
  enforce_admins: true,
  required_pull_request_reviews: { required_approving_review_count: 2, dismiss_stale_reviews: true },
  restrictions: null,
  lock_branch: true,
};

describe('branch protection handlers', () => {
  it('answers 404 "Branch not protected" until rules are set, then returns them', async () => {
    const { state, repo } = seededState();
    const params = { branch: 'main' };
    const missing = await callError(h, state, 'repos/get-branch-protection', { params });
    expect([missing.status, missing.message]).toEqual([404, 'Branch not protected']);
    const put = await call(h, state, 'repos/update-branch-protection', { params, body: rules });
    expect(body(put)).toMatchObject({
      required_status_checks: {
        strict: true,
        contexts: ['lockstep/plan'],
        checks: [{ context: 'lockstep/plan', app_id: null }],
      },
      enforce_admins: { enabled: true },
      required_pull_request_reviews: { required_approving_review_count: 2, dismiss_stale_reviews: true },
      lock_branch: { enabled: true },
      allow_force_pushes: { enabled: false },
    });
    expect(body(put)).not.toHaveProperty('restrictions');
    expect(repo.protection.get('main')).toEqual(rules);
    expect(body(await call(h, state, 'repos/get-branch-protection', { params }))).toEqual(body(put));
    expect(body(await call(h, state, 'repos/get-status-checks-protection', { params }))).toMatchObject({
      strict: true,
    });
  });

  it('toggles admin enforcement and deletes protection', async () => {
    const { state, repo } = seededState();
    const params = { branch: 'main' };
    await call(h, state, 'repos/update-branch-protection', {
      params,
      body: { ...rules, enforce_admins: false },
    });
    expect(body(await call(h, state, 'repos/set-admin-branch-protection', { params }))).toMatchObject({
      enabled: true,
    });
    expect(repo.protection.get('main').enforce_admins).toBe(true);
    expect((await call(h, state, 'repos/delete-admin-branch-protection', { params })).status).toBe(204);
    expect(repo.protection.get('main').enforce_admins).toBe(false);
    expect((await call(h, state, 'repos/delete-branch-protection', { params })).status).toBe(204);
    expect((await callError(h, state, 'repos/get-branch-protection', { params })).message).toBe(
      'Branch not protected',
    );
    expect(
      (await callError(h, state, 'repos/get-branch-protection', { params: { branch: 'nope' } })).message,
    ).toBe('Branch not found');
  });
});
