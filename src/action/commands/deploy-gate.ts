import { type Evaluation, evaluateEnvironment } from '../../core/evaluate.js';
import type { EnvironmentEntry, RepoReader } from '../../core/load/load-repository.js';
import { type ApprovalCount, countApprovals } from '../../core/policy/approvals.js';
import type { VerdictResult } from '../../core/policy/verdict.js';
import { baselineAt } from '../../github/baseline.js';
import { freezeReason } from '../../github/command-freeze.js';
import type { DeployTag, GitHubPort } from '../../github/github-port.js';
import { annotateViolations } from '../annotations.js';
import type { EnvironmentResult } from '../result.js';
import { type CommandContext, tagPrefixOf } from './context.js';

/** What the policy gate found for the one environment of a deploy. */
export interface GateOutcome {
  entry: EnvironmentEntry;
  /** The environment's deploy tags, oldest first. */
  tags: DeployTag[];
  /** A reader at the last deploy's commit (for its manifest on a rollback-on-failure). */
  lastReader?: RepoReader;
  evaluation: Evaluation;
  /** The environment's line of the result (outputs, summary). */
  result: EnvironmentResult;
  /** The approvals counted, for needs-approval. */
  approvals?: ApprovalCount;
  /** Why the deploy is refused; undefined when it may go on. */
  refusal?: string;
}

/**
 * Steps 1 to 3a of deploy: the committed manifest against the last deploy tag (drift, affected
 * versions, expired waivers, blocked), the approvals of the pull request that brought the commit,
 * and the refusal of a manifest older than the last deploy unless it is a rollback.
 */
export async function checkGate(
  ctx: CommandContext,
  sha: string,
  listed?: readonly DeployTag[],
): Promise<GateOutcome> {
  const entry = [...ctx.repo.environments.values()][0];
  if (!entry) throw new Error('deploy: the environment was not loaded');
  // `listed`: judge against these tags (a rerun recomputes what its deploy recorded) without a listing.
  const [tags, freezes] = await Promise.all([
    listed ? [...listed] : ctx.port.deployTags(tagPrefixOf(ctx), entry.name),
    ctx.port.commandFreezes(),
  ]);
  // A `/lockstep freeze` of the bot freezes the gate as the files would (ADR 0010).
  const freeze = freezes.get(entry.name);
  const last = tags.at(-1);
  // At the commit, not the tag name: the reader need not resolve the tag (one request fewer).
  const lastReader = last && ctx.port.readerAt(last.commit);
  const baseline = await baselineAt(lastReader, tags, entry, ctx.validators, ctx.settings.rootInWorkspace);
  const evaluation = evaluateEnvironment(
    entry,
    ctx.repo.catalog,
    baseline,
    ctx.now,
    'committed',
    freeze ? { freezes: [freezeReason(freeze)] } : {},
  );
  const { change, verdict, candidate, violations } = evaluation;
  const result: EnvironmentResult = {
    environment: entry.name,
    baseline: baseline.ref,
    ...(candidate ? { digest: candidate.digest } : {}),
    changed: (change?.changes.length ?? 0) > 0,
    verdict: verdict?.verdict ?? 'blocked',
    reason: verdict?.reason ?? violations[0]?.message ?? '',
    changes: change?.changes ?? [],
    violations,
  };
  const outcome: GateOutcome = {
    entry,
    tags,
    ...(lastReader ? { lastReader } : {}),
    evaluation,
    result,
  };
  // 1. Policy: validate's violations refuse the deploy, annotated where they are.
  annotateViolations(ctx.io, violations, ctx.settings.rootInWorkspace, () => true);
  if (violations.length || !verdict || !change || !candidate || !entry.manifestSource)
    return {
      ...outcome,
      refusal: `${entry.name} not deployed: ${violations.length || 1} policy violation(s): see the annotations and the job summary`,
    };
  // 2. Approvals, verified here from the pull request, so a push around the bot cannot skip them.
  if (verdict.verdict === 'needs-approval') {
    const approvals = await approvalsFor(ctx.port, sha, verdict);
    if (typeof approvals === 'string')
      return { ...outcome, refusal: `${entry.name} not deployed: ${approvals}` };
    outcome.approvals = approvals;
    if (!approvals.satisfied)
      return {
        ...outcome,
        refusal: `${entry.name} not deployed: ${verdict.reason}, and the pull request has ${approvals.summary}`,
      };
  }
  // 3a. An older commit than the last deploy's may only bring back an earlier deploy's manifest.
  if (last && last.commit !== sha && !change.rollback) {
    const relation = await ctx.port.compareCommits(last.commit, sha);
    if (relation === 'behind')
      return {
        ...outcome,
        refusal: `${entry.name} not deployed: ${sha.slice(0, 12)} is older than ${last.tag} (${last.commit.slice(0, 12)}) and its manifest is not an earlier deploy's; revert in a new commit (lockstep rollback) instead of redeploying an old one`,
      };
  }
  return outcome;
}

/**
 * SPEC 4's approval rule on the pull request that brought `sha`: reviews on its head commit, from
 * listed approvers (teams expanded), never its author. A string says why there can be none.
 */
async function approvalsFor(
  port: GitHubPort,
  sha: string,
  verdict: VerdictResult,
): Promise<ApprovalCount | string> {
  const pull = await port.pullForCommit(sha);
  if (!pull)
    return `needs approval but ${sha} did not come through a pull request (${verdict.reason}); merge the change through a reviewed pull request`;
  const approvers = verdict.approvals?.approvers ?? [];
  const teamEntries = approvers.filter((a) => a.startsWith('@') && a.includes('/'));
  const [reviews, members] = await Promise.all([
    port.reviews(pull.number),
    Promise.all(
      teamEntries.map((entry) => {
        const [org = '', slug = ''] = entry.slice(1).split('/');
        return port.teamMembers(org, slug);
      }),
    ),
  ]);
  const teams = new Map(teamEntries.map((entry, i) => [entry, members[i] ?? new Set<string>()]));
  return countApprovals({
    reviews,
    headSha: pull.headSha,
    author: pull.author,
    required: verdict.approvals?.required ?? 1,
    approvers,
    teams,
  });
}
