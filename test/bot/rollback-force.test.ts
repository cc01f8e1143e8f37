import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BotHarness, PEOPLE, startBot } from './harness.js';
import {
  answers,
  commitCompiled,
  compiled,
  devDeployedTwice,
  exampleConfig,
  judgedAt,
  opsIssue,
  rollbackPulls,
  settingsText,
  snapshot,
} from './rollback-fixtures.js';

/** A catalog file published after staging's first deploy: payments 1.3.2 fixes a critical advisory. */
const LATE_CATALOG = `${JSON.stringify(
  {
    apiVersion: 'lockstep/v1',
    kind: 'Catalog',
    capabilities: { payments: [{ version: '1.3.2', artifact: 'registry.example.com/acme/payments:1.3.2' }] },
    advisories: [
      {
        id: 'ACME-2026-0099',
        severity: 'critical',
        capability: 'payments',
        affected: '<1.3.2',
        summary: 'Refunds can be replayed',
        published: '2026-12-01',
      },
    ],
  },
  null,
  2,
)}\n`;

// A rollback to a manifest that an advisory enforced now affects: refused, unless an approver of the
// environment forces it; then recorded, and honest about what it means.
describe('/lockstep rollback --force', () => {
  let bot: BotHarness;
  let issue: number;
  beforeEach(async () => {
    bot = await startBot({ files: { '.github/lockstep.yml': settingsText() } });
    // staging/1 runs payments 1.3.1; then the advisory arrives and staging/2 runs the fix, 1.3.2.
    await bot.recordDeploy('staging');
    const fixed = await commitCompiled(bot, 'staging', exampleConfig('staging'), {
      'catalog/late-2026.json': LATE_CATALOG,
    });
    await bot.recordDeploy('staging', fixed);
    issue = opsIssue(bot);
  });
  afterEach(async () => {
    await bot.close();
  });

  const advisoryLine = '- `capability:payments` 1.3.1: ACME-2026-0099 (critical): Refunds can be replayed';

  it('refuses without --force, naming the advisory and who may force it', async () => {
    const before = snapshot(bot);
    await bot.comment(PEOPLE.engineer, issue, '/lockstep rollback staging');
    expect(snapshot(bot)).toEqual(before);
    const [said] = answers(bot, issue);
    expect(said).toContain(
      'Sorry, I did not roll back staging to deploy/staging/1: its manifest carries versions affected by advisories staging enforces now:',
    );
    expect(said).toContain(advisoryLine);
    expect(said).toContain(
      'unless a listed approver of staging (`approvals.approvers`: alice, carol-ops, @acme/release-managers) asks for it with `--force`: `/lockstep rollback staging to deploy/staging/1 --force`',
    );
    expect(said).toContain('Nothing was changed.');
  });

  it('refuses --force from a user who is not an approver of the environment', async () => {
    const before = snapshot(bot);
    await bot.comment(PEOPLE.engineer, issue, '/lockstep rollback staging --force');
    expect(snapshot(bot)).toEqual(before);
    const [said] = answers(bot, issue);
    expect(said).toContain(
      '`--force` is for the listed approvers of staging (`approvals.approvers`: alice, carol-ops, @acme/release-managers), and @dana is not one of them.',
    );
    expect(said).toContain('Nothing was changed.');
  });

  it('opens the rollback for an approver (a team member), records who forced it past what, and says it will not deploy as is', async () => {
    await bot.comment(PEOPLE.manager, issue, '/lockstep rollback staging --force');
    const [pull] = rollbackPulls(bot, 'staging');
    expect(rollbackPulls(bot, 'staging')).toHaveLength(1);
    const body = pull!.body ?? '';
    expect(body).toContain('### Forced past enforced advisories');
    expect(body).toContain('@bob, a listed approver of staging, forced this rollback with `--force`');
    expect(body).toContain(advisoryLine);
    expect(body).toContain('**It cannot deploy as it is.**');
    expect(body).toContain('**needs-approval**: rollback to deploy/staging/1 while frozen');
    // The record that stays when a later request rewrites the body, and the commit's trailers.
    const comments = bot.repo.issues.commentsOn(pull!.number).filter((c) => c.user === PEOPLE.bot);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('@bob forced this rollback of staging to deploy/staging/1');
    const head = bot.repo.pulls.headSha(pull!);
    const message = bot.repo.git.commit(head)?.message ?? '';
    expect(message).toMatch(/^Lockstep-Forced-By: bob$/m);
    expect(message).toMatch(/^Lockstep-Forced-Advisories: ACME-2026-0099$/m);
    const [said] = answers(bot, issue);
    expect(said).toContain(
      `Opened #${pull!.number}: it rolls staging back from deploy/staging/2 to deploy/staging/1`,
    );
    expect(said).toContain('Forced by @bob past ACME-2026-0099');
    expect(said).toContain('It will not deploy as it is');

    // The honest consequence: at the pull request's head the policy fails (the affected version,
    // and drift since compile would patch it), so the deploy workflow refuses it.
    const judged = await judgedAt(bot, head, 'staging');
    expect(judged.evaluation.change).toMatchObject({ rollback: true, rollbackTo: 'deploy/staging/1' });
    expect(judged.evaluation.violations.map((v) => v.kind).sort()).toEqual(['affected', 'drift']);

    // A redelivery neither duplicates the record nor the pull request.
    const comment = bot.repo.issues.commentsOn(issue).find((c) => c.user === PEOPLE.manager)!;
    await bot.deliver('issue_comment', 'created', { issue, comment: comment.id, sender: PEOPLE.manager });
    expect(rollbackPulls(bot, 'staging')).toHaveLength(1);
    expect(bot.repo.issues.commentsOn(pull!.number).filter((c) => c.user === PEOPLE.bot)).toHaveLength(1);
    expect(bot.repo.pulls.headSha(bot.repo.pulls.get(pull!.number)!)).toBe(head);
  });

  it('deploys through the way its pull request describes: waiver, pin, no hold, recompiled', async () => {
    await bot.comment(PEOPLE.sre, issue, '/lockstep rollback staging --force');
    const [pull] = rollbackPulls(bot, 'staging');
    const config = bot.read(bot.repo.pulls.headSha(pull!), 'environments/staging.yaml')!;
    const edited = config
      .replace(/^hold:\n.*\n.*\n/m, '')
      .replace('pins:\n  suites:\n', 'pins:\n  capabilities:\n    payments: 1.3.1\n  suites:\n')
      .replace(
        /^security:\n/m,
        'security:\n  waivers:\n    - { advisory: ACME-2026-0099, until: 2026-12-31, reason: forced rollback, approvedBy: carol-ops }\n',
      );
    const files = { 'environments/staging.yaml': edited };
    const manifest = await compiled(bot, 'staging', { ...files, 'catalog/late-2026.json': LATE_CATALOG });
    const sha = bot.commit('lockstep/rollback/staging', {
      ...files,
      'environments/staging.manifest.json': manifest,
    });
    const judged = await judgedAt(bot, sha, 'staging');
    expect(judged.evaluation.violations).toEqual([]);
    expect(judged.evaluation.change).toMatchObject({
      rollback: false,
      changes: [{ item: 'capability:payments', from: '1.3.2', to: '1.3.1', class: 'downgrade' }],
    });
    expect(judged.evaluation.verdict?.verdict).toBe('needs-approval');
  });

  it('says --force was not needed when no enforced advisory affects the target', async () => {
    await devDeployedTwice(bot);
    await bot.comment(PEOPLE.engineer, issue, '/lockstep rollback dev --force');
    expect(rollbackPulls(bot)).toHaveLength(1);
    expect(rollbackPulls(bot)[0]!.body).not.toContain('Forced');
    expect(answers(bot, issue)[0]).toContain(
      '(`--force` was not needed: no advisory dev enforces affects deploy/dev/1.)',
    );
  });
});
