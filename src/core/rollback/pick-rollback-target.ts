import { LockstepError } from '../errors.js';

/** A deploy a rollback may go back to: its tag and its number. */
export interface NumberedDeploy {
  /** `<prefix>/<env>/<n>`. */
  tag: string;
  n: number;
}

/**
 * The deploy a rollback restores (SPEC 5): the one `to` names (its tag, or its number), by default
 * the one before the last. `nameOption` is how the face lets a user name a tag (`--to` in the CLI),
 * for the message. An unknown tag, or no earlier deploy, is a usage error listing the deploys.
 */
export function pickRollbackTarget<T extends NumberedDeploy>(
  deploys: readonly T[],
  to: string | undefined,
  env: string,
  nameOption = '--to',
): T {
  if (to !== undefined) {
    const found = deploys.find((d) => d.tag === to || String(d.n) === to);
    if (!found)
      throw new LockstepError(
        'E_USAGE',
        `no deploy '${to}' of ${env} (deploys: ${deploys.map((d) => d.tag).join(', ') || 'none'})`,
      );
    return found;
  }
  const previous = deploys.at(-2);
  if (!previous)
    throw new LockstepError(
      'E_USAGE',
      `${env} has ${deploys.length} deploy(s); a rollback needs an earlier one (or name it with ${nameOption})`,
    );
  return previous;
}
