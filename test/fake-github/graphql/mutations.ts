import { disablePullRequestAutoMerge, enablePullRequestAutoMerge } from './auto-merge-mutations.js';
import type { GraphqlMutations } from './graphql-server.js';

/** The GraphQL mutations the fake implements: auto-merge, which REST lacks (reads need none). */
export const graphqlMutations: GraphqlMutations = {
  enablePullRequestAutoMerge,
  disablePullRequestAutoMerge,
};
