import type { HandlerTable } from '../types.js';
import { appHandlers } from './apps.js';
import { checkHandlers } from './checks.js';
import { collaboratorHandlers } from './collaborators.js';
import { commitPullHandlers } from './commit-pulls.js';
import { contentsHandlers } from './contents.js';
import { deploymentHandlers } from './deployments.js';
import { gitHandlers } from './git.js';
import { installationHandlers } from './installations.js';
import { issueHandlers } from './issues.js';
import { protectionHandlers } from './protection.js';
import { pullHandlers } from './pulls.js';
import { releaseAssetDeleteHandlers } from './release-asset-delete.js';
import { releaseHandlers } from './releases.js';
import { repoHandlers } from './repos.js';

/** Every handler the fake has, by operationId. */
export function defaultHandlers(): HandlerTable {
  return {
    ...repoHandlers,
    ...gitHandlers,
    ...contentsHandlers,
    ...pullHandlers,
    ...issueHandlers,
    ...checkHandlers,
    ...deploymentHandlers,
    ...releaseHandlers,
    ...protectionHandlers,
    ...collaboratorHandlers,
    ...appHandlers,
    ...installationHandlers,
    ...commitPullHandlers,
    ...releaseAssetDeleteHandlers,
  };
}
