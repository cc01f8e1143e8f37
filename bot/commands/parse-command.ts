/** A `/lockstep` command from a comment. */
export type Command =
  | { verb: 'rollback'; environment: string; to?: string; force: boolean; text: string }
  | { verb: 'freeze'; environment: string; reason: string; text: string }
  | { verb: 'unfreeze'; environment: string; text: string }
  | { verb: 'invalid'; problem: string; text: string };

/** The commands the bot understands, as it tells a user who mistyped one. */
export const USAGE = [
  '`/lockstep rollback <env> [to <tag>] [--force]`',
  '`/lockstep freeze <env> [reason]`',
  '`/lockstep unfreeze <env>`',
].join(', ');

const ENV = /^[a-z0-9][a-z0-9-]*$/;

/**
 * The first line of `body` that starts with `/lockstep` (leading spaces allowed), parsed; undefined
 * when there is none, so ordinary conversation is ignored. Quoted lines (`> /lockstep ...`) are not
 * commands: replying to a command must not repeat it.
 */
export function parseCommand(body: string): Command | undefined {
  const line = body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => /^\/lockstep(\s|$)/.test(l));
  if (line === undefined) return undefined;
  const words = line.split(/\s+/).slice(1);
  const [verb, environment, ...rest] = words;
  const invalid = (problem: string): Command => ({ verb: 'invalid', problem, text: line });
  if (verb === undefined) return invalid(`say what to do: ${USAGE}`);
  if (!['rollback', 'freeze', 'unfreeze'].includes(verb)) {
    return invalid(`"${verb}" is not a Lockstep command; the commands are ${USAGE}`);
  }
  if (environment === undefined) return invalid(`name the environment: ${USAGE}`);
  if (!ENV.test(environment)) {
    return invalid(`"${environment}" is not an environment name (lower-case letters, digits and dashes)`);
  }
  if (verb === 'freeze') return { verb, environment, reason: rest.join(' '), text: line };
  if (verb === 'unfreeze') {
    return rest.length
      ? invalid(`\`/lockstep unfreeze\` takes only the environment; remove "${rest.join(' ')}"`)
      : { verb, environment, text: line };
  }
  let force = false;
  let to: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    if (word === '--force') force = true;
    else if (word === 'to' && rest[i + 1] !== undefined && to === undefined) to = rest[++i];
    else
      return invalid(
        `unexpected "${word}" in rollback; the form is \`/lockstep rollback <env> [to <tag>] [--force]\``,
      );
  }
  return { verb: 'rollback', environment, ...(to === undefined ? {} : { to }), force, text: line };
}
