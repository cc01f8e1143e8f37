import { type Diagnostic, formatDiagnostic, sortDiagnostics } from '../../src/core/errors.js';
import { upsertCheckRun } from '../../src/github/upsert-check-run.js';
import type { BotContext } from '../bot-context.js';
import { ownAppId } from '../pulls/own-app.js';

/** The check run on the default branch's commit where a sync reports what stopped it. */
export const SECURITY_CHECK = 'lockstep/security';

/** GitHub takes at most 50 annotations per request. */
const MAX_ANNOTATIONS = 50;

/**
 * Says where people look (the commit's checks on the default branch, and the push's author sees the
 * red mark) why security PRs were not synced: input errors (nothing was written) or environments
 * whose compile failed (those were skipped; their open PRs are left as they are). One check run per
 * commit, updated in place, so a redelivery does not add a second.
 */
export async function reportSyncProblems(
  ctx: BotContext,
  commit: string,
  input: { trigger: string; scope: 'all' | 'some'; diagnostics: readonly Diagnostic[] },
): Promise<void> {
  const diagnostics = sortDiagnostics(input.diagnostics);
  const lines = diagnostics.map((d) => `- \`${formatDiagnostic(d)}\``);
  const title =
    input.scope === 'all'
      ? 'Security PRs not synced: invalid Lockstep files'
      : `Security PRs not synced for ${diagnostics.length} problem(s)`;
  const summary = [
    input.scope === 'all'
      ? `Lockstep checked the catalog after ${input.trigger} and found errors in the files at \`${ctx.defaultBranch}\` ${commit.slice(0, 7)}. It opened, updated and closed no security pull request; the open ones stay as they are.`
      : `Lockstep synced the security pull requests after ${input.trigger}, except for the environments below, whose compile failed; their open security pull requests stay as they are.`,
    '',
    ...lines,
    '',
    'Fix the files (the annotations point at each line) and push to the default branch: the next push or `repository_dispatch` of type `lockstep-catalog` syncs again.',
  ].join('\n');
  const output = {
    title,
    summary,
    annotations: diagnostics
      .filter((d) => d.file !== '')
      .slice(0, MAX_ANNOTATIONS)
      .map((d) => ({
        path: d.file,
        start_line: Math.max(1, d.line),
        end_line: Math.max(1, d.line),
        annotation_level: 'failure' as const,
        message: d.message,
        ...(d.field ? { title: d.field } : {}),
      })),
  };
  await upsertCheckRun(ctx.octokit, ctx.coordinates, {
    sha: commit,
    name: SECURITY_CHECK,
    appId: await ownAppId(ctx),
    conclusion: 'failure',
    output,
  });
  ctx.log('warn', `${title} (${input.trigger}): ${diagnostics.map(formatDiagnostic).join('; ')}`);
}
