import type { Octokit } from '@octokit/rest';
import type { RepoCoordinates } from './github-port.js';
import type { RepositorySnapshot } from './graphql-snapshot.js';
import { listRecords, parseRecordMessage } from './record-refs.js';

/**
 * A freeze set with the bot's `/lockstep freeze <env> [reason]`, kept until `/lockstep unfreeze
 * <env>` (ADR 0010). The Action and the bot both read it: while it holds, the environment's gate is
 * frozen (SPEC 4's frozen row) although its files say otherwise.
 */
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

/** The reason the core's gate shows for a command freeze. */
export function freezeReason(freeze: CommandFreeze): string {
  return `frozen by @${freeze.by} with /lockstep freeze since ${freeze.since}${freeze.reason ? `: ${freeze.reason}` : ''}`;
}

/** Every command freeze in force, by environment: one call lists them, one per freeze reads it. */
export async function listCommandFreezes(
  octokit: Octokit,
  coordinates: RepoCoordinates,
): Promise<Map<string, CommandFreeze>> {
  const records = await listRecords<CommandFreeze>(octokit, coordinates, FREEZE_PREFIX);
  return new Map(records.map((r) => [r.data.environment, r.data]));
}

/**
 * The command freezes a snapshot that listed `FREEZE_PREFIX` holds, by environment; listed through
 * REST when the snapshot could not hold them all (over 100).
 */
export async function commandFreezesIn(
  octokit: Octokit,
  coordinates: RepoCoordinates,
  snapshot: Pick<RepositorySnapshot, 'records'>,
): Promise<Map<string, CommandFreeze>> {
  const commits = snapshot.records.get(FREEZE_PREFIX);
  if (!commits) return listCommandFreezes(octokit, coordinates);
  return new Map(
    commits.flatMap((c) => {
      const data = parseRecordMessage<CommandFreeze>(c.message);
      return data ? [[data.environment, data] as const] : [];
    }),
  );
}
