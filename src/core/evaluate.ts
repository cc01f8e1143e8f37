import type { CatalogIndex } from './catalog/catalog-index.js';
import { type CompileOutcome, compileEnvironment } from './compile.js';
import { UnpatchableError } from './errors.js';
import type { Environment, Manifest } from './generated/schema-types.js';
import type { EnvironmentEntry } from './load/load-repository.js';
import { diagnosticAt } from './load/source.js';
import { type ChangeSet, classifyChange, type DeployRecord } from './policy/classify.js';
import { decideVerdict, type VerdictResult } from './policy/verdict.js';
import {
  affectedViolations,
  driftViolation,
  expiredWaiverViolations,
  type Violation,
} from './policy/violations.js';
import { type FreezeState, freezeState, securityPolicy } from './resolve/context.js';

/** What the change is compared against: the last deployed state of the environment. */
export interface Baseline {
  /** Where it came from, for messages: a deploy tag, 'HEAD', or 'none'. */
  ref: string;
  manifest?: Manifest;
  config?: Environment;
  /** Earlier deploys of this environment, to recognise a rollback. */
  deploys: readonly DeployRecord[];
}

/** One environment, judged. */
export interface Evaluation {
  environment: string;
  compiled?: CompileOutcome;
  /** The manifest that would deploy: the committed one, else the compiled one. */
  candidate?: Manifest;
  change?: ChangeSet;
  verdict?: VerdictResult;
  violations: Violation[];
}

/** Options of evaluateEnvironment. */
export interface EvaluateOptions {
  /**
   * Freezes from outside the files (the bot's `/lockstep freeze`), as reasons: they make the gate
   * frozen for the verdict without changing what compile gives, so a freeze never rewrites manifests.
   */
  freezes?: readonly string[];
}

function withFreezes(state: FreezeState, extra: readonly string[]): FreezeState {
  if (extra.length === 0) return state;
  return { frozen: true, reasons: [...state.reasons, ...extra] };
}

/**
 * Compiles in memory and judges the committed manifest against the baseline (validate), and the
 * compiled one (plan). Resolve errors are input errors and propagate; an unpatchable advisory is a
 * violation.
 */
export function evaluateEnvironment(
  entry: EnvironmentEntry,
  catalog: CatalogIndex,
  baseline: Baseline,
  now: Date,
  target: 'committed' | 'compiled',
  options: EvaluateOptions = {},
): Evaluation {
  let compiled: CompileOutcome;
  try {
    compiled = compileEnvironment(entry, catalog, now);
  } catch (error) {
    if (!(error instanceof UnpatchableError)) throw error;
    const d = error.diagnostics[0]!;
    // An expired waiver is often why nothing fits; say both.
    const expired = expiredWaiverViolations(entry, securityPolicy(entry.config, catalog, now));
    return {
      environment: entry.name,
      violations: [{ ...d, environment: entry.name, kind: 'unpatchable' }, ...expired],
    };
  }
  const violations: Violation[] = [];
  if (target === 'committed') {
    const drift = driftViolation(entry, compiled.text);
    if (drift) violations.push(drift);
    if (entry.manifest)
      violations.push(...affectedViolations(entry, entry.manifest, catalog, compiled.policy));
  }
  violations.push(...expiredWaiverViolations(entry, compiled.policy));
  const candidate = target === 'committed' ? (entry.manifest ?? compiled.manifest) : compiled.manifest;
  const change = classifyChange(baseline.manifest, candidate, baseline.deploys);
  const extra = options.freezes ?? [];
  const gate = { channel: entry.config.channel, freeze: withFreezes(compiled.freeze, extra) };
  const previous = baseline.config && {
    channel: baseline.config.channel,
    freeze: withFreezes(freezeState(baseline.config, now), extra),
  };
  const verdict = decideVerdict(entry.config, gate, change, previous);
  if (verdict.verdict === 'blocked') {
    violations.push({
      ...diagnosticAt(entry.source, ['channel'], ''),
      environment: entry.name,
      kind: 'blocked',
      message: `${entry.name}: blocked: ${verdict.reason}`,
    });
  }
  return { environment: entry.name, compiled, candidate, change, verdict, violations };
}
