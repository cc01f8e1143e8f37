import type { HandlerTable } from '../types.js';
import { intParam, repoContext } from './handler-context.js';

/** Deleting a release asset (the release and its other assets stay). */
export const releaseAssetDeleteHandlers: HandlerTable = {
  'repos/delete-release-asset': (req, state) => {
    const ctx = repoContext(req, state);
    const asset = ctx.repo.releases.asset(intParam(req, 'asset_id'));
    const release = ctx.repo.releases.get(asset.releaseId);
    release.assets.splice(release.assets.indexOf(asset), 1);
    return { status: 204 };
  },
};
