import { statusOf, unlessNotFound } from '../../src/github/request-errors.js';
import type { BotContext } from '../bot-context.js';

/**
 * Files at a commit through the contents API's raw media type (the bytes, up to 100 MB): for the
 * files GraphQL does not inline (binary or too large). One call per file, all at once; a file that
 * is not there reads as undefined.
 */
export async function readRawFiles(
  ctx: BotContext,
  ref: string,
  paths: readonly string[],
): Promise<Map<string, string | undefined>> {
  const { owner, repo } = ctx.coordinates;
  const texts = await Promise.all(
    paths.map((path) =>
      unlessNotFound(async () => {
        const { data } = await ctx.octokit.rest.repos.getContent({
          owner,
          repo,
          path,
          ref,
          mediaType: { format: 'raw' },
        });
        return textOf(data);
      }),
    ),
  );
  return new Map(paths.map((path, i) => [path, texts[i]]));
}

/** A page of releases: each one's tag and assets. */
export interface ReleasePage {
  releases: { tag: string; assets: { id: number; name: string }[] }[];
  /** More releases may exist beyond this page. */
  full: boolean;
}

const PAGE = 100;

/**
 * The newest releases, one call: started before the target tag is known, so that the asset can be
 * downloaded in the same round as the tag's files are read.
 */
export async function newestReleases(ctx: BotContext): Promise<ReleasePage> {
  const { owner, repo } = ctx.coordinates;
  const { data } = await ctx.octokit.rest.repos.listReleases({ owner, repo, per_page: PAGE });
  return {
    releases: data.map((r) => ({
      tag: r.tag_name,
      assets: r.assets.map((a) => ({ id: a.id, name: a.name })),
    })),
    full: data.length >= PAGE,
  };
}

/**
 * The text of the asset `assetName` of the release of `tag`, or undefined when the tag has no release
 * or the release no such asset. The release comes from `page` (else, for an older one, one more call
 * reads it by tag), then one call downloads the asset.
 */
export async function releaseAssetText(
  ctx: BotContext,
  page: ReleasePage,
  tag: string,
  assetName: string,
): Promise<string | undefined> {
  const { owner, repo } = ctx.coordinates;
  let release = page.releases.find((r) => r.tag === tag);
  if (!release && page.full) {
    const data = await unlessNotFound(
      async () => (await ctx.octokit.rest.repos.getReleaseByTag({ owner, repo, tag })).data,
    );
    release = data && { tag, assets: data.assets.map((a) => ({ id: a.id, name: a.name })) };
  }
  const asset = release?.assets.find((a) => a.name === assetName);
  if (!asset) return undefined;
  try {
    const { data } = await ctx.octokit.rest.repos.getReleaseAsset({
      owner,
      repo,
      asset_id: asset.id,
      headers: { accept: 'application/octet-stream' },
    });
    return textOf(data);
  } catch (error) {
    // Deleted between the two calls: as good as missing.
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** Octokit answers raw and octet-stream media as an ArrayBuffer, a Buffer or a string, by fetch shim. */
function textOf(data: unknown): string {
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  if (ArrayBuffer.isView(data))
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  return JSON.stringify(data);
}
