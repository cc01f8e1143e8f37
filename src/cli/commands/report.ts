import { LockstepError } from '../../core/errors.js';
import { evaluateEnvironment } from '../../core/evaluate.js';
import type { Manifest } from '../../core/generated/schema-types.js';
import type { EnvironmentEntry } from '../../core/load/load-repository.js';
import { type Change, classifyChange } from '../../core/policy/classify.js';
import { buildReport, type DeployInfo, type ReportEnvironmentInput } from '../../core/report/build-report.js';
import { renderHtml } from '../../core/report/render-html.js';
import { renderMarkdown } from '../../core/report/render-markdown.js';
import { EXIT } from '../cli-io.js';
import { type DeployEntry, type DeployRecordFile, deployRecords, STATE_DIR } from '../deploy-history.js';
import { baselineOf, deploysOf, openWorkspace, parseAs, type Workspace } from '../workspace.js';
import type { Command, CommandContext } from './context.js';

const FORMATS = ['md', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];

/**
 * `lockstep report [--format md|json|html]`: a compliance report of every environment from the local
 * history and deploy tags: deploys, current versions, enforced patches, waivers, freeze and hold
 * state, and the violations validate would report. The report is printed in every case; the exit is
 * 0 when it lists no violation, 1 when it lists violations, 2 for usage or input errors.
 */
export const reportCommand: Command = async (ctx) => {
  const format = formatOf(ctx);
  if (ctx.args.length)
    throw new LockstepError(
      'E_USAGE',
      `report covers every environment and takes no ENV (got ${ctx.args.join(' ')})`,
    );
  const ws = await openWorkspace(ctx.root, [], ctx.validators);
  const now = ctx.io.now();
  const environments: ReportEnvironmentInput[] = [];
  for (const entry of ws.repo.environments.values()) {
    const history = await deploysOf(ws, entry);
    const baseline = await baselineOf(ws, entry, history);
    environments.push({
      config: entry.config,
      ...(entry.manifest ? { manifest: entry.manifest } : {}),
      // The same evaluation as validate, so the report and validate never disagree on violations.
      evaluation: evaluateEnvironment(entry, ws.repo.catalog, baseline, now, 'committed'),
      baselineRef: baseline.ref,
      deploys: await deployInfos(ws, entry, history),
    });
  }
  const report = buildReport({ environments }, now);
  const render = { md: renderMarkdown, html: renderHtml, json: toJson }[format];
  ctx.io.stdout(render(report));
  return report.ok ? EXIT.ok : EXIT.violation;
};

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** `--format`, with `--json` as a synonym of `--format json`. */
function formatOf(ctx: CommandContext): Format {
  const format = ctx.format ?? (ctx.json ? 'json' : 'md');
  if (!FORMATS.includes(format as Format))
    throw new LockstepError('E_USAGE', `unknown --format ${format}; use md, json or html`);
  if (ctx.json && format !== 'json')
    throw new LockstepError('E_USAGE', `--json asks for JSON but --format asks for ${format}; use one`);
  return format as Format;
}

/**
 * Deploys as the report shows them. Verdict and changes come from the directory driver's record of
 * the deploy when it is on disk (it is not committed, so a fresh clone lacks it); otherwise the
 * changes are derived from the manifests of consecutive deploys, and the verdict is unknown.
 */
async function deployInfos(
  ws: Workspace,
  entry: EnvironmentEntry,
  history: readonly DeployEntry[],
): Promise<DeployInfo[]> {
  const infos: DeployInfo[] = [];
  for (const [i, d] of history.entries()) {
    const record = await recordOf(ws, d);
    const changes = record?.changes ?? (await derivedChanges(ws, entry, history, i));
    infos.push({
      tag: d.tag,
      n: d.n,
      time: d.time,
      digest: d.digest,
      ...(d.by ? { by: d.by } : {}),
      ...(d.commit ? { commit: d.commit } : {}),
      ...(record?.verdict ? { verdict: record.verdict } : {}),
      ...(changes ? { changes } : {}),
    });
  }
  return infos;
}

/** The deploy's record under .lockstep/, when present and about this very deploy. */
async function recordOf(
  ws: Workspace,
  d: DeployEntry,
): Promise<{ verdict?: string; changes: Change[] } | undefined> {
  const text = await ws.reader.read(`${STATE_DIR}/${d.environment}/deploys/${d.n}.json`);
  if (text === undefined) return undefined;
  let record: Partial<DeployRecordFile>;
  try {
    record = JSON.parse(text) as Partial<DeployRecordFile>;
  } catch (error) {
    // A damaged record only costs the report its detail; the tag remains the record of the deploy.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  // A record left over from another history (tags deleted, numbers reused) says nothing of this deploy.
  if (record.tag !== d.tag || record.digest !== d.digest || !Array.isArray(record.changes)) return undefined;
  return {
    changes: record.changes as Change[],
    ...(typeof record.verdict === 'string' ? { verdict: record.verdict } : {}),
  };
}

/** The change from the deploy before (none for the first) to deploy `i`, read from the deployed files. */
async function derivedChanges(
  ws: Workspace,
  entry: EnvironmentEntry,
  history: readonly DeployEntry[],
  i: number,
): Promise<Change[] | undefined> {
  const manifest = await deployedManifest(ws, entry, history[i]!);
  if (!manifest) return undefined;
  const before = i > 0 ? await deployedManifest(ws, entry, history[i - 1]!) : undefined;
  if (i > 0 && !before) return undefined;
  return classifyChange(before, manifest, deployRecords(history.slice(0, i))).changes;
}

async function deployedManifest(
  ws: Workspace,
  entry: EnvironmentEntry,
  d: DeployEntry,
): Promise<Manifest | undefined> {
  const files = await d.files();
  return parseAs<Manifest>(ws.validators, 'manifest', entry.manifestPath, files[entry.manifestPath]);
}
