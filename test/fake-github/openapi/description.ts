import { RouteTable } from './route-table.js';
import { type OpenApiDocument, readGitHubSpec } from './spec.js';
import { OpenApiValidator } from './validator.js';

/** GitHub's REST description with its route table and validators. */
export interface GitHubDescription {
  doc: OpenApiDocument;
  routes: RouteTable;
  validator: OpenApiValidator;
}

/**
 * The one cache of the description in the process: parsing the 13 MB file and registering it with ajv
 * costs about half a second, and compiled validators are worth keeping across fakes and test files.
 */
let cached: GitHubDescription | undefined;

/** GitHub's description, parsed on first call and shared by every fake in the process. */
export function loadGitHubSpec(): GitHubDescription {
  if (!cached) {
    const doc = readGitHubSpec();
    cached = { doc, routes: new RouteTable(doc), validator: new OpenApiValidator(doc) };
  }
  return cached;
}
