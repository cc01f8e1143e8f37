import { afterEach, describe, expect, it } from 'vitest';
import { SECURITY_CHECK } from '../../bot/security/report-sync-problems.js';
import { type BotHarness, PEOPLE, startBot } from './harness.js';
import {
  ADVISORY_0099,
  ADVISORY_0099_REVISED,
  ADVISORY_FILE,
  compiledAt,
  settingsFile,
} from './security-fixtures.js';
import {
  allSecurityPulls,
  botComments,
  dispatchCatalog,
  labelsOf,
  openSecurityPulls,
  pushToMain,
  writesSince,
} from './security-helpers.js';

let bot: BotHarness;
afterEach(async () => {
  await bot.close();
});

const manifestOn = (ref: string, env: string) => bot.read(ref, `environments/${env}.manifest.json`);

describe('security pull requests after a catalog change', () => {
  it('opens one PR per affected environment with the recompiled manifest, labels and an explaining body', async () => {
    bot = await startBot({ files: settingsFile() });
    const { sha, delivery } = await pushToMain(bot, { [ADVISORY_FILE]: ADVISORY_0099 });
    expect(delivery.status).toBe(200);
    const pulls = openSecurityPulls(bot);
    // payments 1.2.7 (prod-eu) and 1.3.1 (dev, staging) are all affected by the new advisory.
    expect([...pulls.keys()].sort()).toEqual(['dev', 'prod-eu', 'staging']);
    const expected = await compiledAt(bot, sha);
    for (const [env, pull] of pulls) {
      const head = bot.repo.pulls.headSha(pull);
      expect(manifestOn(head, env)).toBe(expected.get(env));
      // One commit on top of main's head that changes exactly the manifest.
      expect(bot.repo.git.commit(head)?.parents).toEqual([sha]);
      expect(bot.repo.git.diff(sha, head).map((c) => c.filename)).toEqual([
        `environments/${env}.manifest.json`,
      ]);
      expect(labelsOf(bot, pull.number).sort()).toEqual(['critical', 'security']);
      expect(pull.user.login).toBe(PEOPLE.bot);
      expect(pull.base).toBe('main');
    }
    const prod = pulls.get('prod-eu')!;
    expect(prod.title).toBe('Security: patch payments 1.2.7 -> 1.2.8 in prod-eu (ACME-2026-0099, critical)');
    const body = prod.body ?? '';
    expect(body).toContain('[ACME-2026-0099](https://security.example.com/advisories/ACME-2026-0099)');
    expect(body).toContain('| payments | 1.2.7 | 1.2.8 |');
    expect(body).toContain('`>=1.2.0 <1.2.8 \\|\\| >=1.3.0 <1.3.2`');
    expect(body).toContain("overrides `pins.capabilities.payments '1.2.5'`, `channel frozen`");
    expect(body).toContain('enforces advisories of severity critical and above');
    expect(body).toContain(`push ${sha.slice(0, 7)} by @secops`);
    expect(body).toContain('**allowed** without approvals (only enforced security patches)');
    expect(body).toContain('`securityMerge: when-green`: Lockstep merges this PR itself');
    expect(body).toContain('Waived in prod-eu, so not patched here: ACME-2026-0051 until 2027-06-30');
    // staging's fix is an ordinary upgrade to the policy (compile reaches 1.3.2 by resolution), so its
    // manual-approval channel wants approvals; the body says so instead of promising a merge.
    const staging = pulls.get('staging')!;
    expect(staging.title).toBe(
      'Security: patch payments 1.3.1 -> 1.3.2 in staging (ACME-2026-0099, critical)',
    );
    expect(staging.body).toContain('**needs approval**');
    expect(staging.body).toContain('overrides nothing');
    expect(pulls.get('dev')?.body).toContain('**allowed** without approvals (channel auto-update)');
  });

  it('converges on one PR per environment under redelivery and two racing deliveries', async () => {
    bot = await startBot({ files: settingsFile() });
    bot.commit('main', { [ADVISORY_FILE]: ADVISORY_0099 }, 'Catalog update');
    const [a, b] = await Promise.all([
      bot.deliver('push', undefined, { sender: PEOPLE.secops }),
      bot.deliver('push', undefined, { sender: PEOPLE.secops }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(allSecurityPulls(bot)).toHaveLength(3);
    const heads = new Map([...openSecurityPulls(bot)].map(([env, p]) => [env, bot.repo.pulls.headSha(p)]));
    for (const [, pull] of openSecurityPulls(bot))
      expect(labelsOf(bot, pull.number).sort()).toEqual(['critical', 'security']);

    // GitHub redelivers the same delivery: nothing is written at all.
    const mark = bot.fake.requests.length;
    const again = await bot.deliver('push', undefined, { sender: PEOPLE.secops, deliveryId: a.deliveryId });
    expect(again.status).toBe(200);
    expect(writesSince(bot, mark)).toEqual([]);
    expect(allSecurityPulls(bot)).toHaveLength(3);
    for (const [env, p] of openSecurityPulls(bot)) expect(bot.repo.pulls.headSha(p)).toBe(heads.get(env));
  });

  it('updates the open PR when the catalog changes again, never opening a second one', async () => {
    bot = await startBot({ files: settingsFile() });
    await pushToMain(bot, { [ADVISORY_FILE]: ADVISORY_0099 });
    const before = openSecurityPulls(bot).get('prod-eu')!;
    const firstHead = bot.repo.pulls.headSha(before);
    const { sha } = await pushToMain(bot, { [ADVISORY_FILE]: ADVISORY_0099_REVISED }, PEOPLE.engineer);
    const after = openSecurityPulls(bot).get('prod-eu')!;
    expect(after.number).toBe(before.number);
    expect(allSecurityPulls(bot)).toHaveLength(3);
    const head = bot.repo.pulls.headSha(after);
    expect(head).not.toBe(firstHead);
    expect(bot.repo.git.commit(head)?.parents).toEqual([sha]);
    expect(manifestOn(head, 'prod-eu')).toBe((await compiledAt(bot, sha)).get('prod-eu'));
    expect(after.title).toBe('Security: patch payments 1.2.7 -> 1.2.9 in prod-eu (ACME-2026-0099, critical)');
    expect(after.body).toContain(`push ${sha.slice(0, 7)} by @dana`);
  });

  it('closes a PR with a comment when its advisory is withdrawn, and deletes the branch', async () => {
    bot = await startBot({ files: settingsFile() });
    await pushToMain(bot, { [ADVISORY_FILE]: ADVISORY_0099 });
    const pulls = openSecurityPulls(bot);
    const { sha, delivery } = await pushToMain(
      bot,
      { [ADVISORY_FILE]: null },
      PEOPLE.secops,
      'Withdraw ACME-2026-0099',
    );
    expect(delivery.status).toBe(200);
    expect(openSecurityPulls(bot).size).toBe(0);
    for (const [env, pull] of pulls) {
      const comments = botComments(bot, pull.number);
      expect(comments).toHaveLength(1);
      expect(comments[0]).toContain(
        `Lockstep closed this pull request after push ${sha.slice(0, 7)} by @secops`,
      );
      expect(comments[0]).toContain('ACME-2026-0099 was withdrawn from the catalog');
      expect(bot.repo.git.branch(`lockstep/security/${env}`)).toBeUndefined();
    }
    // A redelivery finds nothing left to close: no second comment.
    await bot.deliver('push', undefined, { sender: PEOPLE.secops, deliveryId: delivery.deliveryId });
    for (const [, pull] of pulls) expect(botComments(bot, pull.number)).toHaveLength(1);
  });

  it('closes the PR of an environment that waives the advisory, saying so, and keeps the others', async () => {
    bot = await startBot({ files: settingsFile() });
    await pushToMain(bot, { [ADVISORY_FILE]: ADVISORY_0099 });
    const prod = openSecurityPulls(bot).get('prod-eu')!;
    const config = bot.read('main', 'environments/prod-eu.yaml') ?? '';
    const waived = config.replace(
      '  waivers:\n',
      '  waivers:\n    - advisory: ACME-2026-0099\n      until: 2026-12-31\n      reason: refunds are disabled in prod-eu until January\n      approvedBy: bob\n',
    );
    expect(waived).not.toBe(config);
    await pushToMain(
      bot,
      { 'environments/prod-eu.yaml': waived },
      PEOPLE.manager,
      'Waive ACME-2026-0099 in prod-eu',
    );
    expect([...openSecurityPulls(bot).keys()].sort()).toEqual(['dev', 'staging']);
    expect(botComments(bot, prod.number)[0]).toContain(
      'ACME-2026-0099 is waived in prod-eu until 2026-12-31 (approved by bob: refunds are disabled in prod-eu until January)',
    );
  });

  it('closes a PR whose fix reached main another way', async () => {
    bot = await startBot({ files: settingsFile() });
    const { sha } = await pushToMain(bot, { [ADVISORY_FILE]: ADVISORY_0099 });
    const dev = openSecurityPulls(bot).get('dev')!;
    const compiled = (await compiledAt(bot, sha)).get('dev') ?? '';
    await pushToMain(
      bot,
      { 'environments/dev.manifest.json': compiled },
      PEOPLE.engineer,
      'lockstep compile dev',
    );
    expect(openSecurityPulls(bot).has('dev')).toBe(false);
    expect(botComments(bot, dev.number)[0]).toContain(
      '`main` already has the manifest compile gives for dev (the fix was merged)',
    );
  });

  it('follows a severity change: relabels what is still enforced, closes what no longer is', async () => {
    bot = await startBot({ files: settingsFile() });
    await pushToMain(bot, { [ADVISORY_FILE]: ADVISORY_0099 });
    const before = openSecurityPulls(bot);
    await pushToMain(bot, { [ADVISORY_FILE]: ADVISORY_0099.replace('severity: critical', 'severity: high') });
    // staging enforces moderate and above: still patched, now labelled high; the others enforce critical.
    const after = openSecurityPulls(bot);
    expect([...after.keys()]).toEqual(['staging']);
    expect(after.get('staging')?.number).toBe(before.get('staging')?.number);
    expect(labelsOf(bot, after.get('staging')!.number).sort()).toEqual(['high', 'security']);
    expect(after.get('staging')?.title).toContain('(ACME-2026-0099, high)');
    expect(botComments(bot, before.get('prod-eu')!.number)[0]).toContain(
      "ACME-2026-0099 (high) is below prod-eu's `security.enforce: critical`",
    );
  });

  it('reports an advisory without a fixed release on the commit and still syncs the other environments', async () => {
    bot = await startBot({ files: settingsFile() });
    // Every 1.3 release is affected and none above exists: dev and staging cannot be patched;
    // 1.2.8 still fixes prod-eu.
    const unfixable = ADVISORY_0099.replace('>=1.3.0 <1.3.2', '>=1.3.0').replace(
      '    - { version: 1.3.2, artifact: registry.example.com/acme/payments:1.3.2 }\n',
      '',
    );
    const { sha, delivery } = await pushToMain(bot, { [ADVISORY_FILE]: unfixable });
    expect(delivery.status).toBe(200);
    expect([...openSecurityPulls(bot).keys()]).toEqual(['prod-eu']);
    expect(bot.repo.git.branch('lockstep/security/dev')).toBeUndefined();
    const run = bot.repo.checks.checkRunsFor(sha, SECURITY_CHECK)[0];
    expect(run?.conclusion).toBe('failure');
    expect(run?.output.summary).toContain('except for the environments below');
    expect(run?.output.summary).toContain('dev: advisory ACME-2026-0099 (critical');
    expect(run?.output.summary).toContain('staging: advisory ACME-2026-0099 (critical');
    expect(run?.output.summary).toContain('Publish a fixed release, or add a waiver');
  });

  it('answers repository_dispatch lockstep-catalog the same way', async () => {
    bot = await startBot({ files: settingsFile() });
    // A release pipeline commits the catalog (no push event reaches the bot) and dispatches.
    bot.commit('main', { [ADVISORY_FILE]: ADVISORY_0099 }, 'Release pipeline: ACME-2026-0099');
    const delivery = await dispatchCatalog(bot);
    expect(delivery.status).toBe(200);
    const pulls = openSecurityPulls(bot);
    expect(pulls.size).toBe(3);
    expect(pulls.get('prod-eu')?.body).toContain('after repository_dispatch lockstep-catalog from @secops');
    // Dispatched again with nothing new: nothing written.
    const mark = bot.fake.requests.length;
    await dispatchCatalog(bot);
    expect(writesSince(bot, mark)).toEqual([]);
  });

  it('reports an invalid catalog on the commit, writes nothing else and leaves open PRs alone', async () => {
    bot = await startBot({ files: settingsFile() });
    await pushToMain(bot, { [ADVISORY_FILE]: ADVISORY_0099 });
    const before = [...openSecurityPulls(bot)].map(([env, p]) => [env, bot.repo.pulls.headSha(p), p.body]);
    const mark = bot.fake.requests.length;
    const { sha, delivery } = await pushToMain(bot, {
      [ADVISORY_FILE]: `${ADVISORY_0099}  - id: [broken\n`,
    });
    expect(delivery.status).toBe(200);
    // The only write: the failing lockstep/security check on the pushed commit.
    expect(writesSince(bot, mark)).toEqual(['checks/create']);
    expect([...openSecurityPulls(bot)].map(([env, p]) => [env, bot.repo.pulls.headSha(p), p.body])).toEqual(
      before,
    );
    const runs = bot.repo.checks.checkRunsFor(sha, SECURITY_CHECK);
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run.conclusion).toBe('failure');
    expect(run.output.summary).toContain(`found errors in the files at \`main\` ${sha.slice(0, 7)}`);
    expect(run.output.summary).toContain('opened, updated and closed no security pull request');
    expect(run.annotations[0]).toMatchObject({ path: ADVISORY_FILE, annotation_level: 'failure' });
    expect(run.annotations[0]?.start_line).toBeGreaterThan(1);
    // Redelivered: the same check run is updated, not repeated.
    await bot.deliver('push', undefined, { sender: PEOPLE.secops, deliveryId: delivery.deliveryId });
    expect(bot.repo.checks.checkRunsFor(sha, SECURITY_CHECK)).toHaveLength(1);
  });
});

describe('security pull requests under faults', () => {
  it('rides out one 502 through Probot retries', async () => {
    bot = await startBot({ files: settingsFile(), resilient: true });
    bot.fake.faults.inject({ operationId: 'pulls/create', kind: 'status', status: 502, times: 1 });
    const { delivery } = await pushToMain(bot, { [ADVISORY_FILE]: ADVISORY_0099 });
    expect(delivery.status).toBe(200);
    expect(allSecurityPulls(bot)).toHaveLength(3);
  });

  it('converges on a rerun after a delivery failed half-way', async () => {
    bot = await startBot({ files: settingsFile(), resilient: true });
    // More 502s than Probot retries (4 tries per request, 3 environments): every PR create fails
    // after its branch was pushed.
    bot.fake.faults.inject({ operationId: 'pulls/create', kind: 'status', status: 502, times: 12 });
    const { sha, delivery } = await pushToMain(bot, { [ADVISORY_FILE]: ADVISORY_0099 });
    expect(delivery.status).toBeGreaterThanOrEqual(500);
    expect(allSecurityPulls(bot)).toHaveLength(0);
    expect(bot.repo.git.branch('lockstep/security/prod-eu')).toBeDefined();
    // GitHub's "Redeliver" (or the next event): one PR per environment, each branch one commit on main.
    const rerun = await bot.deliver('push', undefined, {
      sender: PEOPLE.secops,
      deliveryId: delivery.deliveryId,
    });
    expect(rerun.status).toBe(200);
    expect(allSecurityPulls(bot)).toHaveLength(3);
    const expected = await compiledAt(bot, sha);
    for (const [env, pull] of openSecurityPulls(bot)) {
      const head = bot.repo.pulls.headSha(pull);
      expect(bot.repo.git.commit(head)?.parents).toEqual([sha]);
      expect(manifestOn(head, env)).toBe(expected.get(env));
      expect(labelsOf(bot, pull.number).sort()).toEqual(['critical', 'security']);
    }
  });
});
