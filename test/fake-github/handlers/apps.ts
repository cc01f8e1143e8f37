import { HTML_BASE, nodeId, simpleUser } from '../github-objects.js';
import type { AppRecord, InstallationRecord } from '../state/apps-store.js';
import { githubTime } from '../state/clock.js';
import type { FakeState } from '../state/store.js';
import { type FakeRequest, GitHubError, type HandlerTable, notFound } from '../types.js';
import { apiBase, intParam } from './handler-context.js';

/**
 * The GitHub App operations Probot's authentication uses. The server lets only a verified app JWT reach
 * them (app-auth.ts), with the app's slug as the actor.
 */

function appOf(req: FakeRequest, state: FakeState): AppRecord {
  const app = state.apps.bySlug(req.actor);
  // Unreachable through the server, which admits only app JWTs here; a direct call gets GitHub's 404.
  if (!app) throw notFound();
  return app;
}

/** The caller's installation `installation_id`; another app's installation is a 404 as on GitHub. */
function ownInstallation(req: FakeRequest, state: FakeState, app: AppRecord): InstallationRecord {
  const installation = state.apps.installations.get(intParam(req, 'installation_id'));
  if (!installation || installation.appId !== app.id) throw notFound();
  return installation;
}

/** GitHub's `integration` object (GET /app). */
export function integrationObject(req: FakeRequest, state: FakeState, app: AppRecord) {
  const installations = [...state.apps.installations.values()].filter((i) => i.appId === app.id);
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId('Integration', app.id),
    client_id: `Iv1.${app.id.toString(16).padStart(16, '0')}`,
    owner: simpleUser(app.owner, apiBase(req)),
    name: app.name,
    description: null,
    external_url: `https://example.com/${app.slug}`,
    html_url: `${HTML_BASE}/apps/${app.slug}`,
    created_at: githubTime(app.createdAt),
    updated_at: githubTime(app.createdAt),
    permissions: app.permissions,
    events: app.events,
    installations_count: installations.length,
  };
}

/** GitHub's `installation` object. */
export function installationObjectFor(req: FakeRequest, state: FakeState, installation: InstallationRecord) {
  const app = state.apps.appOf(installation);
  const base = apiBase(req);
  const account = installation.account;
  return {
    id: installation.id,
    account: simpleUser(account, base),
    repository_selection: 'selected' as const,
    access_tokens_url: `${base}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${base}/installation/repositories`,
    html_url: `${HTML_BASE}/organizations/${account.login}/settings/installations/${installation.id}`,
    app_id: app.id,
    client_id: `Iv1.${app.id.toString(16).padStart(16, '0')}`,
    target_id: account.id,
    target_type: account.type === 'Organization' ? 'Organization' : 'User',
    permissions: app.permissions,
    events: app.events,
    created_at: githubTime(installation.createdAt),
    updated_at: githubTime(installation.createdAt),
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    app_slug: app.slug,
    suspended_by: null,
    suspended_at: null,
    contact_email: null,
  };
}

interface TokenRequest {
  repositories?: string[];
  repository_ids?: number[];
  permissions?: Record<string, string>;
}

export const appHandlers: HandlerTable = {
  'apps/get-authenticated': (req, state) => ({
    status: 200,
    body: integrationObject(req, state, appOf(req, state)),
  }),

  'apps/get-installation': (req, state) => {
    const installation = ownInstallation(req, state, appOf(req, state));
    return { status: 200, body: installationObjectFor(req, state, installation) };
  },

  'apps/get-repo-installation': (req, state) => {
    const app = appOf(req, state);
    const repo = state.repo(req.params.owner ?? '', req.params.repo ?? '');
    const installation = repo ? state.apps.installationOn(app.id, repo.fullName) : undefined;
    if (!installation) throw notFound();
    return { status: 200, body: installationObjectFor(req, state, installation) };
  },

  'apps/create-installation-access-token': (req, state) => {
    const installation = ownInstallation(req, state, appOf(req, state));
    const body = (req.body ?? {}) as TokenRequest;
    // Narrowing a token to some repositories is checked but not enforced: tokens reach the whole installation.
    const owner = installation.account.login;
    for (const name of body.repositories ?? []) {
      if (!installation.repositories.has(`${owner}/${name}`.toLowerCase()))
        throw new GitHubError(
          422,
          'There is at least one repository that does not exist or is not accessible to the parent installation.',
        );
    }
    const { token, expiresAt } = state.apps.issueToken(installation, state.clock.now());
    return {
      status: 201,
      body: {
        token,
        expires_at: githubTime(expiresAt),
        permissions: body.permissions ?? state.apps.appOf(installation).permissions,
        repository_selection: 'selected',
      },
    };
  },
};
