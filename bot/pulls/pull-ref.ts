/** A pull request as the bot's handlers need it. */
export interface PullRef {
  number: number;
  /** The head commit: checks and approvals are set on it. */
  headSha: string;
  headRef: string;
  /** The branch it merges into. */
  baseRef: string;
  author: string;
  /** The pull request's page, where a check's "Details" leads. */
  url?: string;
}

/** The PullRef of a webhook's `pull_request` object. */
export function pullRefOf(pull: {
  number: number;
  head: { sha: string; ref: string };
  base: { ref: string };
  user: { login: string } | null;
  html_url?: string;
}): PullRef {
  return {
    number: pull.number,
    headSha: pull.head.sha,
    headRef: pull.head.ref,
    baseRef: pull.base.ref,
    author: pull.user?.login ?? '',
    ...(pull.html_url ? { url: pull.html_url } : {}),
  };
}
