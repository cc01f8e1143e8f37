import type { Environment, Manifest } from '../../core/generated/schema-types.js';
import type { RepoReader } from '../../core/load/load-repository.js';
import { parseSource } from '../../core/load/parse.js';
import { checkSchema, type DocumentKind, type Validators } from '../../core/load/schema-check.js';
import { type ApprovalCount, countApprovals } from '../../core/policy/approvals.js';
import type {
  DeploymentInfo,
  DeployTag,
  GitHubPort,
  PullInfo,
  ReleaseInfo,
  ReviewInfo,
} from '../../github/github-port.js';

/**
 * GitHub reads shared by every environment of one report, each made once: several environments
 * usually deploy the same commit (one pull request, one set of reviews), teams recur across
 * approver lists, and one listing gives every release.
 */
export class ReportReads {
  readonly #port: GitHubPort;
  readonly #validators: Validators;
  readonly #rootInRepository: string;
  readonly #readers = new Map<string, RepoReader>();
  readonly #pulls = new Map<string, Promise<PullInfo | undefined>>();
  readonly #reviews = new Map<number, Promise<ReviewInfo[]>>();
  readonly #teams = new Map<string, Promise<Set<string>>>();
  #releases: Promise<Map<string, ReleaseInfo>> | undefined;

  constructor(port: GitHubPort, validators: Validators, rootInRepository: string) {
    this.#port = port;
    this.#validators = validators;
    this.#rootInRepository = rootInRepository;
  }

  /** A file of the deployment repository at a commit, parsed and checked; undefined when absent or invalid. */
  async documentAt<T>(commit: string, kind: DocumentKind, path: string): Promise<T | undefined> {
    let reader = this.#readers.get(commit);
    if (!reader) {
      // By commit, not tag name: the tag is already resolved, which saves a call per snapshot.
      reader = this.#port.readerAt(commit);
      this.#readers.set(commit, reader);
    }
    // The tag holds the whole repository; the deployment repository may be a folder of it.
    const text = await reader.read(this.#rootInRepository ? `${this.#rootInRepository}/${path}` : path);
    if (text === undefined) return undefined;
    const source = { path, text };
    const parsed = parseSource(source);
    if (!parsed.ok || checkSchema(this.#validators, kind, parsed.value, source).length) return undefined;
    return parsed.value as T;
  }

  manifestAt(commit: string, path: string): Promise<Manifest | undefined> {
    return this.documentAt<Manifest>(commit, 'manifest', path);
  }

  configAt(commit: string, path: string): Promise<Environment | undefined> {
    return this.documentAt<Environment>(commit, 'environment', path);
  }

  release(tag: string): Promise<ReleaseInfo | undefined> {
    this.#releases ??= this.#port.releases().then((list) => new Map(list.map((r) => [r.tag, r])));
    return this.#releases.then((byTag) => byTag.get(tag));
  }

  /**
   * The pull request that brought `commit` and the approvals on its head under `config`'s rule (the
   * rule in force when it was deployed). Without approvers, every approval but the author's is listed.
   */
  async approvalsOf(
    commit: string,
    config: Environment | undefined,
  ): Promise<{ pull: PullInfo; count: ApprovalCount } | undefined> {
    const pull = await once(this.#pulls, commit, () => this.#port.pullForCommit(commit));
    if (!pull) return undefined;
    const reviews = await once(this.#reviews, pull.number, () => this.#port.reviews(pull.number));
    const rule = config?.approvals;
    const approvers = rule?.approvers?.length ? rule.approvers : [...new Set(reviews.map((r) => r.user))];
    const teams = new Map<string, Set<string>>();
    for (const entry of approvers) {
      const [org, slug] = entry.startsWith('@') ? entry.slice(1).split('/') : [];
      if (org && slug)
        teams.set(entry, await once(this.#teams, entry, () => this.#port.teamMembers(org, slug)));
    }
    const count = countApprovals({
      reviews,
      headSha: pull.headSha,
      author: pull.author,
      required: rule?.required ?? 0,
      approvers,
      teams,
    });
    return { pull, count };
  }
}

function once<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  let value = cache.get(key);
  if (!value) {
    value = load();
    cache.set(key, value);
  }
  return value;
}

/**
 * Pairs deploy tags with the GitHub Deployments that produced them: same commit, and the payload's
 * tag or digest when it records one; among several, a successful one. Each Deployment pairs once.
 */
export function matchDeployments(
  tags: readonly DeployTag[],
  deployments: readonly DeploymentInfo[],
): Map<string, DeploymentInfo> {
  const used = new Set<number>();
  const out = new Map<string, DeploymentInfo>();
  for (const tag of [...tags].reverse()) {
    const candidates = deployments.filter((d) => !used.has(d.id) && d.sha === tag.commit);
    const payload = (d: DeploymentInfo) => payloadOf(d.payload);
    const match =
      candidates.find((d) => payload(d).tag === tag.tag) ??
      candidates.find((d) => payload(d).digest === tag.digest && d.state === 'success') ??
      candidates.find((d) => payload(d).tag === undefined && d.state === 'success') ??
      candidates.find((d) => payload(d).tag === undefined && payload(d).digest === undefined);
    if (!match) continue;
    used.add(match.id);
    out.set(tag.tag, match);
  }
  return out;
}

/** The tag and digest a Deployment's payload records (an object, or its JSON text). */
function payloadOf(payload: unknown): { tag?: string; digest?: string } {
  let value = payload;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (error) {
      if (error instanceof SyntaxError) return {};
      throw error;
    }
  }
  if (typeof value !== 'object' || value === null) return {};
  const record = value as Record<string, unknown>;
  return {
    ...(typeof record.tag === 'string' ? { tag: record.tag } : {}),
    ...(typeof record.digest === 'string' ? { digest: record.digest } : {}),
  };
}
