import { type CatalogIndex, type ItemKey, itemName } from '../../core/catalog/catalog-index.js';
import { compileEnvironment } from '../../core/compile.js';
import { closest } from '../../core/did-you-mean.js';
import { LockstepError } from '../../core/errors.js';
import { type Explanation, explainItem } from '../../core/explain.js';
import { EXIT } from '../cli-io.js';
import { textTable } from '../render.js';
import { openWorkspace } from '../workspace.js';
import { type Command, printJson, say } from './context.js';

/**
 * `lockstep explain ENV ITEM`: compiles ENV in memory (nothing is written) and shows why ITEM got its
 * version: where it came from, every constraint that applied, and why each higher release lost.
 */
export const explainCommand: Command = async (ctx) => {
  const [env, text, ...rest] = ctx.args;
  if (!env || !text || rest.length)
    throw new LockstepError(
      'E_USAGE',
      'explain takes an environment and an item: lockstep explain ENV ITEM (ITEM: platform, suite:NAME, capability:NAME or NAME)',
    );
  const ws = await openWorkspace(ctx.root, [env], ctx.validators);
  const entry = ws.repo.environments.get(env)!;
  // A mistyped item is a usage error before any compile work, and before any resolve error.
  const item = parseItem(text, ws.repo.catalog);
  const outcome = compileEnvironment(entry, ws.repo.catalog, ctx.io.now());
  const explanation = explainItem(entry, ws.repo.catalog, outcome, item);
  if (ctx.json) printJson(ctx, { ok: true, ...explanation });
  else say(ctx, renderExplanation(explanation));
  return EXIT.ok;
};

/** The explanation as text for a person: origin, constraints table, rejected releases, advisories. */
export function renderExplanation(e: Explanation): string {
  const lines = [`${e.environment}: ${e.item} ${e.version ?? '(not deployed)'}`, `  ${e.origin.text}`];
  if (e.version === null) return lines.join('\n');
  lines.push('', 'Constraints:');
  // The range is in each text too; a column of its own would repeat it.
  const rows = e.constraints.map((c) => [c.kind, c.source, c.text]);
  lines.push(indent(textTable(['kind', 'source', 'what'], rows)));
  lines.push('', `Higher releases (${e.rejected.length}):`);
  if (!e.rejected.length) lines.push(`  none: ${e.version} is the highest release of ${itemName(e.item)}`);
  for (const r of e.rejected) {
    lines.push(`  ${r.version} rejected:`);
    for (const reason of r.reasons) lines.push(`    - ${reason.kind}: ${reason.text}`);
  }
  lines.push(`Lower releases: ${e.lowerReleases} (not listed)`);
  lines.push('', `Advisories affecting ${e.version}:${e.advisories.length ? '' : ' none'}`);
  for (const a of e.advisories)
    lines.push(`  ${a.id} (${a.severity}, '${a.affected}') ${a.summary}: ${a.text}`);
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/**
 * Reads ITEM as the command line gives it: `platform`, `suite:NAME`, `capability:NAME` or a bare NAME
 * that is exactly one suite or capability. Anything else is a usage error naming the known items.
 */
export function parseItem(text: string, catalog: CatalogIndex): ItemKey {
  const keys = (m: ReadonlyMap<string, unknown>, level: string) =>
    [...m.keys()].sort().map((n) => `${level}:${n}` as ItemKey);
  const known: ItemKey[] = [
    'platform',
    ...keys(catalog.suites, 'suite'),
    ...keys(catalog.capabilities, 'capability'),
  ];
  if (known.includes(text as ItemKey)) return text as ItemKey;
  const bare = known.filter((k) => k !== 'platform' && itemName(k) === text);
  if (bare.length === 1) return bare[0]!;
  if (bare.length > 1)
    throw new LockstepError(
      'E_USAGE',
      `'${text}' is both a suite and a capability: write ${bare.join(' or ')}`,
    );
  const bareText = text.slice(text.indexOf(':') + 1);
  const guess = closest(text, known) ?? closest(bareText, known, (key) => itemName(key as ItemKey));
  const hint = guess ? `; did you mean '${guess}'?` : '.';
  const list = known.length > 30 ? `${known.slice(0, 30).join(', ')}, ...` : known.join(', ');
  throw new LockstepError(
    'E_USAGE',
    `unknown item '${text}'${hint} Known items: ${list}. Write platform, suite:NAME, capability:NAME or a bare NAME`,
  );
}
