import { deployWorkflow } from './deploy-workflow.js';
import { protectionText } from './github-view.js';
import { comment, merge, openPull } from './people.js';
import { commitFiles, resetBranch } from './repo-ops.js';
import { DEMO_REPO, PEOPLE } from './setup.js';
import { botHears, numberIn, pushHeard, type StoryContext } from './steps.js';
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

/** Acts 4 and 5: a security PR through the frozen prod-eu, merged when green; a freeze by command. */
export async function playIncidents(ctx: StoryContext): Promise<{ catalog: number; security: number }> {
  const { catalog, security } = await securityPull(ctx);
  await freezeAndUnfreeze(ctx);
  return { catalog, security };
}

/**
 * Act 4. secops proposes the advisory in a catalog pull request (main is protected: prod-eu is frozen
 * by its channel). The bot's policy check passes it: prod-eu's patch is a follow-up its security PR
 * brings after the merge. The merge is a push: the bot opens lockstep/security/prod-eu; GitHub tells
 * the bot its own PR opened (policy check), then that the check suite completed, and the bot merges it
 * (`securityMerge: when-green`). That merge is a push too: the Action deploys prod-eu.
 */
async function securityPull(ctx: StoryContext): Promise<{ catalog: number; security: number }> {
  const { t, demo } = ctx;
  t.act('a critical advisory, and a security PR through the freeze');
  const before = demo.repo.git.branch('main') ?? '';
  const branch = 'catalog/acme-2026-0063';
  const gh = demo.as(PEOPLE.secops);
  await resetBranch(gh, DEMO_REPO, branch, before);
  const proposed = await commitFiles(
    gh,
    DEMO_REPO,
    branch,
    { [ADVISORY_FILE]: `${JSON.stringify(ADVISORY, null, 2)}\n` },
    'catalog: ACME-2026-0063 (critical) and directory 2.4.6',
  );
  t.event(
    PEOPLE.secops,
    'pushes ACME-2026-0063 (critical, directory <2.4.6) and directory 2.4.6 to a branch',
    `${branch} ${short(proposed)}`,
  );
  const catalogPull = await openPull(demo, PEOPLE.secops, {
    branch,
    title: 'catalog: ACME-2026-0063 (critical)',
    body: 'The directory advisory and its fixed release, from the security release pipeline.',
  });
  t.event(
    PEOPLE.secops,
    `opens PR #${catalogPull.number} "catalog: ACME-2026-0063"`,
    `PR #${catalogPull.number}`,
  );
  await botHears(ctx, 'pull_request', 'opened', PEOPLE.secops, { pull: catalogPull.number });
  const pushed = await merge(demo, PEOPLE.secops, catalogPull.number);
  t.event(PEOPLE.secops, `merges PR #${catalogPull.number} into main`, `main ${short(pushed)}`);
  const answers = await pushHeard(ctx, PEOPLE.secops, before, pushed);
  await deployWorkflow(ctx, before, pushed);
  const number = numberIn(answers, /^opens PR #\d+ "Security/);
  if (number === undefined) throw new Error('the bot opened no security pull request for the advisory');
  const pull = demo.repo.pulls.get(number);
  if (!pull) throw new Error(`no pull request #${number}`);
  const head = demo.repo.pulls.headSha(pull);
  await botHears(ctx, 'pull_request', 'opened', PEOPLE.bot, { pull: number, about: `PR #${number}` });
  const mainBefore = demo.repo.git.branch('main') ?? '';
  await botHears(ctx, 'check_suite', 'completed', PEOPLE.bot, {
    about: `${short(head)}: the app's checks finished`,
    payload: {
      check_suite: { head_sha: head, head_branch: pull.head, status: 'completed', conclusion: 'success' },
    },
  });
  const merged = demo.repo.git.branch('main') ?? '';
  if (merged === mainBefore) throw new Error(`the bot did not merge security PR #${number} when green`);
  await pushHeard(ctx, PEOPLE.bot, mainBefore, merged);
  await deployWorkflow(ctx, mainBefore, merged);
  return { catalog: catalogPull.number, security: number };
}

/**
 * Act 5. carol-ops freezes staging by command (a load test on the shared database), then lifts it.
 * prod-eu is frozen by its channel, so main has been protected since the first push: the freeze adds
 * a record the policy counts and the answers say what main requires.
 */
async function freezeAndUnfreeze(ctx: StoryContext): Promise<void> {
  const { t, demo } = ctx;
  t.act('/lockstep freeze and unfreeze');
  const issue = dashboardNumber(ctx);
  const protection = () => protectionText(demo.repo.protection.branches.get('main'));
  for (const body of [
    '/lockstep freeze staging load test on the shared reports database',
    '/lockstep unfreeze staging',
  ]) {
    const id = await comment(demo, PEOPLE.sre, issue, body);
    t.event(PEOPLE.sre, `comments on #${issue}: ${body}`, `comment ${id}`);
    const before = protection();
    await botHears(ctx, 'issue_comment', 'created', PEOPLE.sre, { issue, comment: id });
    // A change of the protection is an answer of its own; unchanged, say why.
    if (protection() === before)
      t.detail(`main stays protected (${before}): prod-eu is frozen by its channel`);
  }
}

/** The Deployment Dashboard issue the bot keeps. */
export function dashboardNumber(ctx: StoryContext): number {
  const issue = [...ctx.demo.repo.issues.issues.values()].find(
    (i) => i.title === 'Lockstep Deployment Dashboard',
  );
  if (!issue) throw new Error('the bot has not opened the Deployment Dashboard issue');
  return issue.number;
}
