import { nodeId } from '../github-objects.js';
import { githubTime } from '../state/clock.js';
import type {
  DeploymentRecord,
  DeploymentState,
  DeploymentStatusRecord,
} from '../state/deployments-store.js';
import { GitHubError, type HandlerTable, validationFailed } from '../types.js';
import { intParam, paginate, type RepoContext, repoContext, resolveSha } from './handler-context.js';

/** A deployment as REST and webhook payloads show it. */
export function deploymentObject(ctx: RepoContext, d: DeploymentRecord) {
  const url = `${ctx.repoUrl}/deployments/${d.id}`;
  return {
    url,
    id: d.id,
    node_id: nodeId('Deployment', d.id),
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.originalEnvironment,
    environment: d.environment,
    description: d.description,
    creator: ctx.user(d.creator),
    created_at: githubTime(d.createdAt),
    updated_at: githubTime(d.updatedAt),
    statuses_url: `${url}/statuses`,
    repository_url: ctx.repoUrl,
    transient_environment: d.transientEnvironment,
    production_environment: d.productionEnvironment,
  };
}

/** A deployment status as REST and webhook payloads show it. */
export function statusObject(ctx: RepoContext, d: DeploymentRecord, s: DeploymentStatusRecord) {
  const deploymentUrl = `${ctx.repoUrl}/deployments/${d.id}`;
  return {
    url: `${deploymentUrl}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId('DeploymentStatus', s.id),
    state: s.state,
    creator: ctx.user(s.creator),
    description: s.description,
    environment: s.environment,
    target_url: s.targetUrl,
    created_at: githubTime(s.createdAt),
    updated_at: githubTime(s.createdAt),
    deployment_url: deploymentUrl,
    repository_url: ctx.repoUrl,
    environment_url: s.environmentUrl,
    log_url: s.logUrl,
  };
}

/**
 * The contexts that block a deployment of `sha`: GitHub verifies every unique status context and
 * check run by default, or only `required` when given ([] skips the verification).
 */
function failingContexts(ctx: RepoContext, sha: string, required: readonly string[] | undefined) {
  const states = new Map<string, string>();
  for (const s of ctx.repo.checks.latestStatuses(sha)) states.set(s.context, s.state);
  for (const run of ctx.repo.checks.checkRunsFor(sha).reverse()) {
    const passed =
      run.conclusion === 'success' || run.conclusion === 'neutral' || run.conclusion === 'skipped';
    states.set(run.name, passed ? 'success' : (run.conclusion ?? 'pending'));
  }
  const contexts = required ?? [...states.keys()];
  return contexts
    .map((context) => ({ context, state: states.get(context) ?? 'missing' }))
    .filter((c) => c.state !== 'success');
}

interface DeploymentBody {
  ref: string;
  task?: string;
  auto_merge?: boolean;
  required_contexts?: string[];
  payload?: Record<string, unknown> | string;
  environment?: string;
  description?: string | null;
  transient_environment?: boolean;
  production_environment?: boolean;
}

interface DeploymentStatusBody {
  state: DeploymentState;
  target_url?: string;
  log_url?: string;
  description?: string;
  environment?: string;
  environment_url?: string;
  auto_inactive?: boolean;
}

/** Deployments and deployment statuses. */
export const deploymentHandlers: HandlerTable = {
  'repos/create-deployment': (req, state) => {
    const ctx = repoContext(req, state);
    const body = req.body as DeploymentBody;
    const sha = resolveSha(ctx.repo, body.ref);
    if (!sha) throw validationFailed('Deployment', 'ref', 'invalid', `No ref found for: ${body.ref}`);
    // auto_merge (GitHub merges the default branch into an outdated ref) is not simulated.
    const failing = failingContexts(ctx, sha, body.required_contexts);
    if (failing.length > 0) {
      throw new GitHubError(409, `Conflict: Commit status checks failed for ${body.ref}.`, [
        { contexts: failing, resource: 'Deployment', field: 'required_contexts', code: 'invalid' },
      ]);
    }
    const environment = body.environment ?? 'production';
    const deployment = ctx.repo.deployments.create({
      sha,
      ref: body.ref,
      task: body.task ?? 'deploy',
      payload:
        typeof body.payload === 'string' && body.payload !== ''
          ? safeJson(body.payload)
          : (body.payload ?? {}),
      environment,
      originalEnvironment: environment,
      description: body.description ?? null,
      transientEnvironment: body.transient_environment ?? false,
      productionEnvironment: body.production_environment ?? environment === 'production',
      creator: req.actor,
    });
    return { status: 201, body: deploymentObject(ctx, deployment) };
  },
  'repos/list-deployments': (req, state) => {
    const ctx = repoContext(req, state);
    const q = req.query;
    const list = [...ctx.repo.deployments.deployments]
      .reverse()
      .filter((d) => !q.sha || d.sha === q.sha)
      .filter((d) => !q.ref || d.ref === q.ref)
      .filter((d) => !q.task || d.task === q.task)
      .filter((d) => !q.environment || d.environment === q.environment);
    return paginate(
      req,
      list.map((d) => deploymentObject(ctx, d)),
    );
  },
  'repos/get-deployment': (req, state) => {
    const ctx = repoContext(req, state);
    return {
      status: 200,
      body: deploymentObject(ctx, ctx.repo.deployments.get(intParam(req, 'deployment_id'))),
    };
  },
  'repos/delete-deployment': (req, state) => {
    const ctx = repoContext(req, state);
    ctx.repo.deployments.delete(ctx.repo.deployments.get(intParam(req, 'deployment_id')));
    return { status: 204 };
  },
  'repos/create-deployment-status': (req, state) => {
    const ctx = repoContext(req, state);
    const deployment = ctx.repo.deployments.get(intParam(req, 'deployment_id'));
    const body = req.body as DeploymentStatusBody;
    const status = ctx.repo.deployments.addStatus(
      deployment,
      {
        state: body.state,
        description: body.description ?? '',
        environment: body.environment ?? deployment.environment,
        targetUrl: body.target_url ?? body.log_url ?? '',
        logUrl: body.log_url ?? body.target_url ?? '',
        environmentUrl: body.environment_url ?? '',
        creator: req.actor,
      },
      body.auto_inactive ?? true,
    );
    return { status: 201, body: statusObject(ctx, deployment, status) };
  },
  'repos/list-deployment-statuses': (req, state) => {
    const ctx = repoContext(req, state);
    const deployment = ctx.repo.deployments.get(intParam(req, 'deployment_id'));
    // Newest first, as GitHub lists them.
    const statuses = [...deployment.statuses].reverse().map((s) => statusObject(ctx, deployment, s));
    return paginate(req, statuses);
  },
};

/** GitHub stores a JSON string payload as the object it encodes. */
function safeJson(text: string): Record<string, unknown> | string {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : text;
  } catch (error) {
    if (error instanceof SyntaxError) return text;
    throw error;
  }
}
