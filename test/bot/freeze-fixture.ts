import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Octokit } from '@octokit/rest';
import { type BotHarness, EXAMPLES, PEOPLE, REPO } from './harness.js';

/** Settings without the dashboard, so that the freeze tests see the freeze feature's calls alone. */
export const SETTINGS = 'bot:\n  dashboard: false\n  commanders: ["@acme/release-managers", "@acme/sre"]\n';
const PROD_EU = readFileSync(join(EXAMPLES, 'environments/prod-eu.yaml'), 'utf8');
/** The examples' staging config (manual approval, approvers listed). */
export const STAGING = readFileSync(join(EXAMPLES, 'environments/staging.yaml'), 'utf8');
/** The examples with nothing frozen at NOW: prod-eu on manual approval (its year-end window is later). */
export const UNFROZEN = {
  '.github/lockstep.yml': SETTINGS,
  'environments/prod-eu.yaml': PROD_EU.replace('channel: frozen', 'channel: manual-approval'),
};
const PUT_PROTECTION: string = 'PUT /repos/{owner}/{repo}/branches/{branch}/protection';

/** The protection of main as GitHub answers it (read as the owner), or null. */
export async function protection(bot: BotHarness): Promise<unknown> {
  try {
    return (await bot.as('acme').rest.repos.getBranchProtection({ ...REPO, branch: 'main' })).data;
  } catch {
    return null;
  }
}

/** The checks main requires and whether they bind administrators; null without protection. */
export async function requiredOnMain(
  bot: BotHarness,
): Promise<{ contexts: string[]; enforceAdmins: boolean } | null> {
  const data = bot.repo.protection.branches.get('main');
  if (!data) return null;
  const checks = data.required_status_checks;
  const contexts = checks?.checks?.map((c) => c.context) ?? checks?.contexts ?? [];
  return { contexts, enforceAdmins: data.enforce_admins === true };
}

/** The refs under refs/lockstep/, sorted. */
export const lockstepRefs = (bot: BotHarness) =>
  [...bot.repo.git.refs.keys()].filter((r) => r.startsWith('refs/lockstep/')).sort();
/** The bot's comments on an issue. */
export const answers = (bot: BotHarness, issue: number) =>
  bot.repo.issues
    .commentsOn(issue)
    .filter((c) => c.user === PEOPLE.bot)
    .map((c) => c.body);
/** The newest comment's id. */
export const lastComment = (bot: BotHarness, issue: number): number => {
  const id = bot.repo.issues.commentsOn(issue).at(-1)?.id;
  if (id === undefined) throw new Error(`no comment on #${issue}`);
  return id;
};
/** A new issue to write commands in. */
export const newIssue = (bot: BotHarness) =>
  bot.repo.issues.create({ title: 'Operations', body: '', user: PEOPLE.engineer }).number;
/** The data of refs/lockstep/protection/main, if it exists. */
export const memory = (bot: BotHarness) => {
  const sha = bot.repo.git.refs.get('refs/lockstep/protection/main');
  return sha ? JSON.parse(bot.repo.git.readFile(sha, 'record.json') ?? 'null') : undefined;
};
/** GraphQL queries are POSTs that change nothing; mutations do. */
const isQuery = (body: unknown) =>
  typeof body === 'object' && body !== null && 'query' in body && !/^\s*mutation\b/.test(String(body.query));
/** Requests since `mark` that change something, from anyone. */
export const writesSince = (bot: BotHarness, mark: number) =>
  bot.fake.requests
    .slice(mark)
    .filter((r) => r.method !== 'GET' && !r.path.startsWith('/app/'))
    .filter((r) => !(r.operationId === 'graphql' && isQuery(r.body)))
    .map((r) => r.operationId);

/** A branch protection set by hand by the owner: reviews, restrictions, pinned checks, flags. */
export function humanProtection(appId: number) {
  return {
    required_status_checks: {
      strict: true,
      checks: [{ context: 'ci/build', app_id: appId }, { context: 'ci/lint' }],
    },
    enforce_admins: false,
    required_pull_request_reviews: {
      dismissal_restrictions: { users: ['alice'], teams: ['release-managers'], apps: ['lockstep'] },
      dismiss_stale_reviews: true,
      require_code_owner_reviews: true,
      required_approving_review_count: 2,
      require_last_push_approval: true,
      bypass_pull_request_allowances: { users: ['bob'], teams: ['sre'], apps: [] },
    },
    restrictions: { users: ['dana'], teams: ['release-managers'], apps: ['lockstep'] },
    required_linear_history: true,
    allow_force_pushes: false,
    allow_deletions: false,
    block_creations: true,
    required_conversation_resolution: true,
    lock_branch: false,
    allow_fork_syncing: true,
  };
}

/** Sets the protection of main as the owner would, in the PUT's shape. */
export async function protectByHand(octokit: Octokit, body: object): Promise<void> {
  await octokit.request(PUT_PROTECTION, { ...REPO, branch: 'main', ...body });
}
