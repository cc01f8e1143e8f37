import { userInfo } from 'node:os';
import { join } from 'node:path';
import { LockstepError } from '../../core/errors.js';
import { evaluateEnvironment } from '../../core/evaluate.js';
import { EXIT } from '../cli-io.js';
import { type DeployRecordFile, DIGEST_TRAILER, deployTag, STATE_DIR } from '../deploy-history.js';
import { changeTable, violationLines } from '../render.js';
import { baselineOf, deploysOf, environmentPaths, openWorkspace, refuseUncommitted } from '../workspace.js';
import { writeFilesAtomically } from '../write-files.js';
import { type Command, printJson, say } from './context.js';

/**
 * `lockstep deploy ENV [--dry-run]` with the embedded directory driver: refuse drift, violations and
 * blocked changes; write .lockstep/<env>/deployed.manifest.json and a history record; in a Git
 * repository, tag the deployed commit `deploy/<env>/<n>`.
 */
export const deployCommand: Command = async (ctx) => {
  const [env, ...rest] = ctx.args;
  if (!env || rest.length)
    throw new LockstepError('E_USAGE', 'deploy takes exactly one environment: lockstep deploy ENV');
  const ws = await openWorkspace(ctx.root, [env], ctx.validators);
  const entry = ws.repo.environments.get(env)!;
  const deploys = await deploysOf(ws, entry);
  const baseline = await baselineOf(ws, entry, deploys);
  const evaluation = evaluateEnvironment(entry, ws.repo.catalog, baseline, ctx.io.now(), 'committed');
  const { change, verdict, candidate, violations } = evaluation;

  if (violations.length || !verdict || !change || !candidate) {
    ctx.io.stderr(`${violationLines(violations)}\n${env}: not deployed\n`);
    if (ctx.json) printJson(ctx, { ok: false, environment: env, deployed: false, violations });
    return EXIT.violation;
  }
  await refuseUncommitted(ws, entry, 'the deploy tag must record what was deployed');
  const last = deploys.at(-1);
  if (last?.digest === candidate.digest) {
    say(ctx, `${env}: ${candidate.digest} is already deployed as ${last.tag}; nothing to do\n`);
    if (ctx.json)
      printJson(ctx, {
        ok: true,
        environment: env,
        deployed: false,
        tag: last.tag,
        digest: candidate.digest,
        changes: [],
      });
    return EXIT.ok;
  }
  const n = (last?.n ?? 0) + 1;
  const tag = deployTag(ws.repo.settings.tagPrefix, env, n);
  const note =
    verdict.verdict === 'needs-approval'
      ? `note: on GitHub this change would need approval: ${verdict.reason}${verdict.approvals?.approvers.length ? ` (approvers: ${verdict.approvals.approvers.join(', ')})` : ''}\n`
      : '';
  const driver = entry.config.deploy?.driver ?? 'directory';
  const driverNote =
    driver === 'directory'
      ? ''
      : `note: ${env} deploys with the ${driver} driver on GitHub; the CLI deploys locally with the directory driver\n`;

  if (ctx.dryRun) {
    say(
      ctx,
      `${env}: would deploy ${candidate.digest} as ${tag} (${verdict.verdict}: ${verdict.reason})\n${changeTable(change.changes)}\n${note}${driverNote}`,
    );
    if (ctx.json)
      printJson(ctx, {
        ok: true,
        environment: env,
        deployed: false,
        dryRun: true,
        tag,
        digest: candidate.digest,
        verdict: verdict.verdict,
        changes: change.changes,
      });
    return EXIT.ok;
  }

  const commit = ws.git ? await ws.git.exec(['rev-parse', 'HEAD']) : undefined;
  const by = ws.git
    ? await ws.git.exec(['config', 'user.name']).catch(() => userInfo().username)
    : userInfo().username;
  const files: Record<string, string> = {};
  for (const path of environmentPaths(entry)) files[path] = (await ws.reader.read(path)) ?? '';
  const record: DeployRecordFile = {
    environment: env,
    n,
    tag,
    digest: candidate.digest,
    time: ctx.io.now().toISOString(),
    ...(commit ? { commit } : {}),
    by,
    verdict: verdict.verdict,
    changes: change.changes,
    files,
  };
  // The driver's target first, then the tag, then the record: a failed tag leaves no record, so the
  // next deploy takes the same number instead of skipping or overwriting one.
  const stateDir = join(STATE_DIR, env);
  await writeFilesAtomically(
    ws.root,
    new Map([[join(stateDir, 'deployed.manifest.json'), files[entry.manifestPath]!]]),
  );
  if (ws.git) {
    const message = [
      `Deploy ${env} #${n}`,
      '',
      `${verdict.verdict}: ${verdict.reason}`,
      changeTable(change.changes),
      '',
      `${DIGEST_TRAILER}: ${candidate.digest}`,
    ].join('\n');
    await ws.git.exec(['tag', '-a', tag, '-m', message, commit!]);
  }
  await writeFilesAtomically(
    ws.root,
    new Map([[join(stateDir, 'deploys', `${n}.json`), `${JSON.stringify(record, null, 2)}\n`]]),
  );
  say(
    ctx,
    `${env}: deployed ${candidate.digest} as ${tag}${change.rollback ? ` (rollback to ${change.rollbackTo})` : ''}\n${changeTable(change.changes)}\n${note}${driverNote}`,
  );
  if (ctx.json)
    printJson(ctx, {
      ok: true,
      environment: env,
      deployed: true,
      tag,
      n,
      digest: candidate.digest,
      commit: commit ?? null,
      verdict: verdict.verdict,
      rollback: change.rollback,
      changes: change.changes,
    });
  return EXIT.ok;
};
