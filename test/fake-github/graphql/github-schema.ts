import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, type GraphQLSchema } from 'graphql';

let cached: GraphQLSchema | undefined;

/**
 * GitHub's own GraphQL schema (@octokit/graphql-schema, the SDL GitHub publishes), built once per
 * process: the fake validates every query against it, as GitHub does, before running it.
 */
export function githubGraphqlSchema(): GraphQLSchema {
  if (!cached) {
    // The package exports only its JS entry (ESM-only), so the SDL is found beside that entry.
    const entry = fileURLToPath(import.meta.resolve('@octokit/graphql-schema'));
    const sdl = readFileSync(new URL('schema.graphql', `file://${entry}`), 'utf8');
    cached = buildSchema(sdl, { assumeValidSDL: true });
  }
  return cached;
}
