import type { LockstepError } from '../../src/core/errors.js';
import { sortDiagnostics } from '../../src/core/errors.js';
import { inputAnnotations, violationAnnotations } from './annotations.js';
import type { CheckOutput } from './check-runs.js';
import type { PullJudgement } from './judge-pull.js';
import {
  detailed,
  environmentSection,
  environmentTable,
  fitMarkdown,
  md,
  scopeLine,
  stateOf,
  todoLines,
  where,
} from './plan-markdown.js';
import { policyDataBlock } from './policy-data.js';
import type { PullRef } from './pull-ref.js';

/** GitHub's limit on a check run summary. */
export const SUMMARY_LIMIT = 65_535;
const TITLE_LIMIT = 160;

const short = (sha: string) => sha.slice(0, 7);

/** Who and what caused this judgement, for the reader of the check. */
function byline(pull: PullRef, sender: string): string {
  return `Lockstep judged pull request #${pull.number} at \`${short(pull.headSha)}\` after an event by @${sender}: each environment's committed manifest against its last deploy tag, as \`lockstep validate\` does.`;
}

/** `lockstep/policy` for a judged pull request: conclusion, per-environment title, plan, annotations. */
export function policyOutput(pull: PullRef, j: PullJudgement, sender: string): CheckOutput {
  const shown = j.environments.filter((e) => e.counts || e.failing);
  const words = shown
    .map(
      (e) =>
        `${e.name}: ${e.followUp ? `security PR after the merge (${e.followUp.join(', ')})` : stateOf(e)}`,
    )
    .join('; ');
  const title =
    words.length <= TITLE_LIMIT && words
      ? words
      : `${shown.length} environments: ${shown.filter((e) => e.counts && e.failing).length} failing, ${j.needs.length} needing approval`;
  const head = [
    `## Lockstep policy ${j.failed ? '⛔ failed' : '✅ passed'} at \`${short(j.sha)}\``,
    byline(pull, sender),
    scopeLine(j),
    environmentTable(j),
    '### What to do',
    todoLines(j, pull.author).join('\n'),
    '### Plan',
  ].join('\n\n');
  const block = policyDataBlock({ sha: j.sha, state: 'judged', needs: j.needs });
  return {
    conclusion: j.failed ? 'failure' : 'success',
    title,
    summary: fitMarkdown(head, detailed(j).map(environmentSection), block, SUMMARY_LIMIT),
    annotations: violationAnnotations(j),
  };
}

/** `lockstep/policy` for a pull request that changes no Lockstep file: passes without loading anything. */
export function untouchedPolicyOutput(pull: PullRef, sender: string, dirs: readonly string[]): CheckOutput {
  return {
    conclusion: 'success',
    title: 'No Lockstep files changed',
    summary: [
      `## Lockstep policy ✅ passed at \`${short(pull.headSha)}\``,
      `Pull request #${pull.number} changes no Lockstep file (${dirs.map((d) => `\`${d}\``).join(', ')}), so there is nothing to judge (event by @${sender}). This check passes so that branch protection requiring it does not hold the pull request.`,
      policyDataBlock({ sha: pull.headSha, state: 'untouched', needs: [] }),
    ].join('\n\n'),
    annotations: [],
  };
}

/**
 * `lockstep/policy` when the files at the head cannot be judged (malformed YAML, schema errors, a pin
 * that leaves no candidate): every problem annotated on its line and listed, and what to do.
 */
export function invalidPolicyOutput(pull: PullRef, error: LockstepError, sender: string): CheckOutput {
  const diagnostics = sortDiagnostics(error.diagnostics);
  const first = diagnostics[0];
  const count = `${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'}`;
  const head = [
    `## Lockstep policy ⛔ failed at \`${short(pull.headSha)}\`: invalid Lockstep files`,
    `Lockstep could not judge pull request #${pull.number} at \`${short(pull.headSha)}\` (event by @${sender}): ${count} in its files, each annotated on its line. No plan and no approval were computed.`,
    '### What to do',
    `Fix ${diagnostics.length === 1 ? 'it' : 'them'} and push again; \`lockstep validate\` shows the same problems locally as \`FILE:LINE:COL: message\`.`,
    '### Problems',
  ].join('\n\n');
  const items = diagnostics.map((d) => `- ${where(d)}: ${md(d.message)}`);
  return {
    conclusion: 'failure',
    title: first
      ? `Invalid Lockstep files: ${count} (first: ${first.file}${first.line ? `:${first.line}` : ''})`
      : `Invalid Lockstep files: ${md(error.message).slice(0, TITLE_LIMIT)}`,
    summary: fitMarkdown(
      head,
      items.length ? items : [md(error.message)],
      policyDataBlock({ sha: pull.headSha, state: 'invalid', needs: [] }),
      SUMMARY_LIMIT,
    ),
    annotations: inputAnnotations(diagnostics),
  };
}
