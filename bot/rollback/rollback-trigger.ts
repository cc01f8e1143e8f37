import type { AffectedVersion } from '../../src/core/rollback/enforced-advisories.js';
import type { RollbackTags } from './rollback-tags.js';

/** A failed Lockstep Deployment, as the deployment_status event tells it. */
export interface FailedDeployment {
  id: number;
  environment: string;
  /** The commit that was being deployed. */
  sha: string;
  state: string;
  /** The status's description: what failed. */
  description: string;
  /** The status's log (or target) URL. */
  url: string;
  /** Who created the Deployment (the workflow's identity). */
  creator: string;
  /** The manifest digest the Deployment carried (its payload). */
  digest: string;
  /** The deploy tag it would have taken (its payload), when it says. */
  tag?: string;
}

/** Who or what asked for a rollback: every message and the hold say it. */
export type RollbackTrigger =
  | {
      kind: 'command';
      /** Who wrote the command. */
      by: string;
      /** The command as written. */
      command: string;
      /** The command comment's id and URL, and its issue or pull request. */
      commentId: number;
      url: string;
      issueNumber: number;
      /** `owner/repo#number`: the conversation, as the hold names it (a plain YAML scalar). */
      where: string;
    }
  | { kind: 'failure'; deployment: FailedDeployment };

/** A rollback forced past enforced advisories by an approver. */
export interface Forced {
  by: string;
  advisories: readonly AffectedVersion[];
}

/**
 * The hold's reason: what the rollback goes from and to, and who or what asked. It names no
 * deployment id, so a second failure of the same manifest writes the same files.
 */
export function holdReason(trigger: RollbackTrigger, { last, target }: RollbackTags): string {
  if (trigger.kind === 'failure') {
    const d = trigger.deployment;
    return `rolled back to ${target.tag} after a failed deployment of ${d.digest.slice(0, 19)}${d.tag ? ` (${d.tag})` : ''}`;
  }
  const move =
    last.tag === target.tag
      ? `rolled back to ${target.tag}, the last deploy,`
      : `rolled back from ${last.tag} to ${target.tag}`;
  return `${move} by @${trigger.by} (/lockstep rollback in ${trigger.where})`;
}

/** The advisories of a forced rollback, one per line, for messages. */
export function advisoryLines(affected: readonly AffectedVersion[]): string[] {
  return affected.map(
    ({ item, version, advisory: a }) =>
      `- \`${item}\` ${version}: ${a.url ? `[${a.id}](${a.url})` : a.id} (${a.severity}): ${a.summary}`,
  );
}
