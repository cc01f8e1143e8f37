import { LockstepError } from '../../core/errors.js';
import { pickRollbackTarget } from '../../core/rollback/pick-rollback-target.js';
import { verifyTagFiles } from '../../core/rollback/verify-rollback-files.js';
import { withHold } from '../../core/rollback/with-hold.js';
import { EXIT } from '../cli-io.js';
import { deploysOf, openWorkspace, refuseUncommitted } from '../workspace.js';
import { writeFilesAtomically } from '../write-files.js';
import { type Command, printJson, say } from './context.js';

/**
 * `lockstep rollback ENV [--to TAG]`: writes the environment's files of an earlier deploy back into the
 * working tree, exactly as the revert PR would, and sets `hold` so automation does not undo it. The
 * manifest is byte-identical to the tag's; the next deploy deploys it and validate sees a rollback.
 */
export const rollbackCommand: Command = async (ctx) => {
  const [env, ...rest] = ctx.args;
  if (!env || rest.length)
    throw new LockstepError(
      'E_USAGE',
      'rollback takes exactly one environment: lockstep rollback ENV [--to TAG]',
    );
  const ws = await openWorkspace(ctx.root, [env], ctx.validators);
  const entry = ws.repo.environments.get(env)!;
  await refuseUncommitted(ws, entry, 'a rollback would overwrite them');
  const deploys = await deploysOf(ws, entry);
  const last = deploys.at(-1);
  const target = pickRollbackTarget(deploys, ctx.to, env);
  const files = await target.files();
  const { configText, manifestText } = verifyTagFiles(
    {
      tag: target.tag,
      digest: target.digest,
      configPath: entry.source.path,
      manifestPath: entry.manifestPath,
      configText: files[entry.source.path],
      manifestText: files[entry.manifestPath],
    },
    ctx.validators,
  );
  const reason = `rolled back from ${last?.tag ?? 'nothing'} to ${target.tag}`;
  const config = withHold(
    configText,
    { reason, since: ctx.io.now().toISOString().slice(0, 10) },
    entry.source.path,
  );
  await writeFilesAtomically(
    ws.root,
    new Map([
      [entry.source.path, config],
      [entry.manifestPath, manifestText],
    ]),
  );
  say(
    ctx,
    `${env}: ${reason}; wrote ${entry.source.path} (hold set) and ${entry.manifestPath} (${target.digest}).\nCommit them, then run lockstep deploy ${env}. Remove the hold when the environment may update again.`,
  );
  if (ctx.json)
    printJson(ctx, {
      ok: true,
      environment: env,
      from: last?.tag ?? null,
      to: target.tag,
      digest: target.digest,
      files: [entry.source.path, entry.manifestPath],
    });
  return EXIT.ok;
};
