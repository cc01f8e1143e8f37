import type { GraphqlMutations } from './graphql-server.js';

/** The GraphQL mutations the fake implements (none of the reads need one). */
export const graphqlMutations: GraphqlMutations = {};
