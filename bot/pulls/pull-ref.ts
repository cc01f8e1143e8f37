/** A pull request as the bot's handlers need it. */
export interface PullRef {
  number: number;
  /** The head commit: checks and approvals are set on it. */
  headSha: string;
  headRef: string;
  /** The branch it merges into. */
  baseRef: string;
  author: string;
}

/** The PullRef of a webhook's `pull_request` object. */
export function pullRefOf(pull: {
  number: number;
  head: { sha: string; ref: string };
  base: { ref: string };
  user: { login: string } | null;
}): PullRef {
  return {
    number: pull.number,
    headSha: pull.head.sha,
    headRef: pull.head.ref,
    baseRef: pull.base.ref,
    author: pull.user?.login ?? '',
  };
}
