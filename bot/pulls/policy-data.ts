import type { ApprovalNeed } from './judge-pull.js';

/**
 * What `lockstep/approval` needs from `lockstep/policy`, kept in the policy run's summary as a hidden
 * comment: a review event then reads one check run instead of loading and judging the repository.
 * `untouched`: the pull request changes no Lockstep file; `invalid`: its files could not be judged.
 */
export interface PolicyData {
  sha: string;
  state: 'judged' | 'untouched' | 'invalid';
  needs: ApprovalNeed[];
}

const MARK = 'lockstep:policy-data';
const BLOCK = /<!-- lockstep:policy-data (\{.*?\}) -->/s;

/** The hidden block for a check run summary (no `>` inside, so user text cannot end the comment). */
export function policyDataBlock(data: PolicyData): string {
  const json = JSON.stringify({ v: 1, ...data })
    .replaceAll('>', '\\u003e')
    .replaceAll('<', '\\u003c');
  return `<!-- ${MARK} ${json} -->`;
}

/** The block of a policy run's summary, when it has a well-formed one for `sha`. */
export function readPolicyData(summary: string, sha: string): PolicyData | undefined {
  const json = BLOCK.exec(summary)?.[1];
  if (json === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.v !== 1 || value.sha !== sha) return undefined;
  const { state, needs } = value;
  if (state !== 'judged' && state !== 'untouched' && state !== 'invalid') return undefined;
  if (!Array.isArray(needs) || !needs.every(isNeed)) return undefined;
  return { sha, state, needs };
}

function isNeed(value: unknown): value is ApprovalNeed {
  return (
    isRecord(value) &&
    typeof value.environment === 'string' &&
    typeof value.required === 'number' &&
    typeof value.reason === 'string' &&
    Array.isArray(value.approvers) &&
    value.approvers.every((a) => typeof a === 'string')
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
