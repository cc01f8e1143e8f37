import { createHash } from 'node:crypto';
import type { Octokit } from '@octokit/rest';
import type { ReleaseAsset, RepoCoordinates } from './github-port.js';
import { unlessNotFound } from './request-errors.js';

/** What GitHub says of an uploaded asset; `digest` (sha256:<hex>) is set on assets uploaded since 2025. */
interface UploadedAsset {
  id: number;
  name: string;
  size: number;
  content_type: string;
  digest?: string | null;
}

/** The input of upsertRelease. */
export interface UpsertReleaseInput {
  tag: string;
  name: string;
  body: string;
  assets: readonly ReleaseAsset[];
}

/**
 * The release of an existing tag, converged in the fewest calls: one read by tag (whose answer lists
 * the assets), a create or an update only when something differs, and one upload per missing asset.
 * An asset whose content differs is deleted and uploaded again; its content is compared by GitHub's
 * digest when the asset has one, else by size and then by downloading it.
 */
export async function upsertRelease(
  octokit: Octokit,
  { owner, repo }: RepoCoordinates,
  input: UpsertReleaseInput,
): Promise<{ id: number; url: string; created: boolean }> {
  const existing = await unlessNotFound(
    async () => (await octokit.rest.repos.getReleaseByTag({ owner, repo, tag: input.tag })).data,
  );
  let release = existing;
  if (release === undefined) {
    // The deploy tag exists already, so GitHub attaches the release to it and creates no tag.
    release = (
      await octokit.rest.repos.createRelease({
        owner,
        repo,
        tag_name: input.tag,
        name: input.name,
        body: input.body,
      })
    ).data;
  } else if (release.name !== input.name || (release.body ?? '') !== input.body) {
    release = (
      await octokit.rest.repos.updateRelease({
        owner,
        repo,
        release_id: release.id,
        name: input.name,
        body: input.body,
      })
    ).data;
  }
  const uploaded = new Map<string, UploadedAsset>(release.assets.map((a) => [a.name, a]));
  for (const asset of input.assets) {
    const bytes = Buffer.from(asset.content, 'utf8');
    const current = uploaded.get(asset.name);
    if (current && (await sameContent(octokit, { owner, repo }, current, asset, bytes))) continue;
    if (current) await octokit.rest.repos.deleteReleaseAsset({ owner, repo, asset_id: current.id });
    await octokit.rest.repos.uploadReleaseAsset({
      owner,
      repo,
      release_id: release.id,
      url: release.upload_url,
      name: asset.name,
      // Octokit types `data` as a string and sends a Buffer as it is, so the bytes are exact.
      data: bytes as unknown as string,
      headers: { 'content-type': asset.contentType, 'content-length': bytes.length },
    });
  }
  return { id: release.id, url: release.html_url, created: existing === undefined };
}

async function sameContent(
  octokit: Octokit,
  { owner, repo }: RepoCoordinates,
  current: UploadedAsset,
  wanted: ReleaseAsset,
  bytes: Buffer,
): Promise<boolean> {
  if (current.content_type !== wanted.contentType || current.size !== bytes.length) return false;
  if (current.digest) return current.digest === `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const { data } = await octokit.rest.repos.getReleaseAsset({
    owner,
    repo,
    asset_id: current.id,
    headers: { accept: 'application/octet-stream' },
  });
  const downloaded: unknown = data;
  return toBuffer(downloaded).equals(bytes);
}

/** Octokit answers an octet-stream with an ArrayBuffer (a string or Buffer under some fetch shims). */
function toBuffer(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(typeof data === 'string' ? data : JSON.stringify(data));
}
