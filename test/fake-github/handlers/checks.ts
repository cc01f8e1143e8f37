import { nodeId } from '../github-objects.js';
import {
  type CheckRunInput,
  type CheckRunRecord,
  combinedState,
  type StatusRecord,
  type StatusState,
} from '../state/checks-store.js';
import { githubTime } from '../state/clock.js';
import { type FakeRequest, type HandlerTable, notFound, validationFailed } from '../types.js';
import {
  intParam,
  minimalRepository,
  paginate,
  type RepoContext,
  repoContext,
  resolveSha,
} from './handler-context.js';

const AVATAR = 'https://avatars.githubusercontent.com/oa/4';

function statusObject(ctx: RepoContext, s: StatusRecord) {
  return {
    url: `${ctx.repoUrl}/statuses/${s.sha}`,
    avatar_url: AVATAR,
    id: s.id,
    node_id: nodeId('StatusContext', s.id),
    state: s.state,
    description: s.description,
    target_url: s.targetUrl,
    context: s.context,
    created_at: githubTime(s.createdAt),
    updated_at: githubTime(s.updatedAt),
    creator: ctx.user(s.creator),
  };
}

/** A check run as REST shows it; webhook payloads add the suite's details. */
export function checkRunObject(ctx: RepoContext, run: CheckRunRecord) {
  const url = `${ctx.repoUrl}/check-runs/${run.id}`;
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: nodeId('CheckRun', run.id),
    external_id: run.externalId ?? '',
    url,
    html_url: `https://github.com/${ctx.repo.fullName}/runs/${run.id}`,
    details_url: run.detailsUrl ?? `https://github.com/${ctx.repo.fullName}/runs/${run.id}`,
    status: run.status,
    conclusion: run.conclusion === 'stale' ? null : run.conclusion,
    started_at: githubTime(run.startedAt),
    completed_at: run.completedAt ? githubTime(run.completedAt) : null,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.annotations.length,
      annotations_url: `${url}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.suiteId },
    app: creatorApp(ctx, run),
    pull_requests: [],
  };
}

/**
 * The GitHub App that created a run (`<slug>[bot]` acting through an installation token), as GitHub
 * shows it; null for a run a plain user token created, which GitHub itself would refuse.
 */
function creatorApp(ctx: RepoContext, run: CheckRunRecord) {
  const slug = run.creator.endsWith('[bot]') ? run.creator.slice(0, -'[bot]'.length) : undefined;
  const app = slug === undefined ? undefined : ctx.repo.global.apps.bySlug(slug);
  if (!app) return null;
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId('Integration', app.id),
    client_id: `Iv1.${app.id.toString(16).padStart(16, '0')}`,
    owner: ctx.user(app.owner.login),
    name: app.name,
    description: null,
    external_url: `https://example.com/${app.slug}`,
    html_url: `https://github.com/apps/${app.slug}`,
    created_at: githubTime(app.createdAt),
    updated_at: githubTime(app.createdAt),
    permissions: app.permissions,
    events: app.events,
  };
}

/** The commit SHA for a `ref` path parameter, or GitHub's 404 "No commit found for SHA: ..." style error. */
function refSha(req: FakeRequest, ctx: RepoContext): string {
  const sha = resolveSha(ctx.repo, req.params.ref ?? '');
  if (!sha) throw notFound();
  return sha;
}

interface StatusBody {
  state: StatusState;
  target_url?: string | null;
  description?: string | null;
  context?: string;
}

/** Commit statuses and check runs. */
export const checkHandlers: HandlerTable = {
  'repos/create-commit-status': (req, state) => {
    const ctx = repoContext(req, state);
    const body = req.body as StatusBody;
    const sha = resolveSha(ctx.repo, req.params.sha ?? '');
    if (!sha)
      throw validationFailed('Status', 'sha', 'invalid', `No commit found for SHA: ${req.params.sha ?? ''}`);
    const status = ctx.repo.checks.addStatus({
      sha,
      state: body.state,
      context: body.context ?? 'default',
      description: body.description ?? null,
      targetUrl: body.target_url ?? null,
      creator: req.actor,
    });
    return {
      status: 201,
      body: statusObject(ctx, status),
      headers: { location: `${ctx.repoUrl}/statuses/${sha}` },
    };
  },
  'repos/get-combined-status-for-ref': (req, state) => {
    const ctx = repoContext(req, state);
    const sha = refSha(req, ctx);
    const latest = ctx.repo.checks.latestStatuses(sha);
    const statuses = latest.map((s) => {
      const { creator: _creator, ...simple } = statusObject(ctx, s);
      return { ...simple, required: null };
    });
    return {
      status: 200,
      body: {
        state: combinedState(latest),
        statuses,
        sha,
        total_count: statuses.length,
        repository: minimalRepository(ctx),
        commit_url: `${ctx.repoUrl}/commits/${sha}`,
        url: `${ctx.repoUrl}/commits/${sha}/status`,
      },
    };
  },
  'repos/list-commit-statuses-for-ref': (req, state) => {
    const ctx = repoContext(req, state);
    const sha = refSha(req, ctx);
    return paginate(
      req,
      ctx.repo.checks.statusesFor(sha).map((s) => statusObject(ctx, s)),
    );
  },
  'checks/create': (req, state) => {
    const ctx = repoContext(req, state);
    const body = req.body as CheckRunInput & { name: string; head_sha: string };
    const sha = resolveSha(ctx.repo, body.head_sha);
    if (!sha)
      throw validationFailed('CheckRun', 'head_sha', 'invalid', `No commit found for SHA: ${body.head_sha}`);
    const run = ctx.repo.checks.createCheckRun(sha, body.name, req.actor, body);
    return { status: 201, body: checkRunObject(ctx, run) };
  },
  'checks/update': (req, state) => {
    const ctx = repoContext(req, state);
    const run = ctx.repo.checks.updateCheckRun(intParam(req, 'check_run_id'), req.body as CheckRunInput);
    return { status: 200, body: checkRunObject(ctx, run) };
  },
  'checks/get': (req, state) => {
    const ctx = repoContext(req, state);
    return {
      status: 200,
      body: checkRunObject(ctx, ctx.repo.checks.checkRun(intParam(req, 'check_run_id'))),
    };
  },
  'checks/list-for-ref': (req, state) => {
    const ctx = repoContext(req, state);
    const sha = refSha(req, ctx);
    let runs = ctx.repo.checks.checkRunsFor(sha, req.query.check_name);
    if (req.query.status) runs = runs.filter((r) => r.status === req.query.status);
    if (req.query.app_id) runs = runs.filter((r) => String(creatorApp(ctx, r)?.id) === req.query.app_id);
    if (req.query.filter !== 'all') {
      // filter=latest (the default) keeps the newest run of each name.
      const seen = new Set<string>();
      runs = runs.filter((r) => !seen.has(r.name) && seen.add(r.name));
    }
    const page = paginate(
      req,
      runs.map((r) => checkRunObject(ctx, r)),
    );
    return { ...page, body: { total_count: runs.length, check_runs: page.body } };
  },
  'checks/list-annotations': (req, state) => {
    const ctx = repoContext(req, state);
    const run = ctx.repo.checks.checkRun(intParam(req, 'check_run_id'));
    const blob = `https://github.com/${ctx.repo.fullName}/blob/${run.headSha}`;
    return paginate(
      req,
      run.annotations.map((a) => ({ ...a, blob_href: `${blob}/${a.path}` })),
    );
  },
};
