import { nodeId } from '../github-objects.js';
import { githubTime } from '../state/clock.js';
import type { AssetRecord, ReleaseRecord } from '../state/releases-store.js';
import { type HandlerTable, notFound, validationFailed } from '../types.js';
import { intParam, paginate, type RepoContext, repoContext, resolveSha } from './handler-context.js';

function assetObject(ctx: RepoContext, release: ReleaseRecord, a: AssetRecord) {
  return {
    url: `${ctx.repoUrl}/releases/assets/${a.id}`,
    browser_download_url: `https://github.com/${ctx.repo.fullName}/releases/download/${encodeURIComponent(release.tagName)}/${encodeURIComponent(a.name)}`,
    id: a.id,
    node_id: nodeId('ReleaseAsset', a.id),
    name: a.name,
    label: a.label,
    state: 'uploaded',
    content_type: a.contentType,
    size: a.data.length,
    digest: null,
    download_count: a.downloadCount,
    created_at: githubTime(a.createdAt),
    updated_at: githubTime(a.updatedAt),
    uploader: ctx.user(a.uploader),
  };
}

function releaseObject(ctx: RepoContext, r: ReleaseRecord) {
  const url = `${ctx.repoUrl}/releases/${r.id}`;
  const html = `https://github.com/${ctx.repo.fullName}/releases`;
  return {
    url,
    html_url: r.draft ? `${html}/tag/untagged-${r.id}` : `${html}/tag/${encodeURIComponent(r.tagName)}`,
    assets_url: `${url}/assets`,
    // GitHub's uploads go to uploads.github.com; the fake serves them on its one base URL.
    upload_url: `${ctx.base}/repos/${ctx.repo.fullName}/releases/${r.id}/assets{?name,label}`,
    tarball_url: r.draft ? null : `${ctx.repoUrl}/tarball/${encodeURIComponent(r.tagName)}`,
    zipball_url: r.draft ? null : `${ctx.repoUrl}/zipball/${encodeURIComponent(r.tagName)}`,
    id: r.id,
    node_id: nodeId('Release', r.id),
    tag_name: r.tagName,
    target_commitish: r.targetCommitish,
    name: r.name,
    body: r.body,
    draft: r.draft,
    prerelease: r.prerelease,
    created_at: githubTime(r.createdAt),
    published_at: r.publishedAt ? githubTime(r.publishedAt) : null,
    updated_at: githubTime(r.updatedAt),
    author: ctx.user(r.author),
    assets: r.assets.map((a) => assetObject(ctx, r, a)),
  };
}

/** Creates the tag of a published release on its target, as GitHub does when the tag is missing. */
function ensureTag(ctx: RepoContext, release: ReleaseRecord): void {
  if (release.draft || ctx.repo.git.refs.has(`refs/tags/${release.tagName}`)) return;
  const sha = resolveSha(ctx.repo, release.targetCommitish);
  if (!sha) throw validationFailed('Release', 'target_commitish', 'invalid');
  ctx.repo.git.refs.set(`refs/tags/${release.tagName}`, sha);
}

interface ReleaseBody {
  tag_name?: string;
  target_commitish?: string;
  name?: string;
  body?: string;
  draft?: boolean;
  prerelease?: boolean;
}

