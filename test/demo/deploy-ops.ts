import type { Octokit } from '@octokit/rest';
import { changeTable, changeTableMarkdown } from '../../src/cli/render.js';
import { type DeployTag, DIGEST_TRAILER, listDeployTags, nextTag } from './deploy-tags.js';
import { gitHubReader, type RepoRef } from './github-reader.js';
import { type EnvPlan, isBlocked, verdictLine } from './policy-ops.js';
import { short, type Timeline } from './timeline.js';

/** What one deploy did on GitHub. */
export interface DeployOutcome {
  env: string;
  deploymentId: number;
  state: 'success' | 'failure';
  digest: string;
  tag?: string;
  releaseId?: number;
}

/** What deployEnvironment needs: the commit, its plan, whether the PR was approved, and the driver's answer. */
export interface DeployRequest {
  env: string;
  sha: string;
  plan: EnvPlan;
  /** The PR's approvals were enough (only read when the verdict is needs-approval). */
  approved: boolean;
  /** The driver's answer; the demo has no real target, so the story says how the rollout went. */
  driver: { ok: true } | { ok: false; error: string };
  /** The first deploy records what already runs: no gate, the verdict is only shown. */
  baselineImport?: boolean;
}

/**
 * Until the Action lands: the Action's deploy job. Refuses what the core refuses, then a GitHub
 * Deployment on the environment (payload: the digest), statuses in_progress -> success | failure, and
 * for a success the annotated deploy tag with the digest trailer and a Release carrying the manifest.
 */
export async function deployEnvironment(
  octokit: Octokit,
  repo: RepoRef,
  t: Timeline,
  actor: string,
  req: DeployRequest,
): Promise<DeployOutcome> {
  const { env, sha, plan } = req;
  const { candidate, change, verdict } = plan.evaluation;
  if (!candidate || !change || !verdict || isBlocked(plan))
    throw new Error(`${env}: not deployed: ${verdictLine(plan)}`);
  if (verdict.verdict === 'needs-approval' && !req.approved && !req.baselineImport)
    throw new Error(`${env}: not deployed: ${verdict.reason}, and the PR does not have them`);
  const digest = candidate.digest;
  const created = await octokit.rest.repos.createDeployment({
    ...repo,
    ref: sha,
    environment: env,
    payload: { digest },
    auto_merge: false,
    required_contexts: [],
    description: `Lockstep deploy of ${env}`,
    production_environment: env.startsWith('prod'),
  });
  if (!('id' in created.data)) throw new Error(`${env}: GitHub did not create the deployment`);
  const deploymentId = created.data.id;
  t.event(actor, `Deployment ${deploymentId} of ${env} at ${short(sha)}`, `payload ${digest.slice(0, 19)}`);
  const status = async (state: 'in_progress' | 'success' | 'failure', description: string) => {
    await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: deploymentId,
      state,
      description,
    });
    t.event(actor, `  status ${state}: ${description}`, `deployment ${deploymentId}`);
  };
  await status(
    'in_progress',
    `${env}: rolling out ${Object.keys(candidate.capabilities).length} capabilities`,
  );
  if (!req.driver.ok) {
    await status('failure', req.driver.error);
    return { env, deploymentId, state: 'failure', digest };
  }
  await status('success', `${env} runs ${digest.slice(0, 19)}`);

  const tags = await listDeployTags(octokit, repo, env);
  const { tag, n } = nextTag(tags, env);
  const message = [
    `Deploy ${env} #${n}`,
    '',
    verdictLine(plan),
    changeTable(change.changes),
    '',
    `${DIGEST_TRAILER}: ${digest}`,
  ].join('\n');
  const { data: tagObject } = await octokit.rest.git.createTag({
    ...repo,
    tag,
    message,
    object: sha,
    type: 'commit',
    tagger: { name: actor, email: `${actor}@users.noreply.github.com` },
  });
  await octokit.rest.git.createRef({ ...repo, ref: `refs/tags/${tag}`, sha: tagObject.sha });
  t.event(
    actor,
    `annotated tag ${tag} -> ${short(sha)} (${DIGEST_TRAILER} trailer)`,
    `tag ${short(tagObject.sha)}`,
  );

  const rollback = change.rollbackTo ? `Rollback to \`${change.rollbackTo}\`.\n\n` : '';
  const { data: release } = await octokit.rest.repos.createRelease({
    ...repo,
    tag_name: tag,
    name: `${env} #${n}`,
    body: `${rollback}**${verdict.verdict}**: ${verdict.reason}\n\n${changeTableMarkdown(change.changes)}\n\n${DIGEST_TRAILER}: \`${digest}\`\n`,
  });
  const manifestPath = `environments/${env}.manifest.json`;
  const manifestText = await gitHubReader(octokit, repo, sha).read(manifestPath);
  if (manifestText === undefined) throw new Error(`${env}: ${manifestPath} is missing at ${short(sha)}`);
  const { data: asset } = await octokit.rest.repos.uploadReleaseAsset({
    ...repo,
    release_id: release.id,
    name: `${env}.manifest.json`,
    data: manifestText,
    headers: { 'content-type': 'application/json' },
    // The release says where uploads go (uploads.github.com on GitHub, the fake's own URL here).
    baseUrl: new URL(release.upload_url).origin,
  });
  t.event(
    actor,
    `release "${release.name}" with ${asset.name} (${asset.size} bytes)`,
    `release ${release.id}`,
  );
  return { env, deploymentId, state: 'success', digest, tag, releaseId: release.id };
}

/** The manifest attached to a deploy tag's release, as uploaded. */
export async function releaseManifest(
  octokit: Octokit,
  repo: RepoRef,
  deploy: DeployTag,
  env: string,
): Promise<string | undefined> {
  const { data: release } = await octokit.rest.repos.getReleaseByTag({ ...repo, tag: deploy.tag });
  const asset = release.assets.find((a) => a.name === `${env}.manifest.json`);
  if (!asset) return undefined;
  const { data } = await octokit.rest.repos.getReleaseAsset({
    ...repo,
    asset_id: asset.id,
    headers: { accept: 'application/octet-stream' },
  });
  return Buffer.from(data as unknown as ArrayBuffer).toString('utf8');
}
