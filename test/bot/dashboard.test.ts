import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DASHBOARD_MARKER } from '../../bot/dashboard/dashboard-markdown.js';
import { DASHBOARD_LABEL, DASHBOARD_TITLE } from '../../bot/dashboard/find-dashboard.js';
import { recordCommandFreeze } from '../../bot/freeze/freeze-records.js';
import { type BotHarness, EXAMPLES, PEOPLE, REPO, startBot } from './harness.js';

let bot: BotHarness;
afterEach(async () => {
  await bot.close();
});

/** Dashboard issues in the fake (with the marker), lowest number first. */
const dashboards = () =>
  [...bot.repo.issues.issues.values()]
    .filter((i) => (i.body ?? '').includes(DASHBOARD_MARKER))
    .sort((a, b) => a.number - b.number);
const theDashboard = () => {
  const all = dashboards();
  expect(all).toHaveLength(1);
  return all[0]!;
};
const tick = () => bot.deliver('repository_dispatch', 'lockstep-tick', { sender: PEOPLE.secops });
const writes = (mark: number) => bot.requestsSince(mark).filter((op) => /^issues\/(create|update)$/.test(op));

/** A successful GitHub Deployment of `env` at main's head, as the Action records one. */
async function deploymentSucceeded(env: string) {
  const sha = bot.repo.git.branch('main') ?? '';
  const gh = bot.as(PEOPLE.action).rest.repos;
  const { data } = await gh.createDeployment({
    ...REPO,
    ref: sha,
    environment: env,
    required_contexts: [],
    auto_merge: false,
  });
  if (!('id' in data)) throw new Error('no deployment');
  await gh.createDeploymentStatus({ ...REPO, deployment_id: data.id, state: 'success' });
  return bot.deliver('deployment_status', 'created', { deployment: data.id, sender: PEOPLE.action });
}

