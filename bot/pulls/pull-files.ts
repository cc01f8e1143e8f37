import type { BotContext } from '../bot-context.js';

/**
 * The paths a pull request changes (both names of a renamed file), one call per 100 files. GitHub
 * lists at most 3,000 files; a larger pull request is judged in full anyway when it touches the
 * catalog or environments within them.
 */
export async function pullFiles(ctx: BotContext, number: number): Promise<string[]> {
  const { owner, repo } = ctx.coordinates;
  const files = await ctx.octokit.paginate(ctx.octokit.rest.pulls.listFiles, {
    owner,
    repo,
    pull_number: number,
    per_page: 100,
  });
  return files.flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename]));
}
