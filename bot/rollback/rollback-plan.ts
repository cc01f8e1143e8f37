import { LockstepError } from '../../src/core/errors.js';
import type { Evaluation } from '../../src/core/evaluate.js';
import { evaluateEnvironment } from '../../src/core/evaluate.js';
import type { Environment, Manifest } from '../../src/core/generated/schema-types.js';
import { loadRepository } from '../../src/core/load/load-repository.js';
import { manifestDigest } from '../../src/core/manifest/build-manifest.js';
import { securityPolicy } from '../../src/core/resolve/context.js';
import { type AffectedVersion, enforcedAdvisoriesIn } from '../../src/core/rollback/enforced-advisories.js';
import { verifyReleaseManifest, verifyTagFiles } from '../../src/core/rollback/verify-rollback-files.js';
import { type Hold, withHold } from '../../src/core/rollback/with-hold.js';
import { baselineAt } from '../../src/github/baseline.js';
import { commandFreezesIn } from '../../src/github/command-freeze.js';
import type { DeployTag } from '../../src/github/github-port.js';
import type { BotContext } from '../bot-context.js';
import { FREEZE_PREFIX, freezeReason } from '../freeze/freeze-records.js';
import { readRepositorySnapshot } from '../read-snapshot.js';
import { filesAtTags, mapReader, overlay, parseAs } from './head-files.js';
import { newestReleases, releaseAssetText } from './read-at-ref.js';
import {
  NAME_OPTION,
  pickTags,
  type RollbackTags,
  rollbackTagsRest,
  type TargetChoice,
} from './rollback-tags.js';

/** A rollback ready to be written: its target verified, the proposed state judged by the core. */
export interface RollbackPlan {
  environment: string;
  /** The default branch's head the pull request builds on, and the manifest committed there. */
  base: { branch: string; commit: string; manifestDigest: string | undefined };
  /** The last deploy (what runs, as far as Lockstep recorded). */
  from: DeployTag;
  /** The deploy whose files the rollback restores. */
  to: DeployTag;
  configPath: string;
  manifestPath: string;
  /** The files as the pull request writes them: the tag's, plus the hold in the config. */
  files: { config: string; manifest: string };
  hold: Hold;
  /** The core's judgement of the default branch with these files: what `lockstep/policy` will say. */
  evaluation: Evaluation;
  /** Versions of the restored manifest that an advisory enforced now affects. */
  affected: AffectedVersion[];
  /** `approvals.approvers` of the environment as configured now (who may force). */
  approvers: string[];
}

/** What to roll back, and the hold's reason once the deploys involved are known. */
export interface RollbackRequest {
  environment: string;
  choice: TargetChoice;
  holdReason: (tags: RollbackTags) => string;
}

/**
 * Reads and checks everything a rollback needs in two rounds of requests, and judges the result with
 * the core. Throws a LockstepError (usage, state or input) for every refusal; writes nothing.
 *
 * 1. One GraphQL request reads the default branch's head: settings, catalog, environments, deploy
 *    tags with their digests, command freezes (src/github/graphql-snapshot.ts); meanwhile the newest
 *    releases are listed. The environment must exist; the target tag is picked (rollback-tags.ts).
 * 2. One GraphQL request reads the environment's files at the target and the last tag, while the
 *    target release's manifest is downloaded.
 * 3. Verify: the manifest at the tag, the tag's digest trailer and the release's manifest agree.
 * 4. The tag's files plus the hold, over the head, loaded and judged like `validate` at the PR head.
 */
