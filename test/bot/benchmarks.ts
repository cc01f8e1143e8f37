import { appendFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { ApiMeter } from './harness.js';

/**
 * The bot operations the issue benchmarks, with the minimum the API allows for each (reasoning in
 * docs/benchmarks.md, "The bot"). Reads count as batched as GitHub's GraphQL API allows; each write
 * is one REST call (check runs, comments, labels and branches have no batch write); Probot's
 * settings read, made once per delivery, is included; the installation token (cached for an hour)
 * is not.
 */
export const MINIMUMS = {
  'PR policy check': { calls: 6, rounds: 4 },
  'approval recompute': { calls: 3, rounds: 3 },
  'security PR, 1 environment': { calls: 7, rounds: 7 },
  'security PRs, 50 environments': { calls: 252, rounds: 7 },
  'rollback PR': { calls: 10, rounds: 8 },
} as const;

/** The network latency benchmarks add to each request (see ApiMeter.latencyMs). */
export const BENCH_LATENCY_MS = 150;

/** One measured operation. */
export type BenchmarkName = keyof typeof MINIMUMS;

/**
 * Checks a measured operation against twice its minimum and, when `LOCKSTEP_BENCH_OUT` names a file
 * (bench/bot.mjs sets it), appends the figures to it as one JSON line for docs/benchmarks.md.
 * Call counts are not timings: they are the same on every run, so a test may hold them to a bound.
 */
export function recordBenchmark(name: BenchmarkName, meter: ApiMeter, note = ''): void {
  meter.latencyMs = 0;
  const minimum = MINIMUMS[name];
  const figures = {
    name,
    calls: meter.calls,
    rounds: meter.rounds,
    minimum,
    note,
    operations: meter.operations,
  };
  const out = process.env.LOCKSTEP_BENCH_OUT;
  if (out) appendFileSync(out, `${JSON.stringify(figures)}\n`);
  expect(meter.calls, `${name}: calls within 2x the minimum ${minimum.calls}`).toBeLessThanOrEqual(
    2 * minimum.calls,
  );
  expect(meter.rounds, `${name}: round trips within 2x the minimum ${minimum.rounds}`).toBeLessThanOrEqual(
    2 * minimum.rounds,
  );
}
