import type { Diagnostic } from '../../src/core/errors.js';
import type { Environment } from '../../src/core/generated/schema-types.js';
import { parseSource } from '../../src/core/load/parse.js';
import { checkSchema } from '../../src/core/load/schema-check.js';
import { freezeState } from '../../src/core/resolve/context.js';
import { commandFreezesIn } from '../../src/github/command-freeze.js';
import type { RefCommit } from '../../src/github/graphql-snapshot.js';
import { parseRecordMessage } from '../../src/github/record-refs.js';
import type { BotContext } from '../bot-context.js';
import { readRepositorySnapshot } from '../read-snapshot.js';
import { type CommandFreeze, FREEZE_PREFIX } from './freeze-records.js';
import { PROTECTION_PREFIX, type RememberedProtection, recallProtection } from './protection-memory.js';

/** One environment of the default branch's head, as far as freezes are concerned. */
export interface EnvironmentFreezeFacts {
  name: string;
  /** Its config file, e.g. `environments/prod-eu.yaml`. */
  path: string;
  /** Why its config freezes it at the event's time (channel, hold, freeze window); empty: it does not. */
  configReasons: string[];
  /** Whether it lists approvers (then a rollback of it while frozen needs approval). */
  approvers: boolean;
}

/** What decides the freezes now, and what Lockstep remembers about the default branch's protection. */
export interface FreezeView {
  /** The environments at the default branch's head. */
  environments: Map<string, EnvironmentFreezeFacts>;
  /** The `/lockstep freeze` records, by environment. */
  commandFreezes: Map<string, CommandFreeze>;
  /** The protection remembered before the freeze (refs/lockstep/protection/<branch>), if any. */
  memory: RememberedProtection | undefined;
  /** Environment files that do not load: whether they freeze is unknown. */
  problems: Diagnostic[];
}

/** An environment frozen now, and why. */
export interface FrozenEnvironment {
  name: string;
  reasons: string[];
  approvers: boolean;
}

const ENVIRONMENT_FILE = /^(.+)\.ya?ml$/;

/**
 * Reads the freeze view in one GraphQL request (src/github/graphql-snapshot.ts): the environment
 * files at the default branch's head, the command freeze records and the protection memory. Only
 * with more than 100 records under a prefix are those listed through REST instead. A file that does
 * not parse or fails its schema is reported in `problems`, and the rest still count.
 */
export async function readFreezeView(ctx: BotContext): Promise<FreezeView> {
  const dir = ctx.settings.environmentsDir;
  const snapshot = await readRepositorySnapshot(
    ctx,
    ctx.defaultBranch,
    [FREEZE_PREFIX, PROTECTION_PREFIX],
    [dir],
  );
  const memoryRecords = snapshot.records.get(PROTECTION_PREFIX);
  const [commandFreezes, memory] = await Promise.all([
    commandFreezesIn(ctx.octokit, ctx.coordinates, snapshot),
    memoryRecords
      ? records<RememberedProtection>(memoryRecords.filter((r) => r.name === ctx.defaultBranch))[0]
      : recallProtection(ctx, ctx.defaultBranch),
  ]);
  const names = new Map<string, string>();
  for (const file of await snapshot.reader.list(dir)) {
    const m = ENVIRONMENT_FILE.exec(file);
    if (m?.[1] && !names.has(m[1])) names.set(m[1], `${dir}/${file}`);
  }
  const problems: Diagnostic[] = [];
  const facts = await Promise.all(
    [...names].map(async ([name, path]): Promise<EnvironmentFreezeFacts> => {
      const source = { path, text: (await snapshot.reader.read(path)) ?? '' };
      const parsed = parseSource(source);
      const diagnostics = parsed.ok
        ? checkSchema(ctx.validators, 'environment', parsed.value, source)
        : parsed.diagnostics;
      if (!parsed.ok || diagnostics.length) {
        problems.push(...diagnostics);
        return { name, path, configReasons: [], approvers: false };
      }
      const config = parsed.value as Environment;
      return {
        name,
        path,
        configReasons: freezeState(config, ctx.now).reasons,
        approvers: (config.approvals?.approvers ?? []).length > 0,
      };
    }),
  );
  return { environments: new Map(facts.map((f) => [f.name, f])), commandFreezes, memory, problems };
}

/** The data of record commits; commits that are not Lockstep records are left out. */
function records<T>(commits: readonly RefCommit[]): T[] {
  return commits.flatMap((c) => {
    const data = parseRecordMessage<T>(c.message);
    return data === undefined ? [] : [data];
  });
}

/**
 * The environments frozen now: by their config, or by `/lockstep freeze` (a command freeze of an
 * environment whose file is gone still counts until it is lifted: it was asked for on purpose).
 */
export function frozenEnvironments(view: FreezeView): FrozenEnvironment[] {
  const names = new Set([...view.environments.keys(), ...view.commandFreezes.keys()]);
  const frozen: FrozenEnvironment[] = [];
  for (const name of [...names].sort()) {
    const facts = view.environments.get(name);
    const reasons = [...(facts?.configReasons ?? [])];
    if (view.commandFreezes.has(name)) reasons.push('/lockstep freeze');
    if (reasons.length) frozen.push({ name, reasons, approvers: facts?.approvers ?? false });
  }
  return frozen;
}
