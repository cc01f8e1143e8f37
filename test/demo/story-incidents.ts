import { stringify } from 'yaml';
import { compileEnvironment } from '../../src/core/compile.js';
import type { Manifest } from '../../src/core/generated/schema-types.js';
import { manifestDigest } from '../../src/core/manifest/build-manifest.js';
import { deployEnvironment, releaseManifest } from './deploy-ops.js';
import { listDeployTags } from './deploy-tags.js';
import { gitHubReader } from './github-reader.js';
import { loadAt, NOW, planAt } from './policy-ops.js';
import { commitFiles, headOf, type OpenedPull, openPull, resetBranch } from './repo-ops.js';
import { PEOPLE } from './setup.js';
import { approve, mergeAndDeploy, planOnPull, type StoryContext } from './story.js';
import { short } from './timeline.js';

/** A critical advisory on directory 2.4.x, with its fix, as release tooling would publish them. */
const ADVISORY_FILE = 'catalog/advisories-2026-12.json';
const ADVISORY = {
  apiVersion: 'lockstep/v1',
  kind: 'Catalog',
  capabilities: {
    directory: [{ version: '2.4.6', artifact: 'registry.example.com/acme/directory:2.4.6' }],
  },
  advisories: [
    {
      id: 'ACME-2026-0063',
      severity: 'critical',
      capability: 'directory',
      affected: '>=2.4.0 <2.4.6',
      summary: 'LDAP filter injection in group lookups',
      published: '2026-12-02',
    },
  ],
};

/** Acts 5 and 6: a security auto-PR through a frozen environment, then a failed deploy and its rollback. */
export async function playIncidents(
  ctx: StoryContext,
): Promise<{ pulls: { security: number; rollback: number }; failedDeployment: number }> {
  const security = await securityPull(ctx);
  await mergeAndDeploy(ctx, security, PEOPLE.bot, 'prod-eu');
  const failedDeployment = await failedDeploy(ctx);
  const rollback = await rollbackPull(ctx);
  await approve(ctx, rollback, [PEOPLE.approver, PEOPLE.manager]);
  await mergeAndDeploy(ctx, rollback, PEOPLE.engineer, 'staging');
  return { pulls: { security: security.number, rollback: rollback.number }, failedDeployment };
}

/**
 * Act 5. The advisory lands on main; until the bot lands: its push handler compiles every environment
 * with the core, and opens lockstep/security/<env> for each whose manifest the advisory changes.
 */
async function securityPull(ctx: StoryContext): Promise<OpenedPull> {
  const { t, repo } = ctx;
  t.act('a critical advisory, and a security PR through the freeze');
  const pushed = await commitFiles(
    ctx.as(PEOPLE.secops),
    repo,
    'main',
    { [ADVISORY_FILE]: `${JSON.stringify(ADVISORY, null, 2)}\n` },
    'catalog: ACME-2026-0063 (critical) and directory 2.4.6',
  );
  t.event(
    PEOPLE.secops,
    `pushes ACME-2026-0063 (critical, directory <2.4.6) and directory 2.4.6`,
    `main ${short(pushed)}`,
  );
  const bot = ctx.as(PEOPLE.bot);
  const loaded = await loadAt(bot, repo, pushed);
  const changed = [...loaded.environments.values()]
    .map((entry) => ({ entry, compiled: compileEnvironment(entry, loaded.catalog, NOW) }))
    .filter((c) => c.compiled.changed);
  const target = changed.find((c) => c.entry.name === 'prod-eu');
  if (!target || changed.length !== 1)
    throw new Error(
      `expected only prod-eu to change, got: ${changed.map((c) => c.entry.name).join(', ') || 'none'}`,
    );
  const { entry, compiled } = target;
  const fresh = compiled.manifest.security.patches.filter((p) => p.advisory === ADVISORY.advisories[0]!.id);
  t.event(
    PEOPLE.bot,
    `compiles at ${short(pushed)}: prod-eu (frozen) needs ${fresh.length} enforced patch(es)`,
  );
  const branch = `lockstep/security/${entry.name}`;
  await resetBranch(bot, repo, branch, pushed);
  const head = await commitFiles(
    bot,
    repo,
    branch,
    { [entry.manifestPath]: compiled.text },
    `${entry.name}: apply ACME-2026-0063`,
  );
  const body = [
    `**ACME-2026-0063** (critical): ${ADVISORY.advisories[0]!.summary}.`,
    '',
    '| item | from | to | overrides |',
    '| --- | --- | --- | --- |',
    ...fresh.map(
      (p) => `| ${p.item} | ${p.from ?? '-'} | ${p.to ?? '-'} | ${p.overrides.join(', ') || '-'} |`,
    ),
    '',
    `\`${entry.name}\` is ${compiled.freeze.frozen ? 'frozen' : entry.config.channel}; enforced security patches apply regardless (SPEC 4).`,
  ].join('\n');
  const pull = await openPull(bot, repo, {
    head: branch,
    title: `security: ${entry.name}: ACME-2026-0063 (critical)`,
    body,
    author: PEOPLE.bot,
  });
  await bot.rest.issues.addLabels({ ...repo, issue_number: pull.number, labels: ['security', 'critical'] });
  const moves = fresh.map((p) => `${p.item} ${p.from} -> ${p.to}`).join(', ');
  t.event(PEOPLE.bot, `opens PR #${pull.number} on ${branch}: ${moves}`, `PR #${pull.number} ${short(head)}`);
  t.detail(
    `labels security, critical; overrides: ${[...new Set(fresh.flatMap((p) => p.overrides))].join(', ')}`,
  );
  await planOnPull(ctx, pull, PEOPLE.bot);
  return pull;
}