export async function planRollback(ctx: BotContext, request: RollbackRequest): Promise<RollbackPlan> {
  const env = request.environment;
  const { environmentsDir, tagPrefix } = ctx.settings;
  const releasesRead = newestReleases(ctx);
  releasesRead.catch(() => undefined); // awaited below, unless a refusal comes first
  const snapshot = await readRepositorySnapshot(ctx, ctx.defaultBranch, [FREEZE_PREFIX]);
  const head = snapshot.reader;
  const names = await head.list(environmentsDir);
  const file = names.find((n) => n === `${env}.yaml` || n === `${env}.yml`);
  if (!file) {
    const known = new Set(names.flatMap((n) => /^(.+)\.ya?ml$/.exec(n)?.[1] ?? []));
    throw new LockstepError(
      'E_USAGE',
      `unknown environment '${env}' (known: ${[...known].join(', ') || 'none'})`,
    );
  }
  const configPath = `${environmentsDir}/${file}`;
  const manifestPath = `${environmentsDir}/${env}.manifest.json`;
  const listed = snapshot.deployTags?.get(env) ?? [];
  const tags = snapshot.deployTags
    ? pickTags(
        listed,
        listed.map((t) => t.tag),
        env,
        tagPrefix,
        request.choice,
      )
    : await rollbackTagsRest(ctx, env, request.choice);
  const { last, target } = tags;
  const assetName = `${env}.manifest.json`;
  const releases = await releasesRead;
  const [atTags, released, freezes] = await Promise.all([
    filesAtTags(ctx, [target, last], [configPath, manifestPath]),
    releaseAssetText(ctx, releases, target.tag, assetName),
    commandFreezesIn(ctx.octokit, ctx.coordinates, snapshot),
  ]);
  const at = (tag: DeployTag, path: string) => atTags.get(`${tag.commit}:${path}`);
  const verified = verifyTagFiles(
    {
      tag: target.tag,
      digest: target.digest,
      configPath,
      manifestPath,
      configText: at(target, configPath),
      manifestText: at(target, manifestPath),
    },
    ctx.validators,
    NAME_OPTION,
  );
  verifyReleaseManifest(
    { tag: target.tag, digest: target.digest, assetName, text: released },
    ctx.validators,
    NAME_OPTION,
  );
  const committed = parseAs<Manifest>(
    ctx.validators,
    'manifest',
    manifestPath,
    await head.read(manifestPath),
  );
  const committedDigest = committed && manifestDigest(committed);
  if (committedDigest === target.digest)
    throw new LockstepError(
      'E_USAGE',
      `${manifestPath} on ${ctx.defaultBranch} (${snapshot.commit.slice(0, 7)}) already is the manifest of ${target.tag} (${target.digest}): there is nothing to roll back`,
    );

  const hold: Hold = { reason: request.holdReason(tags), since: ctx.now.toISOString().slice(0, 10) };
  const files = { config: withHold(verified.configText, hold, configPath), manifest: verified.manifestText };
  const proposed = new Map([
    [configPath, files.config],
    [manifestPath, files.manifest],
  ]);
  const repo = await loadRepository(overlay(head, proposed), ctx.validators, { environments: [env] });
  const entry = repo.environments.get(env)!;
  const deploys = [...new Map([target, last].map((t) => [t.tag, t])).values()].sort((a, b) => a.n - b.n);
  const lastFiles = new Map([configPath, manifestPath].map((p) => [p, at(last, p)]));
  const baseline = await baselineAt(mapReader(lastFiles), deploys, entry, ctx.validators, '');
  const freeze = freezes.get(env);
  const evaluation = evaluateEnvironment(
    entry,
    repo.catalog,
    baseline,
    ctx.now,
    'committed',
    freeze ? { freezes: [freezeReason(freeze)] } : {},
  );
  const policy = securityPolicy(entry.config, repo.catalog, ctx.now);
  const current = parseAs<Environment>(
    ctx.validators,
    'environment',
    configPath,
    await head.read(configPath),
  );
  return {
    environment: env,
    base: { branch: ctx.defaultBranch, commit: snapshot.commit, manifestDigest: committedDigest },
    from: last,
    to: target,
    configPath,
    manifestPath,
    files,
    hold,
    evaluation,
    affected: enforcedAdvisoriesIn(verified.manifest, repo.catalog, policy),
    approvers: current?.approvals?.approvers ?? [],
  };
}
