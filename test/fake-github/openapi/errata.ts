import type { OpenApiDocument } from './spec.js';

/**
 * Where GitHub's description disagrees with GitHub, the fake follows GitHub (each case is cited):
 *
 * - PUT branch protection: the description marks `required_status_checks.contexts` required, but
 *   GitHub takes exactly one of `contexts` (deprecated) and `checks`; with both it answers 422 "More
 *   than one subschema in oneOf matched", with neither 422 as well (google/go-github#2976,
 *   ossf/allstar#155). A client that restores checks pinned to an app must send `checks` alone.
 * - GET /app/installations: the description inlines the installation's `account` as `allOf` of a
 *   simple user and an enterprise, which no account satisfies (an enterprise's name, slug and dates
 *   are required beside a user's fields). Every other installation response, and GitHub's own
 *   `installation` schema, say `anyOf`; GitHub answers with a user or organization.
 */
export function applyErrata(doc: OpenApiDocument): void {
  listInstallationsAccount(doc);
  protectionChecks(doc);
}

function listInstallationsAccount(doc: OpenApiDocument): void {
  const get = doc.paths['/app/installations']?.get;
  const account = propertyAt(get, [
    'responses',
    '200',
    'content',
    'application/json',
    'schema',
    'items',
    'properties',
    'account',
  ]);
  // normalizeNullable ran first: the `allOf` now sits in one branch of `anyOf: [..., {type: null}]`.
  const branches = isRecord(account) && Array.isArray(account.anyOf) ? account.anyOf : [account];
  for (const branch of branches) {
    if (!isRecord(branch) || !Array.isArray(branch.allOf)) continue;
    branch.anyOf = branch.allOf;
    delete branch.allOf;
  }
}

function protectionChecks(doc: OpenApiDocument): void {
  const put = doc.paths['/repos/{owner}/{repo}/branches/{branch}/protection']?.put;
  const checks = propertyAt(put, ['requestBody', 'content', 'application/json', 'schema', 'properties']);
  const status = isRecord(checks) ? checks.required_status_checks : undefined;
  if (!isRecord(status)) return;
  status.required = ['strict'];
  const contextsOnly = { required: ['contexts'], not: { required: ['checks'] } };
  const checksOnly = { required: ['checks'], not: { required: ['contexts'] } };
  // Null (no required checks) stays valid: `required` and `not` would otherwise judge only objects.
  status.anyOf = [{ type: 'null' }, contextsOnly, checksOnly];
}

function propertyAt(node: unknown, path: readonly string[]): unknown {
  let current = node;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