/**
 * Act 6, first half. Until the Action lands: carol-ops re-runs staging's deploy after a node-pool
 * change, and the driver reports failure; the Deployment ends in `failure` and no tag is made.
 */
async function failedDeploy(ctx: StoryContext): Promise<number> {
  const { t, repo } = ctx;
  t.act('a failed deploy, and a rollback PR');
  const gh = ctx.as(PEOPLE.sre);
  const main = await headOf(gh, repo, 'main');
  t.event(PEOPLE.sre, `re-runs the staging deploy after a node-pool change`, `main ${short(main)}`);
  const plan = (await planAt(gh, repo, main)).get('staging')!;
  const outcome = await deployEnvironment(gh, repo, t, PEOPLE.action, {
    env: 'staging',
    sha: main,
    plan,
    approved: true,
    driver: { ok: false, error: 'analytics 1.2.0: schema migration failed on the new nodes' },
  });
  return outcome.deploymentId;
}

/**
 * Act 6, second half. Until the bot lands (settings: bot.rollbackOnFailure): the rollback PR brings
 * back staging's files exactly as at the deploy before the last, checks the manifest against the
 * tag's trailer and release asset, and sets `hold` so automation does not undo it.
 */
async function rollbackPull(ctx: StoryContext): Promise<OpenedPull> {
  const { t, repo } = ctx;
  const bot = ctx.as(PEOPLE.bot);
  const tags = await listDeployTags(bot, repo, 'staging');
  const last = tags.at(-1);
  const target = tags.at(-2);
  if (!last || !target) throw new Error(`staging has ${tags.length} deploy(s); a rollback needs two`);
  const atTag = gitHubReader(bot, repo, target.commit);
  const configPath = 'environments/staging.yaml';
  const manifestPath = 'environments/staging.manifest.json';
  const [configText, manifestText] = [await atTag.read(configPath), await atTag.read(manifestPath)];
  if (configText === undefined || manifestText === undefined)
    throw new Error(`${target.tag} lacks staging's files`);
  // The digest is checked, not the asset's bytes: the fake re-serializes JSON uploads (test/fake-github).
  const asset = await releaseManifest(bot, repo, target, 'staging');
  const digests = [manifestText, asset].map((text) => {
    const manifest = text === undefined ? undefined : (JSON.parse(text) as Manifest);
    return manifest && manifest.digest === manifestDigest(manifest) ? manifest.digest : undefined;
  });
  if (digests.some((d) => d !== target.digest))
    throw new Error(
      `${target.tag}: the manifest at the tag, its release asset and the tag's trailer disagree`,
    );
  t.event(
    PEOPLE.bot,
    `deployment failed: rolls staging back from ${last.tag} to ${target.tag}`,
    target.digest.slice(0, 19),
  );
  t.detail(
    `digest of ${manifestPath} at ${short(target.commit)} = release asset's = ${target.tag}'s trailer`,
  );
  const hold = stringify({
    hold: { reason: `rolled back from ${last.tag} to ${target.tag}`, since: NOW.toISOString().slice(0, 10) },
  });
  const main = await headOf(bot, repo, 'main');
  const branch = 'lockstep/rollback/staging';
  await resetBranch(bot, repo, branch, main);
  const files = {
    [configPath]: `${configText}${configText.endsWith('\n') ? '' : '\n'}${hold}`,
    [manifestPath]: manifestText,
  };
  const head = await commitFiles(bot, repo, branch, files, `staging: roll back to ${target.tag}`);
  const pull = await openPull(bot, repo, {
    head: branch,
    title: `rollback: staging to ${target.tag}`,
    body: `The deployment of staging failed. This restores \`${configPath}\` and \`${manifestPath}\` exactly as deployed at \`${target.tag}\` (${target.digest}), and sets \`hold\` so automation does not undo the rollback. Remove the hold when staging may update again.`,
    author: PEOPLE.bot,
  });
  await bot.rest.issues.addLabels({ ...repo, issue_number: pull.number, labels: ['rollback'] });
  t.event(
    PEOPLE.bot,
    `opens PR #${pull.number} on ${branch} (hold set)`,
    `PR #${pull.number} ${short(head)}`,
  );
  await planOnPull(ctx, pull, PEOPLE.bot);
  return pull;
}
