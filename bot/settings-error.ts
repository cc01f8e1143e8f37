import type { Octokit } from '@octokit/rest';
import type { InputError } from '../src/core/errors.js';
import type { RepoCoordinates } from '../src/github/github-port.js';
import type { BotLog } from './bot-context.js';

/**
 * Invalid `.github/lockstep.yml`: the bot acts on nothing, and says why. On a pull request's head the
 * `lockstep/policy` check fails with each problem; elsewhere the problems go to the log.
 */
export async function reportSettingsError(
  octokit: Octokit,
  { owner, repo }: RepoCoordinates,
  headSha: string | undefined,
  error: InputError,
  log: BotLog,
): Promise<void> {
  const lines = error.diagnostics.map((d) => `${d.file}: ${d.message}`);
  log('warn', `Lockstep settings are invalid, nothing done: ${lines.join('; ')}`);
  if (!headSha) return;
  await octokit.rest.checks.create({
    owner,
    repo,
    name: 'lockstep/policy',
    head_sha: headSha,
    status: 'completed',
    conclusion: 'failure',
    output: {
      title: '.github/lockstep.yml is invalid',
      summary: [
        'Lockstep did not judge this pull request: its settings are invalid.',
        '',
        ...lines.map((l) => `- ${l}`),
        '',
        'Fix the file (schema: schemas/settings.schema.json) and push again.',
      ].join('\n'),
    },
  });
}
