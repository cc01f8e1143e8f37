import { HTML_BASE, nodeId } from './github-objects.js';
import { checkRunObject } from './handlers/checks.js';
import type { RepoContext } from './handlers/handler-context.js';
import type { CheckRunRecord } from './state/checks-store.js';

/** The fake's objects in the shapes webhook payloads embed them: a push commit, and REST's builders where they fit. */

/** One commit of a push payload's `commits`, with the files it added, removed and modified. */
export function webhookCommit(ctx: RepoContext, sha: string) {
  const { git } = ctx.repo;
  const commit = git.commit(sha);
  if (!commit) throw new Error(`deliverWebhook: no commit ${sha} in ${ctx.repo.fullName}`);
  const changes = git.diff(commit.parents[0], sha);
  const person = (p: { name: string; email: string }) => ({ name: p.name, email: p.email, username: p.name });
  return {
    id: sha,
    tree_id: commit.tree,
    distinct: true,
    message: commit.message,
    timestamp: commit.committer.date,
    url: `${HTML_BASE}/${ctx.repo.fullName}/commit/${sha}`,
    author: person(commit.author),
    committer: person(commit.committer),
    added: changes.filter((c) => c.status === 'added').map((c) => c.filename),
    removed: changes.filter((c) => c.status === 'removed').map((c) => c.filename),
    modified: changes.filter((c) => c.status === 'modified').map((c) => c.filename),
  };
}

/** A check run as check_run payloads show it; `suite` keeps the example's other check_suite fields. */
export function webhookCheckRun(ctx: RepoContext, run: CheckRunRecord, suite: Record<string, unknown>) {
  const pulls = ctx.repo.pulls
    .list()
    .filter((p) => p.state === 'open' && ctx.repo.pulls.headSha(p) === run.headSha)
    .map((p) => {
      const side = (ref: string, sha: string) => ({
        ref,
        sha,
        repo: { id: ctx.repo.id, url: ctx.repoUrl, name: ctx.repo.name },
      });
      return {
        url: `${ctx.repoUrl}/pulls/${p.number}`,
        id: p.id,
        number: p.number,
        head: side(p.head, run.headSha),
        base: side(p.base, ctx.repo.pulls.baseSha(p)),
      };
    });
  const headBranch = ctx.repo.git.branches().find((b) => ctx.repo.git.branch(b) === run.headSha) ?? null;
  return {
    ...checkRunObject(ctx, run),
    name: run.name,
    check_suite: {
      ...suite,
      id: run.suiteId,
      node_id: nodeId('CheckSuite', run.suiteId),
      head_branch: headBranch,
      head_sha: run.headSha,
      url: `${ctx.repoUrl}/check-suites/${run.suiteId}`,
      pull_requests: pulls,
    },
    pull_requests: pulls,
  };
}

/** A deployment and its status as deployment_status payloads show them: the same objects as REST. */
export {
  deploymentObject as webhookDeployment,
  statusObject as webhookDeploymentStatus,
} from './handlers/deployments.js';
