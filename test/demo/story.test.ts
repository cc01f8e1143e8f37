import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REPO, type Demo, PEOPLE, startDemo } from './setup.js';
import { playStory, type StoryResult } from './story.js';

const examples = fileURLToPath(new URL('../../examples', import.meta.url));
const PLAN_MARKER = '<!-- lockstep:plan -->';

describe('the demo story on a fresh fake GitHub, with the real bot and the real Action', () => {
  let demo: Demo;
  let result: StoryResult;
  const lines: string[] = [];

  beforeAll(async () => {
    demo = await startDemo(examples);
    result = await playStory({ demo, log: (l) => lines.push(l) });
  }, 60_000);
  afterAll(async () => {
    await demo?.close();
  });
  const gh = () => demo.as('auditor');

  it('merged every pull request, each with one plan comment and the bot check runs green on its head', async () => {
    const { update, catalog, security, release, rollback, devRollback } = result.pulls;
    expect([update, catalog, security, release, rollback, devRollback]).toEqual([1, 3, 4, 5, 6, 7]);
    for (const number of [update, catalog, security, release, rollback, devRollback]) {
      const { data: pull } = await gh().rest.pulls.get({ ...DEMO_REPO, pull_number: number });
      expect(pull.merged).toBe(true);
      const { data: comments } = await gh().rest.issues.listComments({ ...DEMO_REPO, issue_number: number });
      const plans = comments.filter((c) => c.body?.startsWith(PLAN_MARKER));
      expect(plans.map((c) => c.user?.login)).toEqual([PEOPLE.bot]);
      const { data: checks } = await gh().rest.checks.listForRef({ ...DEMO_REPO, ref: pull.head.sha });
      const runs = Object.fromEntries(checks.check_runs.map((r) => [r.name, [r.conclusion, r.app?.slug]]));
      expect(runs).toEqual({
        'lockstep/policy': ['success', 'lockstep'],
        'lockstep/approval': ['success', 'lockstep'],
      });
      const { data: status } = await gh().rest.repos.getCombinedStatusForRef({
        ...DEMO_REPO,
        ref: pull.head.sha,
      });
      expect(status.statuses).toEqual([]);
    }
  });

  it('counted the approvals by review: 1 of 2, then 2 of 2, on the update and release PRs', async () => {
    for (const [number, approvers] of [
      [result.pulls.update, [PEOPLE.approver, PEOPLE.manager]],
      [result.pulls.release, [PEOPLE.approver, PEOPLE.sre]],
    ] as const) {
      const { data: reviews } = await gh().rest.pulls.listReviews({ ...DEMO_REPO, pull_number: number });
      expect(reviews.map((r) => [r.user?.login, r.state])).toEqual(approvers.map((a) => [a, 'APPROVED']));
    }
    const approvals = lines
      .filter((l) => /lockstep\/approval .*approvals from/.test(l))
      .map((l) => /(\d of 2)/.exec(l)?.[1]);
    expect(approvals).toEqual(['0 of 2', '1 of 2', '2 of 2', '0 of 2', '1 of 2', '2 of 2']);
  });

  it('the security PR: the bot branch, labels and advisory, merged by the bot when green without reviews', async () => {
    const { data: sec } = await gh().rest.pulls.get({ ...DEMO_REPO, pull_number: result.pulls.security });
    expect(sec.head.ref).toBe('lockstep/security/prod-eu');
    expect(sec.user?.login).toBe(PEOPLE.bot);
    expect(sec.merged_by?.login).toBe(PEOPLE.bot);
    expect(sec.labels.map((l) => l.name).sort()).toEqual(['critical', 'security']);
    expect(sec.body).toMatch(/ACME-2026-0063.*critical/s);
    const { data: reviews } = await gh().rest.pulls.listReviews({ ...DEMO_REPO, pull_number: sec.number });
    expect(reviews).toEqual([]);
    // Signed by the webhook driver and checked by prod-eu's hook.
    expect(demo.targets.prodEu.map((d) => d.tag)).toEqual(['deploy/prod-eu/2']);
  });

  it('the rollback PRs: the failed deployment and the command, each on its branch with a hold', async () => {
    const { data: back } = await gh().rest.pulls.get({ ...DEMO_REPO, pull_number: result.pulls.rollback });
    expect([back.head.ref, back.user?.login, back.labels.map((l) => l.name)]).toEqual([
      'lockstep/rollback/staging',
      PEOPLE.bot,
      ['rollback'],
    ]);
    expect(back.body).toContain(`deployment ${result.failedDeployment}`);
    const { data: dev } = await gh().rest.pulls.get({ ...DEMO_REPO, pull_number: result.pulls.devRollback });
    expect(dev.head.ref).toBe('lockstep/rollback/dev');
    for (const env of ['staging', 'dev']) {
      const text = demo.repo.git.readFile('main', `environments/${env}.yaml`);
      expect(text).toMatch(/^hold:/m);
    }
  });

  it('tagged and released every successful deploy in order; the command rollback redeploys deploy/dev/1', async () => {
    expect(result.tags).toEqual(['deploy/staging/2', 'deploy/prod-eu/2', 'deploy/dev/2', 'deploy/dev/3']);
    const tags = async (env: string) => demo.actionPort.deployTags('deploy', env);
    const [dev, staging, prod] = await Promise.all([tags('dev'), tags('staging'), tags('prod-eu')]);
    expect(dev.map((t) => t.tag)).toEqual(['deploy/dev/1', 'deploy/dev/2', 'deploy/dev/3']);
    expect(staging.map((t) => t.tag)).toEqual(['deploy/staging/1', 'deploy/staging/2']);
    expect(prod.map((t) => t.tag)).toEqual(['deploy/prod-eu/1', 'deploy/prod-eu/2']);
    expect(dev[2]!.digest).toBe(dev[0]!.digest);
    expect(dev[1]!.digest).not.toBe(dev[0]!.digest);
    // The rollback PR brought main back to what staging runs again.
    const manifest = demo.repo.git.readFile('main', 'environments/staging.manifest.json') ?? '';
    expect(JSON.parse(manifest).digest).toBe(staging[1]!.digest);
    for (const tag of [...dev, ...staging, ...prod]) {
      const { data: release } = await gh().rest.repos.getReleaseByTag({ ...DEMO_REPO, tag: tag.tag });
      expect(release.body).toContain(tag.digest);
      expect(release.assets.map((a) => a.name)).toEqual([`${tag.environment}.manifest.json`]);
    }
    const { data: last } = await gh().rest.repos.getReleaseByTag({ ...DEMO_REPO, tag: 'deploy/dev/3' });
    expect(last.body).toContain('Rollback to `deploy/dev/1`.');
  });

  it('recorded each deploy as a Deployment: the failed one as failure, then the Action redeploying the last tag', async () => {
    const { data: deployments } = await gh().rest.repos.listDeployments({ ...DEMO_REPO, per_page: 100 });
    const finals: Record<string, string[]> = {};
    for (const d of [...deployments].reverse()) {
      const { data: statuses } = await gh().rest.repos.listDeploymentStatuses({
        ...DEMO_REPO,
        deployment_id: d.id,
      });
      const states = statuses.map((s) => s.state).reverse();
      expect(states[0]).toBe('in_progress');
      // GitHub marks a successful deployment inactive when a later one of its environment succeeds.
      finals[d.environment] = [
        ...(finals[d.environment] ?? []),
        states.filter((s) => s !== 'inactive').at(-1)!,
      ];
      expect(d.creator?.login).toBe(PEOPLE.action);
      expect(d.payload).toMatchObject({ digest: expect.stringMatching(/^sha256:/) });
    }
    expect(finals).toEqual({
      staging: ['success', 'failure', 'success'],
      'prod-eu': ['success'],
      dev: ['success', 'success'],
    });
    const failed = deployments.findIndex((d) => d.id === result.failedDeployment);
    expect(deployments[failed - 1]?.payload).toEqual({
      digest: expect.stringMatching(/^sha256:/),
      rollback: true,
      from: 'deploy/staging/3',
      to: 'deploy/staging/2',
    });
  });

  it('left main protected (prod-eu is frozen), no command freeze, and the dashboard issue up to date', async () => {
    const { data: rules } = await demo
      .as(PEOPLE.bot)
      .rest.repos.getBranchProtection({ ...DEMO_REPO, branch: 'main' });
    expect(rules.required_status_checks?.checks?.map((c) => c.context).sort()).toEqual([
      'lockstep/approval',
      'lockstep/policy',
    ]);
    expect(rules.enforce_admins?.enabled).toBe(true);
    expect([...demo.repo.git.refs.keys()].filter((r) => r.startsWith('refs/lockstep/freeze/'))).toEqual([]);
    const { data: issue } = await gh().rest.issues.get({ ...DEMO_REPO, issue_number: result.dashboard });
    expect([issue.title, issue.user?.login, issue.state]).toEqual([
      'Lockstep Deployment Dashboard',
      PEOPLE.bot,
      'open',
    ]);
    for (const tag of ['deploy/dev/3', 'deploy/staging/2', 'deploy/prod-eu/2'])
      expect(issue.body).toContain(tag);
  });

  it('printed a timeline with a header per act and sent no request GitHub would reject', () => {
    expect(lines.filter((l) => l.startsWith('== '))).toHaveLength(9);
    expect(lines.every((l) => l.length < 240)).toBe(true);
    expect(lines.some((l) => l.includes('127.0.0.1'))).toBe(false);
    demo.fake.assertClean();
  });
});