describe('the Deployment Dashboard issue', () => {
  it('after a tick shows every environment: channel, freeze, deployed tag and digest, pending', async () => {
    bot = await startBot();
    const dev = await bot.recordDeploy('dev');
    const prod = await bot.recordDeploy('prod-eu');
    expect((await tick()).status).toBe(200);
    const issue = theDashboard();
    expect(issue.title).toBe(DASHBOARD_TITLE);
    expect(issue.user).toBe(PEOPLE.bot);
    expect(bot.repo.issues.labelsOf(issue.number).map((l) => l.name)).toEqual([DASHBOARD_LABEL]);
    const body = issue.body ?? '';
    for (const env of ['dev', 'staging', 'prod-eu']) expect(body).toContain(`### ${env}`);
    expect(body).toMatch(
      /\| dev \| auto-update \| no \| \[deploy\/dev\/1\]\([^)]*\/acme\/platform\/releases\/tag\/deploy\/dev\/1\) `sha256:/,
    );
    expect(body).toContain(`manifest digest \`${dev.digest}\``);
    expect(body).toContain(`manifest digest \`${prod.digest}\``);
    expect(body).toContain('| staging | manual-approval | no | not deployed yet |');
    expect(body).toMatch(/\| prod-eu \| frozen \| \*\*frozen\*\*: channel frozen \|/);
    expect(body).toContain('- **Next freeze window**: 2026-12-18T00:00:00Z until 2027-01-05T00:00:00Z');
    expect(body).toContain('- **Pending** at the head of `main`, against deploy/dev/1: no change');
    expect(body).toContain('- **Pending** at the head of `main`, as a first deploy:');
    // prod-eu's waiver runs until 2027-06-30: far from NOW, so not shown.
    expect(body).not.toContain('ACME-2026-0051');
    expect(body).toContain(
      '<sub>Last changed 2026-12-02 09:00 UTC after repository_dispatch lockstep-tick from `@secops`.',
    );
  });

  it('names the waiver close to its date, then expired, in the same issue; the window when in force', async () => {
    let now = new Date('2027-06-10T08:00:00Z');
    bot = await startBot({ clock: () => now });
    await tick();
    const first = theDashboard();
    expect(first.body).toContain(
      '- **Waiver** ACME-2026-0051 in force through 2027-06-30 (20 days left), approved by `@mkeller`',
    );
    now = new Date('2027-07-01T08:00:00Z');
    await tick();
    expect(theDashboard().number).toBe(first.number);
    expect(theDashboard().body).toContain(
      '- **Waiver** ACME-2026-0051 **expired** on 2027-06-30: it waives nothing and fails validate',
    );
    now = new Date('2026-12-20T08:00:00Z');
    await tick();
    expect(theDashboard().body).toMatch(
      /\| prod-eu \| frozen \| \*\*frozen\*\*: channel frozen, window until 2027-01-05 \|/,
    );
    expect(theDashboard().body).toContain(
      '- **Frozen**: freeze window 2026-12-18T00:00:00Z until 2027-01-05T00:00:00Z (Year-end',
    );
  });

  it('a second event updates the same issue; nothing is written when nothing changed', async () => {
    bot = await startBot();
    await tick();
    const issue = theDashboard();
    expect(issue.body).toContain('| staging | manual-approval | no | not deployed yet |');

    let mark = bot.fake.requests.length;
    const again = await tick();
    expect(writes(mark)).toEqual([]);
    // A redelivery of the same event changes nothing either.
    mark = bot.fake.requests.length;
    await bot.deliver('repository_dispatch', 'lockstep-tick', {
      sender: PEOPLE.secops,
      deliveryId: again.deliveryId,
    });
    expect(writes(mark)).toEqual([]);

    await bot.recordDeploy('staging');
    mark = bot.fake.requests.length;
    expect((await deploymentSucceeded('staging')).status).toBe(200);
    expect(writes(mark)).toEqual(['issues/update']);
    expect(theDashboard().number).toBe(issue.number);
    expect(theDashboard().body).toContain('[deploy/staging/1]');
    expect(theDashboard().body).toContain('after deployment_status success of staging.');
  });

  it('two racing events converge on one dashboard', async () => {
    bot = await startBot();
    // Hold both creates back so that each event lists before either creates: both create one.
    bot.fake.faults.inject({ operationId: 'issues/create', kind: 'delay', ms: 150, times: 2 });
    const [a, b] = await Promise.all([tick(), tick()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(bot.requestsSince(0).filter((op) => op === 'issues/create')).toHaveLength(2);
    const open = dashboards().filter((i) => i.state === 'open');
    expect(open).toHaveLength(1);
    // The later duplicate is closed, points at the dashboard and is no longer found.
    const others = [...bot.repo.issues.issues.values()].filter(
      (i) => i.title === DASHBOARD_TITLE && i !== open[0],
    );
    expect(others).toHaveLength(1);
    expect(others[0]!.number).toBeGreaterThan(open[0]!.number);
    for (const d of others) {
      expect(d.state).toBe('closed');
      expect(d.body).toBe(
        `Duplicate of #${open[0]!.number}, the Lockstep Deployment Dashboard: two events created it at the same time.`,
      );
      expect(bot.repo.issues.labelsOf(d.number)).toEqual([]);
    }
    await tick();
    expect(
      dashboards()
        .filter((i) => i.state === 'open')
        .map((i) => i.number),
    ).toEqual([open[0]!.number]);
  });

  it('is re-created when deleted; a closed one stays closed and is kept current', async () => {
    bot = await startBot();
    await tick();
    const deleted = theDashboard().number;
    bot.repo.issues.issues.delete(deleted);
    await tick();
    const recreated = theDashboard();
    expect(recreated.number).not.toBe(deleted);

    await bot
      .as(PEOPLE.engineer)
      .rest.issues.update({ ...REPO, issue_number: recreated.number, state: 'closed' });
    await bot.recordDeploy('dev');
    await tick();
    expect(theDashboard().number).toBe(recreated.number);
    expect(theDashboard().state).toBe('closed');
    expect(theDashboard().body).toContain('[deploy/dev/1]');
  });

  it('is not made when bot.dashboard is false', async () => {
    const settings = readFileSync(`${EXAMPLES}/.github/lockstep.yml`, 'utf8').replace(
      /dashboard: true/,
      'dashboard: false',
    );
    bot = await startBot({ files: { '.github/lockstep.yml': settings } });
    const mark = bot.fake.requests.length;
    expect((await tick()).status).toBe(200);
    expect(dashboards()).toEqual([]);
    expect(bot.requestsSince(mark).filter((op) => op.startsWith('issues/'))).toEqual([]);
  });

  it('lists open Lockstep security and rollback PRs with links (not other PRs) and who froze what', async () => {
    bot = await startBot();
    const sec = await bot.openPull(
      PEOPLE.secops,
      { 'notes/security.md': 'patch\n' },
      { branch: 'lockstep/security/staging', title: 'Security patches for staging', deliver: false },
    );
    const back = await bot.openPull(
      PEOPLE.manager,
      { 'notes/rollback.md': 'back\n' },
      { branch: 'lockstep/rollback/prod-eu', title: 'Roll prod-eu back to deploy/prod-eu/1', deliver: false },
    );
    const other = await bot.openPull(PEOPLE.engineer, { 'notes/x.md': 'x\n' }, { deliver: false });
    await recordCommandFreeze(bot.as(PEOPLE.manager), REPO, {
      environment: 'staging',
      by: PEOPLE.manager,
      reason: 'incident 42',
      since: '2026-12-01T10:00:00Z',
      url: 'https://github.com/acme/platform/issues/1#issuecomment-1',
    });
    await tick();
    const body = theDashboard().body ?? '';
    const url = (n: number) => `https://github.com/acme/platform/pull/${n}`;
    expect(body).toMatch(
      new RegExp(
        `\\| staging \\| manual-approval \\| \\*\\*frozen\\*\\*: frozen by \`@bob\` \\| not deployed yet \\| [^|]+ \\| #${sec.number} security \\|`,
      ),
    );
    expect(body).toContain(
      '- **Frozen** with `/lockstep freeze` by `@bob` since 2026-12-01T10:00:00Z: incident 42 ' +
        '([asked here](https://github.com/acme/platform/issues/1#issuecomment-1)); `/lockstep unfreeze staging` lifts it',
    );
    expect(body).toContain(
      `- **Security PR**: [#${sec.number} Security patches for staging](${url(sec.number)})`,
    );
    expect(body).toContain(
      `- **Rollback PR**: [#${back.number} Roll prod-eu back to deploy/prod-eu/1](${url(back.number)})`,
    );
    expect(body).toContain(
      `- [#${sec.number}](${url(sec.number)}) Security patches for staging: security patches of staging, by \`@secops\``,
    );
    expect(body).toContain(
      `- [#${back.number}](${url(back.number)}) Roll prod-eu back to deploy/prod-eu/1: rollback of prod-eu`,
    );
    expect(body).not.toContain(`#${other.number}`);
  });

  it('shows the errors of an invalid environment file pushed to main instead of the table', async () => {
    bot = await startBot();
    await tick();
    const number = theDashboard().number;
    const text = bot.read('main', 'environments/dev.yaml') ?? '';
    bot.commit(
      'main',
      { 'environments/dev.yaml': text.replace('channel: auto-update', 'channel: sometimes') },
      'Break dev',
    );
    expect((await bot.deliver('push', undefined, { sender: PEOPLE.engineer })).status).toBe(200);
    const body = theDashboard().body ?? '';
    expect(theDashboard().number).toBe(number);
    expect(body).toContain('## Invalid repository files');
    expect(body).toMatch(/- `environments\/dev\.yaml:\d+:\d+: [^`]*channel[^`]*`/);
    expect(body).not.toContain('## Environments');
    expect(body).toContain('after push ');
  });

  it('converges through a 502 when Probot retries', async () => {
    bot = await startBot({ resilient: true });
    bot.fake.faults.inject({ operationId: 'issues/create', kind: 'status', status: 502, times: 1 });
    bot.fake.faults.inject({ operationId: 'issues/list-for-repo', kind: 'status', status: 502, times: 1 });
    expect((await tick()).status).toBe(200);
    expect(bot.fake.faults.pending()).toEqual([]);
    theDashboard();
    await bot.recordDeploy('dev');
    bot.fake.faults.inject({ operationId: 'issues/update', kind: 'status', status: 502, times: 1 });
    expect((await tick()).status).toBe(200);
    expect(bot.fake.faults.pending()).toEqual([]);
    expect(theDashboard().body).toContain('[deploy/dev/1]');
  });
});
