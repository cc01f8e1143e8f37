import type { FakeState } from '../state/store.js';
import { GitHubError, type HandlerTable } from '../types.js';
import { installationObjectFor } from './apps.js';
import { fullRepository } from './repos.js';

/**
 * The two listings a GitHub App walks to reach every repository it is installed on (the bot's
 * scheduled tick): the app's installations (app JWT), then an installation's repositories
 * (installation token).
 */
export const installationHandlers: HandlerTable = {
  'apps/list-installations': (req, state) => {
    const app = state.apps.bySlug(req.actor);
    if (!app) throw new GitHubError(401, 'A JSON web token could not be decoded');
    const installations = [...state.apps.installations.values()].filter((i) => i.appId === app.id);
    return { status: 200, body: installations.map((i) => installationObjectFor(req, state, i)) };
  },

  'apps/list-repos-accessible-to-installation': (req, state) => {
    const installation = installationOfToken(state, req.headers.authorization ?? '');
    const repositories = [...installation.repositories]
      .map((fullName) => {
        const [owner = '', name = ''] = fullName.split('/');
        return state.repo(owner, name);
      })
      .filter((r) => r !== undefined)
      .map((r) => fullRepository({ ...req, params: { owner: r.owner.login, repo: r.name } }, state));
    return {
      status: 200,
      body: { total_count: repositories.length, repository_selection: 'selected', repositories },
    };
  },
};

function installationOfToken(state: FakeState, authorization: string) {
  const token = authorization.replace(/^(token|bearer)\s+/i, '');
  const issued = state.apps.tokens.get(token);
  const installation = issued && state.apps.installations.get(issued.installationId);
  // GitHub answers 403 to a user token on this installation-only route.
  if (!installation)
    throw new GitHubError(
      403,
      'You must authenticate with an installation access token in order to list repositories for an installation.',
    );
  return installation;
}
