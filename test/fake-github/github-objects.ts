import type { Account } from './state/store.js';

/**
 * Builders for the small objects GitHub embeds everywhere (users, node ids). Handlers import these so
 * every response carries the same fields GitHub's OpenAPI description requires.
 */

/** The web address the fake reports in `html_url` fields; the fake serves no web pages. */
export const HTML_BASE = 'https://github.com';

/** A GitHub global node id, e.g. nodeId('Repository', 7) -> base64 of "010:Repository7". */
export function nodeId(kind: string, id: number): string {
  return Buffer.from(`0${kind.length}:${kind}${id}`).toString('base64');
}

/** GitHub's `simple-user` object for `account`; `baseUrl` is the fake's API url (no trailing slash). */
export function simpleUser(account: Account, baseUrl: string) {
  const url = `${baseUrl}/users/${account.login}`;
  return {
    login: account.login,
    id: account.id,
    node_id: nodeId(account.type === 'Organization' ? 'Organization' : 'User', account.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${account.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${HTML_BASE}/${account.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: account.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** The type of simpleUser's result, for handlers that embed it. */
export type SimpleUser = ReturnType<typeof simpleUser>;
