import { afterEach, describe, expect, it } from 'vitest';
import { type BotHarness, PEOPLE, REPO, startBot } from './harness.js';
import {
  answers,
  compiled,
  devDeployedTwice,
  exampleConfig,
  failedDeployment,
  rollbackPulls,
  settingsText,
  snapshot,
} from './rollback-fixtures.js';

const ANALYTICS_PIN = `${exampleConfig('dev')}\npins:\n  suites:\n    analytics: 1.1.2\n`;

// A failed deployment status of a Lockstep Deployment: a rollback pull request to the last good tag
// when bot.rollbackOnFailure is true, attributed to the deployment; nothing otherwise.
describe('rollback on a failed deployment', () => {
  let bot: BotHarness;
  afterEach(async () => {
    await bot.close();
  });

  /** dev deployed twice, then a third change merged through a pull request whose deploy fails. */
  const failing = async (settings = settingsText()) => {
    bot = await startBot({ files: { '.github/lockstep.yml': settings } });
    const deployed = await devDeployedTwice(bot);
    const files = {
      'environments/dev.yaml': ANALYTICS_PIN,
      'environments/dev.manifest.json': await compiled(bot, 'dev', {
        'environments/dev.yaml': ANALYTICS_PIN,
      }),
    };
    const change = await bot.openPull(PEOPLE.engineer, files, { title: 'Pin analytics', deliver: false });
    const { data: merged } = await bot
      .as(PEOPLE.approver)
      .rest.pulls.merge({ ...REPO, pull_number: change.number });
    const digest = (JSON.parse(files['environments/dev.manifest.json']) as { digest: string }).digest;
    const deploy = (more: { state?: 'failure' | 'error'; rollback?: boolean; digest?: string } = {}) =>
      failedDeployment(bot, { env: 'dev', sha: merged.sha, digest, tag: 'deploy/dev/3', ...more });
    const deliver = (deployment: number, deliveryId?: string) =>
      bot.deliver('deployment_status', 'created', {
        deployment,
        sender: PEOPLE.action,
        ...(deliveryId ? { deliveryId } : {}),
      });
    return { ...deployed, change, merged: merged.sha, digest, deploy, deliver };
  };

  it('opens one pull request back to the last deploy tag, attributed to the deployment', async () => {
    const { second, d2, change, merged, digest, deploy, deliver } = await failing();
    const id = await deploy();
    expect((await deliver(id)).status).toBe(200);
    const [pull] = rollbackPulls(bot);
    expect(rollbackPulls(bot)).toHaveLength(1);
    expect(pull!.title).toBe('Roll back dev to deploy/dev/2');
    const head = bot.repo.pulls.headSha(pull!);
    expect(bot.read(head, 'environments/dev.manifest.json')).toBe(
      bot.read(second, 'environments/dev.manifest.json'),
    );
    expect(bot.read(head, 'environments/dev.yaml')).toBe(
      `${exampleConfig('dev')}hold:\n  reason: rolled back to deploy/dev/2 after a failed deployment of ${digest.slice(0, 19)} (deploy/dev/3)\n  since: 2026-12-02\n`,
    );
    expect(bot.repo.git.commit(head)?.parents).toEqual([merged]);
    const body = pull!.body ?? '';
    expect(body).toContain(
      `[deployment ${id}](https://github.com/acme/platform/actions/runs/77/job/1) of dev (created by @github-actions[bot]) ended in \`failure\`: "health check failed after 3 attempt(s): HTTP 503"`,
    );
    expect(body).toContain('because `bot.rollbackOnFailure` is true');
    expect(body).toContain(
      `| **from**: failed deployment ${id} | deploy/dev/3 | \`${digest}\` | \`${merged.slice(0, 7)}\` |`,
    );
    expect(body).toContain(`| **to** | deploy/dev/2 | \`${d2.digest}\``);
    // Said on the pull request that brought the failed commit.
    const [note] = answers(bot, change.number);
    expect(note).toContain(`[deployment ${id}]`);
    expect(note).toContain(`Lockstep opened #${pull!.number} to roll dev back to deploy/dev/2`);
  });

  it('does not open a second pull request on redelivery, racing deliveries or a second failure', async () => {
    const { deploy, deliver, change } = await failing();
    const id = await deploy();
    const first = await deliver(id);
    const [pull] = rollbackPulls(bot);
    const head = bot.repo.pulls.headSha(pull!);
    await deliver(id, first.deliveryId);
    await Promise.all([deliver(id), deliver(id)]);
    const again = await deploy();
    await deliver(again);
    expect(rollbackPulls(bot)).toHaveLength(1);
    expect(bot.repo.pulls.list().filter((p) => p.state === 'open')).toHaveLength(1);
    // Same files (the hold names no deployment id): no new commit; the body names the latest failure.
    expect(bot.repo.pulls.headSha(bot.repo.pulls.get(pull!.number)!)).toBe(head);
    expect(bot.repo.pulls.get(pull!.number)!.body).toContain(`[deployment ${again}]`);
    // One note per failed deployment on the originating pull request.
    expect(answers(bot, change.number)).toHaveLength(2);
  });

  it('does nothing when bot.rollbackOnFailure is false', async () => {
    const { deploy, deliver, change } = await failing(settingsText({ rollbackOnFailure: false }));
    const id = await deploy();
    const before = snapshot(bot);
    bot.meter.reset();
    expect((await deliver(id)).status).toBe(200);
    expect(snapshot(bot)).toEqual(before);
    expect(answers(bot, change.number)).toEqual([]);
    // Only the settings were read.
    expect(
      bot.meter.operations.filter((op) => !op.includes('/app/') && !op.includes('access_tokens')),
    ).toEqual(['GET /repos/{owner}/{repo}/contents/{path}']);
  });

  it('ignores the error state, Deployments that are not Lockstep’s, and changes nothing for a failed rollback', async () => {
    const { deploy, deliver, change } = await failing();
    const before = snapshot(bot);
    await deliver(await deploy({ state: 'error' }));
    const foreign = await bot.as(PEOPLE.action).rest.repos.createDeployment({
      ...REPO,
      ref: 'main',
      environment: 'dev',
      required_contexts: [],
      payload: { note: 'not Lockstep' },
    });
    const foreignId = 'id' in foreign.data ? foreign.data.id : 0;
    await bot.as(PEOPLE.action).rest.repos.createDeploymentStatus({
      ...REPO,
      deployment_id: foreignId,
      state: 'failure',
    });
    await deliver(foreignId);
    expect(snapshot(bot)).toEqual(before);
    await deliver(await deploy({ rollback: true }));
    expect(snapshot(bot)).toEqual(before);
    const [note] = answers(bot, change.number);
    expect(answers(bot, change.number)).toHaveLength(1);
    expect(note).toContain('It was itself a rollback, so Lockstep does not roll it back automatically');
  });

  it('says why when the failed deployment was the last good manifest itself', async () => {
    const { d2, deploy, deliver, change } = await failing();
    const before = snapshot(bot);
    await deliver(await deploy({ digest: d2.digest }));
    expect(snapshot(bot)).toEqual(before);
    expect(answers(bot, change.number)[0]).toContain(
      "It deployed the manifest of deploy/dev/2, dev's last successful deploy, so there is no earlier good state to roll back to automatically.",
    );
  });
});
