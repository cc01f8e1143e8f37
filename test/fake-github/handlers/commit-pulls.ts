import type { HandlerTable } from '../types.js';
import { paginate, repoContext } from './handler-context.js';
import { pullSimple } from './pull-json.js';

/**
 * The pull requests a commit belongs to, as GitHub lists them: the PR that merged it (its merge
 * commit), and PRs whose head contains it while their base did not (before merging), newest first.
 */
export const commitPullHandlers: HandlerTable = {
  'repos/list-pull-requests-associated-with-commit': (req, state) => {
    const ctx = repoContext(req, state);
    const { git, pulls } = ctx.repo;
    const sha = git.resolve(req.params.commit_sha ?? '') ?? req.params.commit_sha ?? '';
    const contains = (tip: string) => tip === sha || git.isAncestor(sha, tip);
    const list = pulls
      .list()
      .filter((pr) => {
        if (pr.mergeCommitSha === sha) return true;
        // The base as it was before the merge (the merge commit's first parent), or as it is now.
        const base = pr.mergeCommitSha ? git.commit(pr.mergeCommitSha)?.parents[0] : pulls.baseSha(pr);
        return contains(pulls.headSha(pr)) && !(base && contains(base));
      })
      .sort((a, b) => b.number - a.number);
    return paginate(
      req,
      list.map((pr) => pullSimple(ctx, pr)),
    );
  },
};
