import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BotHarness, PEOPLE, REPO, startBot } from './harness.js';
import {
  answers,
  devDeployedTwice,
  opsIssue,
  rollbackPulls,
  settingsText,
  snapshot,
} from './rollback-fixtures.js';

// Every bad rollback a user can ask for: a polite answer that says why and what to do, and nothing
// written (no branch, no pull request, no ref, no release touched).
describe('/lockstep rollback refusals', () => {
  let bot: BotHarness;
  let issue: number;
  beforeEach(async () => {
    bot = await startBot({ files: { '.github/lockstep.yml': settingsText() } });
    issue = opsIssue(bot);
  });
  afterEach(async () => {
    await bot.close();
  });

  /** Runs the command as dana and returns the one answer, checking that nothing was written. */
  const refused = async (command: string): Promise<string> => {
    const before = snapshot(bot);
    const delivery = await bot.comment(PEOPLE.engineer, issue, command);
    expect(delivery.status).toBe(200);
    expect(snapshot(bot)).toEqual(before);
    expect(rollbackPulls(bot)).toEqual([]);
    const said = answers(bot, issue);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(`@dana asked [\`${command}\`]`);
    expect(said[0]).toContain('Nothing was changed.');
    return said[0]!;
  };

  it('an unknown environment', async () => {
    expect(await refused('/lockstep rollback qa')).toContain(
      "Sorry, I did not roll back qa: unknown environment 'qa' (known: dev, prod-eu, staging).",
    );
  });

  it('an environment never deployed, and one deployed once', async () => {
    expect(await refused('/lockstep rollback dev')).toContain(
      'dev has no deploy yet (no deploy/dev/<n> deploy tag): there is nothing to roll back to.',
    );
    await bot.recordDeploy('staging');
    issue = opsIssue(bot);
    expect(await refused('/lockstep rollback staging')).toContain(
      'staging has 1 deploy(s); a rollback needs an earlier one (or name it with `to <tag>`).',
    );
  });

  it('an unknown tag, and a tag of another environment', async () => {
    await devDeployedTwice(bot);
    await bot.recordDeploy('staging');
    expect(await refused('/lockstep rollback dev to deploy/dev/9')).toContain(
      "no deploy 'deploy/dev/9' of dev (deploys: deploy/dev/1, deploy/dev/2).",
    );
    issue = opsIssue(bot);
    expect(await refused('/lockstep rollback dev to deploy/staging/1')).toContain(
      "deploy/staging/1 is a deploy tag of staging, not of dev; name one of dev's deploy tags (deploys: deploy/dev/1, deploy/dev/2).",
    );
  });

  it('a tag whose manifest is already the one committed: nothing to roll back', async () => {
    const { second, d2 } = await devDeployedTwice(bot);
    expect(await refused('/lockstep rollback dev to deploy/dev/2')).toContain(
      `environments/dev.manifest.json on main (${second.slice(0, 7)}) already is the manifest of deploy/dev/2 (${d2.digest}): there is nothing to roll back.`,
    );
  });

  it('a tag whose digest trailer does not match its manifest (the tag was altered)', async () => {
    const { first, d2 } = await devDeployedTwice(bot);
    // Someone with write access re-points deploy/dev/1 at a tag object claiming deploy/dev/2's digest.
    const action = bot.as(PEOPLE.action);
    const { data: forged } = await action.rest.git.createTag({
      ...REPO,
      tag: 'deploy/dev/1',
      message: `Deploy dev #1\n\nLockstep-Digest: ${d2.digest}`,
      object: first,
      type: 'commit',
    });
    await action.rest.git.updateRef({ ...REPO, ref: 'tags/deploy/dev/1', sha: forged.sha, force: true });
    expect(await refused('/lockstep rollback dev')).toContain(
      `deploy/dev/1: environments/dev.manifest.json does not match the digest recorded at deploy (${d2.digest}); the tag was altered, pick another with \`to <tag>\`.`,
    );
  });

  it('a release whose manifest was altered, and a release without the manifest', async () => {
    const { d1 } = await devDeployedTwice(bot);
    const release = bot.repo.releases.byTag('deploy/dev/1')!;
    const asset = release.assets[0]!;
    // The asset now says payments 1.3.1 but keeps the digest field of the deployed manifest.
    asset.data = Buffer.from(asset.data.toString('utf8').replace('payments:1.3.0', 'payments:1.3.1'));
    const said = await refused('/lockstep rollback dev');
    expect(said).toMatch(
      new RegExp(
        `deploy/dev/1: the release's dev\\.manifest\\.json has digest sha256:[0-9a-f]{64} \\(its digest field says ${d1.digest}\\), not the digest recorded at deploy \\(${d1.digest}\\); the release or the tag was altered`,
      ),
    );
    release.assets.splice(0);
    issue = opsIssue(bot);
    expect(await refused('/lockstep rollback dev')).toContain(
      'deploy/dev/1: the release of the tag has no dev.manifest.json to verify the manifest against; attach the deployed manifest to the release, or pick another tag with `to <tag>`.',
    );
  });

  it('a tag whose manifest is not text (read through REST, as GraphQL does not inline it)', async () => {
    const { d1 } = await devDeployedTwice(bot);
    const broken = bot.commit('elsewhere', { 'environments/dev.manifest.json': '{\u0000}' });
    const action = bot.as(PEOPLE.action);
    const { data: tag } = await action.rest.git.createTag({
      ...REPO,
      tag: 'deploy/dev/3',
      message: `Deploy dev #3\n\nLockstep-Digest: ${d1.digest}`,
      object: broken,
      type: 'commit',
    });
    await action.rest.git.createRef({ ...REPO, ref: 'refs/tags/deploy/dev/3', sha: tag.sha });
    const mark = bot.fake.requests.length;
    expect(await refused('/lockstep rollback dev to deploy/dev/3')).toContain(
      'deploy/dev/3 does not hold a valid environments/dev.manifest.json and environments/dev.yaml; pick another tag with `to <tag>`.',
    );
    expect(bot.requestsSince(mark)).toContain('repos/get-content');
  });

  it('a repository with input errors on the default branch', async () => {
    await devDeployedTwice(bot);
    bot.commit('main', { 'catalog/broken.yaml': 'apiVersion: lockstep/v1\nkind: Catalog\nplatform: [\n' });
    const said = await refused('/lockstep rollback dev');
    expect(said).toContain(
      'Sorry, I did not roll back dev: the repository has input errors; fix them first:',
    );
    expect(said).toMatch(/^catalog\/broken\.yaml:\d+:\d+: /m);
  });
});
