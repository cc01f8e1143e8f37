import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDeployTags } from './deploy-tags.js';
import { PLAN_MARKER } from './policy-ops.js';
import { DEMO_REPO, type DemoFake, PEOPLE, startDemoFake } from './setup.js';
import { playStory, type StoryResult } from './story.js';

const examples = fileURLToPath(new URL('../../examples', import.meta.url));

describe('the demo story on a fresh fake GitHub', () => {
  let demo: DemoFake;
  let result: StoryResult;
  const lines: string[] = [];

  beforeAll(async () => {
    demo = await startDemoFake(examples);
    result = await playStory({
      octokitFor: demo.octokitFor,
      fakeUrl: demo.fake.url,
      log: (l) => lines.push(l),
    });
  });
  afterAll(async () => {
    await demo?.fake.close();
  });
  const gh = () => demo.octokitFor('auditor');

  it('merged the update, security and rollback PRs, each with one plan comment and green statuses', async () => {
    const { update, security, rollback } = result.pulls;
    expect([update, security, rollback]).toEqual([1, 2, 3]);
    for (const number of [update, security, rollback]) {
      const { data: pull } = await gh().rest.pulls.get({ ...DEMO_REPO, pull_number: number });
      expect(pull.merged).toBe(true);
      const { data: comments } = await gh().rest.issues.listComments({ ...DEMO_REPO, issue_number: number });
      expect(comments.filter((c) => c.body?.startsWith(PLAN_MARKER))).toHaveLength(1);
      const { data: status } = await gh().rest.repos.getCombinedStatusForRef({
        ...DEMO_REPO,
        ref: pull.head.sha,
      });
      const byContext = Object.fromEntries(status.statuses.map((s) => [s.context, s.state]));
      expect(byContext).toEqual({ 'lockstep/policy': 'success', 'lockstep/approval': 'success' });
    }
    const { data: sec } = await gh().rest.pulls.get({ ...DEMO_REPO, pull_number: security });
    expect(sec.head.ref).toBe('lockstep/security/prod-eu');
    expect(sec.labels.map((l) => l.name).sort()).toEqual(['critical', 'security']);
    expect(sec.body).toMatch(/ACME-2026-0063.*critical/s);
    const { data: reviews } = await gh().rest.pulls.listReviews({ ...DEMO_REPO, pull_number: security });
    expect(reviews).toEqual([]);
    const { data: back } = await gh().rest.pulls.get({ ...DEMO_REPO, pull_number: rollback });
    expect(back.head.ref).toBe('lockstep/rollback/staging');
    const { data: approvals } = await gh().rest.pulls.listReviews({ ...DEMO_REPO, pull_number: update });
    expect(approvals.map((r) => [r.user?.login, r.state])).toEqual([
      [PEOPLE.approver, 'APPROVED'],
      [PEOPLE.manager, 'APPROVED'],
    ]);
  });

  it('tagged and released every successful deploy; the rollback redeploys deploy/staging/1', async () => {
    const staging = await listDeployTags(gh(), DEMO_REPO, 'staging');
    const prod = await listDeployTags(gh(), DEMO_REPO, 'prod-eu');
    const dev = await listDeployTags(gh(), DEMO_REPO, 'dev');
    expect(staging.map((t) => t.tag)).toEqual(['deploy/staging/1', 'deploy/staging/2', 'deploy/staging/3']);
    expect(prod.map((t) => t.tag)).toEqual(['deploy/prod-eu/1', 'deploy/prod-eu/2']);
    expect(dev.map((t) => t.tag)).toEqual(['deploy/dev/1']);
    expect(staging[2]!.digest).toBe(staging[0]!.digest);
    expect(staging[1]!.digest).not.toBe(staging[0]!.digest);
    for (const tag of [...staging, ...prod, ...dev]) {
      const { data: release } = await gh().rest.repos.getReleaseByTag({ ...DEMO_REPO, tag: tag.tag });
      expect(release.body).toContain(tag.digest);
      expect(release.assets.map((a) => a.name)).toEqual([`${tag.tag.split('/')[1]}.manifest.json`]);
    }
    const { data: last } = await gh().rest.repos.getReleaseByTag({ ...DEMO_REPO, tag: 'deploy/staging/3' });
    expect(last.body).toMatch(/^Rollback to `deploy\/staging\/1`/);
  });

  it('recorded each deploy as a Deployment: in_progress then success, and the failed one as failure', async () => {
    const { data: deployments } = await gh().rest.repos.listDeployments({ ...DEMO_REPO, per_page: 100 });
    expect(deployments).toHaveLength(7);
    const finals: Record<string, string[]> = {};
    for (const d of [...deployments].reverse()) {
      const { data: statuses } = await gh().rest.repos.listDeploymentStatuses({
        ...DEMO_REPO,
        deployment_id: d.id,
      });
      const states = statuses.map((s) => s.state).reverse();
      expect(states[0]).toBe('in_progress');
      // GitHub marks a deployment inactive when a later one of its environment succeeds.
      finals[d.environment] = [
        ...(finals[d.environment] ?? []),
        states.filter((s) => s !== 'inactive').at(-1)!,
      ];
      expect(d.payload).toMatchObject({ digest: expect.stringMatching(/^sha256:/) });
    }
    expect(finals).toEqual({
      dev: ['success'],
      'prod-eu': ['success', 'success'],
      staging: ['success', 'success', 'failure', 'success'],
    });
    expect(deployments.some((d) => d.id === result.failedDeployment)).toBe(true);
  });

  it('printed a timeline with a header per act and sent no request GitHub would reject', () => {
    expect(lines.filter((l) => l.startsWith('== '))).toHaveLength(7);
    expect(lines.every((l) => l.length < 240)).toBe(true);
    demo.fake.assertClean();
  });
});
