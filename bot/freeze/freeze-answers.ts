import type { CommandFreeze } from './freeze-records.js';
import type { EnvironmentFreezeFacts, FreezeView, FrozenEnvironment } from './frozen-now.js';
import { protectionRef } from './protection-memory.js';
import type { ProtectionOutcome } from './reconcile-protection.js';

/*
 * The bot's answers to `/lockstep freeze` and `/lockstep unfreeze`. reply() puts "@user asked
 * `command`" above each, so these say what was done, why, and what to do next. They describe the
 * state reached, not the step taken, so that two deliveries of one command give the same answer.
 */

const code = (text: string) => `\`${text}\``;

function since(freeze: CommandFreeze): string {
  const reason = freeze.reason ? `, reason: "${freeze.reason}"` : '';
  return `by @${freeze.by} at ${freeze.since}${reason} ([command](${freeze.url}))`;
}

/** `channel frozen` -> the field a pull request would change. */
function fieldOf(reason: string): string {
  if (reason === 'channel frozen') return '`channel: frozen`';
  if (reason.startsWith('hold ')) return `\`hold\` (${reason.slice(5)})`;
  if (reason.startsWith('freeze window ')) return `a \`freeze\` window (${reason.slice(14)})`;
  return reason;
}

function frozenList(frozen: readonly FrozenEnvironment[]): string {
  return frozen.map((f) => `**${f.name}** (${f.reasons.join('; ')})`).join(', ');
}

function checksText(required: readonly string[]): string {
  return required.map(code).join(' and ');
}

/** What the protection is now, in one paragraph. */
export function protectionState(outcome: ProtectionOutcome): string {
  const branch = code(outcome.branch);
  if (outcome.problem?.kind === 'unreadable') {
    return (
      `No environment is known to be frozen, but branch protection of ${branch} keeps Lockstep's checks ` +
      `while environment files do not load (${outcome.problem.message}): whether those are frozen is ` +
      'unknown. Fix them; the push that does restores the protection from before the freeze.'
    );
  }
  if (outcome.problem && outcome.frozen.length === 0) {
    return (
      `No environment is frozen any more, but branch protection of ${branch} could not be restored: ` +
      `${outcome.problem.message}. Lockstep's checks stay required until an administrator gives the ` +
      'Lockstep app the Administration (write) permission (the next event restores it), or restores it by ' +
      `hand from ${code(protectionRef(outcome.branch))}.`
    );
  }
  if (outcome.problem) {
    return (
      `Branch protection of ${branch} could not be changed: ${outcome.problem.message}. The freeze still ` +
      'makes `lockstep/policy` judge changes as frozen, but GitHub will not hold merges on it until an ' +
      'administrator gives the Lockstep app the Administration (write) permission, or sets the protection by hand.'
    );
  }
  if (outcome.frozen.length === 0) {
    return `No environment is frozen any more: Lockstep requires nothing on ${branch}, whose branch protection is as it was before the freeze.`;
  }
  return (
    `Frozen now: ${frozenList(outcome.frozen)}. Branch protection of ${branch} requires ` +
    `${checksText(outcome.required)} with \`enforce_admins\` on, so administrators cannot merge past ` +
    `them either. The protection from before is remembered in ${code(protectionRef(outcome.branch))} ` +
    'and comes back exactly once no environment is frozen.'
  );
}

/** The environment named does not exist at the default branch's head. */
export function unknownEnvironment(environment: string, view: FreezeView, branch: string): string {
  const known = [...view.environments.keys()].sort().map(code).join(', ') || 'none';
  return (
    `There is no environment ${code(environment)} on ${code(branch)} (known: ${known}). ` +
    'Nothing was changed; check the name and ask again.'
  );
}

/** `/lockstep freeze` of an environment that a command froze already. */
export function alreadyFrozen(freeze: CommandFreeze): string {
  return (
    `**${freeze.environment}** is already frozen ${since(freeze)}. Nothing was changed. ` +
    `To lift that freeze: ${code(`/lockstep unfreeze ${freeze.environment}`)}.`
  );
}

/** `/lockstep freeze` done. */
export function frozenAnswer(freeze: CommandFreeze, outcome: ProtectionOutcome): string {
  const env = freeze.environment;
  return [
    `Froze **${env}** ${since(freeze)}.`,
    `While it holds, \`lockstep/policy\` blocks every change to ${env} except enforced security ` +
      'patches and rollbacks (a rollback needs approval where the environment lists approvers).',
    '',
    protectionState(outcome),
    '',
    `To lift it: ${code(`/lockstep unfreeze ${env}`)}.`,
  ].join('\n');
}

/** `/lockstep unfreeze` done. */
export function unfrozenAnswer(
  freeze: CommandFreeze,
  facts: EnvironmentFreezeFacts | undefined,
  outcome: ProtectionOutcome,
): string {
  const env = freeze.environment;
  const lines = [`Lifted the freeze of **${env}** set ${since(freeze)}.`];
  if (facts?.configReasons.length) lines.push('', byConfig(facts));
  lines.push('', protectionState(outcome));
  return lines.join('\n');
}

/** `/lockstep unfreeze` of an environment no command froze. */
export function notFrozenByCommand(environment: string, facts: EnvironmentFreezeFacts | undefined): string {
  if (!facts?.configReasons.length) {
    return `**${environment}** is not frozen (neither by \`/lockstep freeze\` nor by its config), so there is nothing to unfreeze. Nothing was changed.`;
  }
  return `**${environment}** is not frozen by \`/lockstep freeze\`, so no command can lift it. Nothing was changed.\n\n${byConfig(facts)}`;
}

function byConfig(facts: EnvironmentFreezeFacts): string {
  const fields = facts.configReasons.map(fieldOf).join(', ');
  return (
    `${facts.name} stays frozen by its config: ${code(facts.path)} has ${fields}. To unfreeze it, merge ` +
    `a pull request that changes that in ${code(facts.path)}; the branch protection follows on the push.`
  );
}
