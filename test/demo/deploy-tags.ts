import type { Octokit } from '@octokit/rest';
import type { RepoRef } from './github-reader.js';

/** The tag prefix of examples/.github/lockstep.yml (the default). */
export const TAG_PREFIX = 'deploy';
/** The trailer in a deploy tag's message that names the deployed manifest's digest (as the CLI writes it). */
export const DIGEST_TRAILER = 'Lockstep-Digest';

/** One deploy of one environment, as GitHub records it: an annotated tag `deploy/<env>/<n>`. */
export interface DeployTag {
  tag: string;
  n: number;
  digest: string;
  /** The deployed commit. */
  commit: string;
}

/** The digest named by the trailer of a deploy tag's message, if any. */
export function digestOf(message: string): string | undefined {
  return new RegExp(`^${DIGEST_TRAILER}: (sha256:[0-9a-f]{64})$`, 'm').exec(message)?.[1];
}

/**
 * The deploys of `env`, oldest first: the annotated tags under `deploy/<env>/` whose message carries
 * the digest trailer. Lightweight or unreadable tags are not deploys, so they are left out.
 */
export async function listDeployTags(octokit: Octokit, repo: RepoRef, env: string): Promise<DeployTag[]> {
  const prefix = `${TAG_PREFIX}/${env}/`;
  const { data: refs } = await octokit.rest.git.listMatchingRefs({ ...repo, ref: `tags/${prefix}` });
  const tags: DeployTag[] = [];
  for (const ref of refs) {
    const n = Number(ref.ref.slice(`refs/tags/${prefix}`.length));
    if (!Number.isInteger(n) || n < 1 || ref.object.type !== 'tag') continue;
    const { data: tag } = await octokit.rest.git.getTag({ ...repo, tag_sha: ref.object.sha });
    const digest = digestOf(tag.message);
    if (digest) tags.push({ tag: `${prefix}${n}`, n, digest, commit: tag.object.sha });
  }
  return tags.sort((a, b) => a.n - b.n);
}

/** The next deploy tag of `env`. */
export function nextTag(tags: readonly DeployTag[], env: string): { tag: string; n: number } {
  const n = (tags.at(-1)?.n ?? 0) + 1;
  return { tag: `${TAG_PREFIX}/${env}/${n}`, n };
}
