import { isMap, isScalar, type Node, parseDocument, stringify } from 'yaml';
import { LockstepError } from '../../core/errors.js';
import type { Manifest } from '../../core/generated/schema-types.js';
import { manifestDigest } from '../../core/manifest/build-manifest.js';
import { EXIT } from '../cli-io.js';
import type { DeployEntry } from '../deploy-history.js';
import { deploysOf, openWorkspace, parseAs, refuseUncommitted } from '../workspace.js';
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
  const target = pickTarget(deploys, ctx.to, env);
  const files = await target.files();
  const manifestText = files[entry.manifestPath];
  const configText = files[entry.source.path];
  const manifest = parseAs<Manifest>(ctx.validators, 'manifest', entry.manifestPath, manifestText);
  if (!manifest || configText === undefined || manifestText === undefined) {
    throw new LockstepError(
      'E_STATE',
      `${target.tag} does not hold a valid ${entry.manifestPath} and ${entry.source.path}; pick another tag with --to`,
    );
  }
  if (manifest.digest !== target.digest || manifestDigest(manifest) !== target.digest) {
    throw new LockstepError(
      'E_STATE',
      `${target.tag}: ${entry.manifestPath} does not match the digest recorded at deploy (${target.digest}); the tag was altered, pick another with --to`,
    );
  }
  const reason = `rolled back from ${last?.tag ?? 'nothing'} to ${target.tag}`;
  const config = withHold(configText, reason, ctx.io.now().toISOString().slice(0, 10), entry.source.path);
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

function pickTarget(deploys: readonly DeployEntry[], to: string | undefined, env: string): DeployEntry {
  if (to !== undefined) {
    const found = deploys.find((d) => d.tag === to || String(d.n) === to);
    if (!found)
      throw new LockstepError(
        'E_USAGE',
        `no deploy '${to}' of ${env} (deploys: ${deploys.map((d) => d.tag).join(', ') || 'none'})`,
      );
    return found;
  }
  const previous = deploys.at(-2);
  if (!previous)
    throw new LockstepError(
      'E_USAGE',
      `${env} has ${deploys.length} deploy(s); a rollback needs an earlier one (or name it with --to)`,
    );
  return previous;
}

/**
 * The tag's config text with `hold` set: the bytes as they were, plus the hold block (replacing the
 * tag's own hold, if it had one), so the rollback changes nothing else in the file.
 */
function withHold(text: string, reason: string, since: string, path: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents))
    throw new LockstepError('E_STATE', `${path} at that tag is not a valid environment file`);
  const block = stringify({ hold: { reason, since } });
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'hold');
  const start = (pair?.key as Node | undefined)?.range?.[0];
  const end = (pair?.value as Node | undefined)?.range?.[2];
  if (start === undefined || end === undefined) return `${text}${text.endsWith('\n') ? '' : '\n'}${block}`;
  const rest = text.slice(end);
  return `${text.slice(0, start)}${block}${rest.startsWith('\n') ? rest.slice(1) : rest}`;
}
