import type { CatalogIndex } from '../../core/catalog/catalog-index.js';
import { type Baseline, evaluateEnvironment } from '../../core/evaluate.js';
import type { Manifest } from '../../core/generated/schema-types.js';
import type { EnvironmentEntry } from '../../core/load/load-repository.js';
import { classifyChange } from '../../core/policy/classify.js';
import type { DeployInfo, ReportEnvironmentInput } from '../../core/report/build-report.js';
import { overdueCritical } from '../../core/report/overdue-critical.js';
import type { DeployTag, GitHubPort } from '../../github/github-port.js';
import { matchDeployments, type ReportReads } from './report-github.js';

/** The latest deploys of each environment whose GitHub facts are read; older ones show their tag only. */
export const RECENT_DEPLOYS = 10;

/** What gathering one environment needs. */
export interface GatherInput {
  port: GitHubPort;
  reads: ReportReads;
  prefix: string;
  catalog: CatalogIndex;
  now: Date;
  overdueDays: number;
}

/**
 * One environment's report input from GitHub: its deploy tags, the Deployments of the latest ones
 * with their final state, the pull request and approvers of each deployed commit, the release of
 * each tag, the manifest at each tag (patches, waivers, changes), then the committed state judged
 * against the last tag exactly as validate judges it, and the critical advisories still deployed.
 */
export async function gatherEnvironment(
  g: GatherInput,
  entry: EnvironmentEntry,
): Promise<ReportEnvironmentInput> {
  const tags = await g.port.deployTags(g.prefix, entry.name);
  const recent = tags.slice(-RECENT_DEPLOYS);
  // Failed attempts have Deployments but no tag: read a few more than the tags shown.
  const deployments = await g.port.deployments(entry.name, { limit: recent.length + 5 });
  const byTag = matchDeployments(recent, deployments);
  // One tag before the window too, so the oldest deploy shown has its change.
  const withPrevious = tags.slice(-RECENT_DEPLOYS - 1);
  const manifests = new Map<string, Manifest | undefined>(
    await Promise.all(
      withPrevious.map(async (t) => [t.tag, await g.reads.manifestAt(t.commit, entry.manifestPath)] as const),
    ),
  );
  const deploys: DeployInfo[] = [];
  for (const [i, t] of tags.entries()) {
    const older = tags.slice(0, i).map((x) => ({ tag: x.tag, digest: x.digest }));
    deploys.push(
      recent.includes(t)
        ? await recentDeploy(g, entry, t, byTag.get(t.tag), manifests, tags[i - 1], older)
        : { tag: t.tag, n: t.n, time: 'unknown', digest: t.digest, commit: t.commit },
    );
  }

  const last = tags.at(-1);
  const lastManifest = last ? manifests.get(last.tag) : undefined;
  const lastConfig = last ? await g.reads.configAt(last.commit, entry.source.path) : undefined;
  const baseline: Baseline = {
    ref: last?.tag ?? 'none',
    deploys: tags.map((t) => ({ tag: t.tag, digest: t.digest })),
    ...(lastManifest ? { manifest: lastManifest } : {}),
    ...(lastConfig ? { config: lastConfig } : {}),
  };
  const tagOf = new Map([...byTag].map(([tag, d]) => [d.id, tag]));
  return {
    config: entry.config,
    ...(entry.manifest ? { manifest: entry.manifest } : {}),
    // The same evaluation as validate, so the report and validate never disagree on violations.
    evaluation: evaluateEnvironment(entry, g.catalog, baseline, g.now, 'committed'),
    baselineRef: baseline.ref,
    deploys,
    github: {
      deployments: deployments.map((d) => ({
        id: d.id,
        sha: d.sha,
        createdAt: d.createdAt,
        state: d.state ?? null,
        tag: tagOf.get(d.id) ?? null,
      })),
      overdueCritical:
        last && lastManifest
          ? overdueCritical({
              catalog: g.catalog,
              config: entry.config,
              deployed: lastManifest,
              deployedAs: last.tag,
              ...(entry.manifest ? { committed: entry.manifest } : {}),
              now: g.now,
              days: g.overdueDays,
            })
          : [],
    },
  };
}

async function recentDeploy(
  g: GatherInput,
  entry: EnvironmentEntry,
  t: DeployTag,
  deployment: { id: number; createdAt: string; state: string | undefined } | undefined,
  manifests: ReadonlyMap<string, Manifest | undefined>,
  previous: DeployTag | undefined,
  older: readonly { tag: string; digest: string }[],
): Promise<DeployInfo> {
  const manifest = manifests.get(t.tag);
  const before = previous ? manifests.get(previous.tag) : undefined;
  // Approvers as the config at the deployed commit lists them: the rule that applied to that deploy.
  const [config, release] = await Promise.all([
    g.reads.configAt(t.commit, entry.source.path),
    g.reads.release(t.tag),
  ]);
  const approvals = await g.reads.approvalsOf(t.commit, config);
  const changes =
    manifest && (previous === undefined || before)
      ? classifyChange(before, manifest, older).changes
      : undefined;
  return {
    tag: t.tag,
    n: t.n,
    time: deployment?.createdAt ?? 'unknown',
    digest: t.digest,
    commit: t.commit,
    ...(changes ? { changes } : {}),
    ...(deployment ? { deploymentId: deployment.id } : {}),
    ...(deployment?.state ? { deploymentState: deployment.state } : {}),
    ...(approvals
      ? {
          pull: approvals.pull.number,
          approvedBy: approvals.count.approvedBy,
          ...(config?.approvals ? { approvals: approvals.count.summary } : {}),
        }
      : {}),
    ...(release ? { release: release.url } : {}),
    ...(manifest
      ? {
          patches: [...new Set(manifest.security.patches.map((p) => p.advisory))],
          waivers: manifest.security.waivers.map((w) => w.advisory),
        }
      : {}),
  };
}
