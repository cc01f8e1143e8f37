import type { Octokit } from '@octokit/rest';
import type { RepoCoordinates } from './github-port.js';

/** A file's text as GraphQL returns it: undefined when absent, null when binary or too large to inline. */
export type FetchedText = string | null | undefined;

interface BlobNode {
  text?: string | null;
  isTruncated?: boolean;
}

/** The text of a Blob node, null when GraphQL did not inline it (binary or truncated). */
export function blobText(node: BlobNode | null | undefined): FetchedText {
  if (!node || !('text' in node)) return undefined;
  return node.isTruncated || node.text === null || node.text === undefined ? null : node.text;
}

/**
 * Reads many files at many commits in one GraphQL request (`object(expression: "REV:PATH")` under an
 * alias each), instead of a tree and a blob call per file with REST. Files are keyed `REV:PATH`.
 */
export async function readFilesAt(
  octokit: Octokit,
  { owner, repo }: RepoCoordinates,
  files: readonly { rev: string; path: string }[],
): Promise<Map<string, FetchedText>> {
  const out = new Map<string, FetchedText>();
  if (files.length === 0) return out;
  const variables: Record<string, string> = { owner, name: repo };
  const fields = files.map((f, i) => {
    variables[`e${i}`] = `${f.rev}:${f.path}`;
    return `f${i}: object(expression: $e${i}) { ... on Blob { text isTruncated } }`;
  });
  const declarations = files.map((_, i) => `$e${i}: String!`).join(', ');
  const query = `query LockstepFiles($owner: String!, $name: String!, ${declarations}) {
  repository(owner: $owner, name: $name) { ${fields.join('\n    ')} }
}`;
  const data = await octokit.graphql<{ repository: Record<string, BlobNode | null> }>(query, variables);
  files.forEach((f, i) => {
    out.set(`${f.rev}:${f.path}`, blobText(data.repository[`f${i}`]));
  });
  return out;
}
