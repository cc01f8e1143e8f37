import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { applyErrata } from './errata.js';

/** The parts of an OpenAPI 3.0 document the fake reads. Schemas stay `unknown`: ajv checks them. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation | unknown>>;
  components: Record<string, Record<string, unknown>>;
}

/** One operation as GitHub describes it. */
export interface OpenApiOperation {
  operationId: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  externalDocs?: { url: string };
}

/** Only the generated description is read: the package index pulls in every variant (GHES, GHEC). */
const SPEC_FILE = '@octokit/openapi/generated/api.github.com.json';

/** Reads and parses GitHub's REST description (api.github.com), normalized for ajv. Not cached: see description.ts. */
export function readGitHubSpec(): OpenApiDocument {
  const file = createRequire(import.meta.url).resolve(SPEC_FILE);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
  normalizeNullable(doc);
  applyErrata(doc);
  return doc;
}

/**
 * OpenAPI 3.0 writes "may be null" as `nullable: true`. ajv understands that only next to `type`;
 * GitHub also puts it beside `allOf`/`anyOf`/`$ref`, so those become `anyOf: [schema, {type: null}]`.
 * A nullable `enum` without null (an open issue's state_reason, a running check's conclusion) would
 * still refuse the null GitHub sends, so null joins the enum.
 */
function normalizeNullable(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) normalizeNullable(item);
    return;
  }
  if (!isRecord(node)) return;
  for (const value of Object.values(node)) normalizeNullable(value);
  if (node.nullable === true && Array.isArray(node.enum) && !node.enum.includes(null)) node.enum.push(null);
  if (node.nullable === true && node.type === undefined) {
    const inner: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'nullable' && key !== 'description' && key !== 'title') inner[key] = value;
      if (key !== 'description' && key !== 'title') delete node[key];
    }
    node.anyOf = [inner, { type: 'null' }];
  }
}

/** A plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
