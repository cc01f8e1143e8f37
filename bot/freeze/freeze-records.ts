import type { Octokit } from '@octokit/rest';
import type { RepoCoordinates } from '../../src/github/github-port.js';
import { createRecord, deleteRecord, listRecords, type RefRecord } from '../../src/github/record-refs.js';

/** A freeze set with `/lockstep freeze <env> [reason]`, kept until `/lockstep unfreeze <env>`. */
export interface CommandFreeze {
  environment: string;
  /** Who asked. */
  by: string;
  reason: string;
  /** When, ISO 8601. */
  since: string;
  /** Where it was asked: the issue or pull request comment's URL. */
  url: string;
}

/** Where command freezes live: one ref per environment. */
export const FREEZE_PREFIX = 'refs/lockstep/freeze/';

/** The ref of an environment's command freeze. */
export function freezeRef(environment: string): string {
  return `${FREEZE_PREFIX}${environment}`;
}

/** Every command freeze in force, by environment. */
export async function listCommandFreezes(
  octokit: Octokit,
  coordinates: RepoCoordinates,
): Promise<Map<string, CommandFreeze>> {
  const records = await listRecords<CommandFreeze>(octokit, coordinates, FREEZE_PREFIX);
  return new Map(records.map((r) => [r.data.environment, r.data]));
}

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

/** The reason the core's gate shows for a command freeze. */
export function freezeReason(freeze: CommandFreeze): string {
  return `frozen by @${freeze.by} with /lockstep freeze since ${freeze.since}${freeze.reason ? `: ${freeze.reason}` : ''}`;
}
