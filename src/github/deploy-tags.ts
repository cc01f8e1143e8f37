import type { Octokit } from '@octokit/rest';
import { LockstepError } from '../core/errors.js';
import type { DeployTag, RepoCoordinates } from './github-port.js';
import { githubMessage, statusOf } from './request-errors.js';

const DIGEST_TRAILER = /^Lockstep-Digest: (sha256:[0-9a-f]{64})$/m;

/** Who signs the annotated tags; without it GitHub uses the token's identity. */
export interface Tagger {
  name: string;
  email: string;
}

/**
 * The tag number `n` was taken by a different deploy (another commit) meanwhile: the caller retries
 * with the next number.
 */
export class DeployTagTakenError extends LockstepError {
  readonly tag: string;
  readonly existingCommit: string;
  constructor(tag: string, wanted: string, existingCommit: string, options?: ErrorOptions) {
    super(
      'E_STATE',
      `The deploy tag ${tag} already points at ${existingCommit.slice(0, 12)}, not at ${wanted.slice(0, 12)}: ` +
        'another deploy took that number; retry with the next one.',
      [],
      options,
    );
    this.name = 'DeployTagTakenError';
    this.tag = tag;
    this.existingCommit = existingCommit;
  }
}

/** The `Lockstep-Digest: sha256:<hex>` trailer of a tag message, if it has one. */
export function digestTrailer(message: string): string | undefined {
  return DIGEST_TRAILER.exec(message)?.[1];
}

/**
 * The annotated deploy tags `<prefix>/<env>/<n>`, oldest first: one call lists the refs, then one
 * `git/get-tag` per tag reads its message and target (tags without a digest are skipped).
 */
export async function listDeployTags(
  octokit: Octokit,
  { owner, repo }: RepoCoordinates,
  prefix: string,
  environment: string,
): Promise<DeployTag[]> {
  const base = `${prefix}/${environment}/`;
  const refs = await octokit.paginate(octokit.rest.git.listMatchingRefs, {
    owner,
    repo,
    ref: `tags/${base}`,
    per_page: 100,
  });
  const candidates = refs
    .map((r) => ({ tag: r.ref.replace(/^refs\/tags\//, ''), object: r.object }))
    .filter((r) => r.object.type === 'tag' && /^[1-9][0-9]*$/.test(r.tag.slice(base.length)));
  const tags = await Promise.all(
    candidates.map(async ({ tag, object }): Promise<DeployTag | undefined> => {
      const { data } = await octokit.rest.git.getTag({ owner, repo, tag_sha: object.sha });
      const digest = digestTrailer(data.message);
      if (digest === undefined || data.object.type !== 'commit') return undefined;
      return { tag, environment, n: Number(tag.slice(base.length)), commit: data.object.sha, digest };
    }),
  );
  return tags.filter((t): t is DeployTag => t !== undefined).sort((a, b) => a.n - b.n);
}

/**
 * Two writes: the annotated tag object, then its ref. When the ref exists already (a rerun, or a
 * race), it is read back: the same commit is success without change, another commit is an error.
 */
export async function createDeployTag(
  octokit: Octokit,
  coordinates: RepoCoordinates,
  input: { tag: string; commit: string; message: string },
  tagger: Tagger | undefined,
): Promise<{ created: boolean }> {
  const { owner, repo } = coordinates;
  const { data: tagObject } = await octokit.rest.git.createTag({
    owner,
    repo,
    tag: input.tag,
    message: input.message,
    object: input.commit,
    type: 'commit',
    ...(tagger ? { tagger } : {}),
  });
  try {
    await octokit.rest.git.createRef({ owner, repo, ref: `refs/tags/${input.tag}`, sha: tagObject.sha });
    return { created: true };
  } catch (error) {
    if (statusOf(error) !== 422 || !/already exists/i.test(githubMessage(error))) throw error;
    const existing = await taggedCommit(octokit, coordinates, input.tag);
    if (existing === input.commit) return { created: false };
    throw new DeployTagTakenError(input.tag, input.commit, existing, { cause: error });
  }
}

/** The commit a tag ref points at, through its annotated tag object if it has one. */
async function taggedCommit(
  octokit: Octokit,
  { owner, repo }: RepoCoordinates,
  tag: string,
): Promise<string> {
  const { data: ref } = await octokit.rest.git.getRef({ owner, repo, ref: `tags/${tag}` });
  if (ref.object.type !== 'tag') return ref.object.sha;
  const { data } = await octokit.rest.git.getTag({ owner, repo, tag_sha: ref.object.sha });
  return data.object.sha;
}