/** Releases and release assets. */
export const releaseHandlers: HandlerTable = {
  'repos/create-release': (req, state) => {
    const ctx = repoContext(req, state);
    const body = req.body as ReleaseBody & { tag_name: string };
    const target = body.target_commitish ?? ctx.repo.defaultBranch;
    if (!ctx.repo.git.refs.has(`refs/tags/${body.tag_name}`) && !resolveSha(ctx.repo, target)) {
      throw validationFailed('Release', 'target_commitish', 'invalid');
    }
    const release = ctx.repo.releases.create({
      tagName: body.tag_name,
      targetCommitish: target,
      name: body.name ?? null,
      body: body.body ?? null,
      draft: body.draft ?? false,
      prerelease: body.prerelease ?? false,
      author: req.actor,
    });
    ensureTag(ctx, release);
    return {
      status: 201,
      body: releaseObject(ctx, release),
      headers: { location: `${ctx.repoUrl}/releases/${release.id}` },
    };
  },
  'repos/get-release': (req, state) => {
    const ctx = repoContext(req, state);
    return { status: 200, body: releaseObject(ctx, ctx.repo.releases.get(intParam(req, 'release_id'))) };
  },
  'repos/get-release-by-tag': (req, state) => {
    const ctx = repoContext(req, state);
    const release = ctx.repo.releases.byTag(req.params.tag ?? '');
    // Drafts are not found by tag on GitHub: they have no tag yet.
    if (!release || release.draft) throw notFound();
    return { status: 200, body: releaseObject(ctx, release) };
  },
  'repos/list-releases': (req, state) => {
    const ctx = repoContext(req, state);
    const list = [...ctx.repo.releases.releases].reverse().map((r) => releaseObject(ctx, r));
    return paginate(req, list);
  },
  'repos/update-release': (req, state) => {
    const ctx = repoContext(req, state);
    const release = ctx.repo.releases.get(intParam(req, 'release_id'));
    const body = req.body as ReleaseBody;
    if (body.tag_name !== undefined && body.tag_name !== release.tagName) {
      if (ctx.repo.releases.byTag(body.tag_name))
        throw validationFailed('Release', 'tag_name', 'already_exists');
      release.tagName = body.tag_name;
    }
    if (body.target_commitish !== undefined) release.targetCommitish = body.target_commitish;
    if (body.name !== undefined) release.name = body.name;
    if (body.body !== undefined) release.body = body.body;
    if (body.prerelease !== undefined) release.prerelease = body.prerelease;
    if (body.draft !== undefined) {
      if (release.draft && !body.draft) release.publishedAt = state.clock.now();
      release.draft = body.draft;
    }
    release.updatedAt = state.clock.now();
    ensureTag(ctx, release);
    return { status: 200, body: releaseObject(ctx, release) };
  },
  'repos/delete-release': (req, state) => {
    const ctx = repoContext(req, state);
    // Like GitHub, deleting a release keeps its tag.
    ctx.repo.releases.delete(ctx.repo.releases.get(intParam(req, 'release_id')));
    return { status: 204 };
  },
  'repos/upload-release-asset': (req, state) => {
    const ctx = repoContext(req, state);
    const release = ctx.repo.releases.get(intParam(req, 'release_id'));
    const raw = req.body;
    const data = Buffer.isBuffer(raw)
      ? raw
      : Buffer.from(typeof raw === 'string' ? raw : JSON.stringify(raw ?? ''));
    const asset = ctx.repo.releases.addAsset(release, {
      name: req.query.name ?? '',
      label: req.query.label ?? null,
      contentType: req.headers['content-type'] ?? 'application/octet-stream',
      data,
      uploader: req.actor,
    });
    return { status: 201, body: assetObject(ctx, release, asset) };
  },
  'repos/list-release-assets': (req, state) => {
    const ctx = repoContext(req, state);
    const release = ctx.repo.releases.get(intParam(req, 'release_id'));
    return paginate(
      req,
      release.assets.map((a) => assetObject(ctx, release, a)),
    );
  },
  'repos/get-release-asset': (req, state) => {
    const ctx = repoContext(req, state);
    const asset = ctx.repo.releases.asset(intParam(req, 'asset_id'));
    const release = ctx.repo.releases.get(asset.releaseId);
    if (req.headers.accept?.includes('application/octet-stream')) {
      // GitHub redirects to storage; the fake answers with the bytes directly.
      asset.downloadCount += 1;
      return { status: 200, body: asset.data, headers: { 'content-type': 'application/octet-stream' } };
    }
    return { status: 200, body: assetObject(ctx, release, asset) };
  },
};
