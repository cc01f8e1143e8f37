import type { Octokit } from '@octokit/rest';
import {
  type CommandFreeze,
  FREEZE_PREFIX,
  freezeReason,
  freezeRef,
  listCommandFreezes,
} from '../../src/github/command-freeze.js';
import type { RepoCoordinates } from '../../src/github/github-port.js';
import { createRecord, deleteRecord, type RefRecord } from '../../src/github/record-refs.js';

// The records are shared with the Action (src/github/command-freeze.ts); the bot writes them.
export { type CommandFreeze, FREEZE_PREFIX, freezeReason, freezeRef, listCommandFreezes };

/** Records a command freeze; an existing one is kept as it is (created: false). */
export function recordCommandFreeze(
  octokit: Octokit,
  coordinates: RepoCoordinates,
  freeze: CommandFreeze,
): Promise<{ created: boolean; record: RefRecord<CommandFreeze> }> {
  return createRecord(octokit, coordinates, {
    ref: freezeRef(freeze.environment),
    title: `Lockstep freeze of ${freeze.environment} by @${freeze.by}`,
    data: freeze,
  });
}

/** Removes a command freeze; false when there was none. */
export function removeCommandFreeze(
  octokit: Octokit,
  coordinates: RepoCoordinates,
  environment: string,
): Promise<boolean> {
  return deleteRecord(octokit, coordinates, freezeRef(environment));
}
