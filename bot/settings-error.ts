import type { Octokit } from '@octokit/rest';
import type { InputError } from '../src/core/errors.js';
import type { RepoCoordinates } from '../src/github/github-port.js';
import { upsertMarkedComment } from '../src/github/marked-comment.js';
import { upsertCheckRun } from '../src/github/upsert-check-run.js';
import type { BotLog } from './bot-context.js';
import { parseCommand } from './commands/parse-command.js';
import { replyMarker } from './commands/reply.js';
import { POLICY_CHECK } from './pulls/check-runs.js';
import { appIdOf } from './pulls/own-app.js';

/**
 * Invalid `.github/lockstep.yml`: the bot acts on nothing, and says why. On a pull request's head the
 * `lockstep/policy` check fails with each problem (the run already there is updated, so a redelivery
 * does not add another); elsewhere the problems go to the log.
 */
export async function reportSettingsError(
  octokit: Octokit,
  { owner, repo }: RepoCoordinates,
  where: {
    headSha?: string | undefined;
    /** A comment that may hold a command: it gets an answer saying why nothing was done. */
    command?:
      | { issueNumber: number; commentId: number; body: string; url: string; author: string }
      | undefined;
  },
  error: InputError,
  log: BotLog,
): Promise<void> {
  const lines = error.diagnostics.map((d) => `${d.file}: ${d.message}`);
  log('warn', `Lockstep settings are invalid, nothing done: ${lines.join('; ')}`);
  const { headSha, command } = where;
  const parsed = command && parseCommand(command.body);
  if (command && parsed) {
    const source = {
      issueNumber: command.issueNumber,
      commentId: command.commentId,
      commentUrl: command.url,
      author: command.author,
    };
    const body = [
      replyMarker(source),
      `@${command.author} asked [\`${parsed.text}\`](${command.url}).`,
      '',
      'Nothing was done: `.github/lockstep.yml` on the default branch is invalid, so Lockstep acts on nothing until it is fixed:',
      '',
      ...lines.map((l) => `- ${l}`),
    ].join('\n');
    await upsertMarkedComment(octokit, { owner, repo }, command.issueNumber, replyMarker(source), body);
  }
  if (!headSha) return;
  const output = {
    title: '.github/lockstep.yml is invalid',
    summary: [
      'Lockstep did not judge this pull request: the settings on the default branch are invalid.',
      '',
      ...lines.map((l) => `- ${l}`),
      '',
      'Fix the file (schema: schemas/settings.schema.json) on the default branch; the next push re-runs this check.',
    ].join('\n'),
  };
  // Only the bot's own run is updated: another app's or a workflow's run of the same name is not ours.
  await upsertCheckRun(
    octokit,
    { owner, repo },
    {
      sha: headSha,
      name: POLICY_CHECK,
      appId: await appIdOf(octokit, log),
      conclusion: 'failure',
      output,
    },
  );
}
