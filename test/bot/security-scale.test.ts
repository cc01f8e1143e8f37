import { afterEach, describe, expect, it, vi } from 'vitest';
import { BENCH_LATENCY_MS, recordBenchmark } from './benchmarks.js';
import { type BotHarness, PEOPLE, startBot } from './harness.js';
import {
  ADVISORY_0099_PROD_ONLY,
  ADVISORY_0099_REVISED,
  ADVISORY_FILE,
  manyEnvironments,
  settingsFile,
} from './security-fixtures.js';
import { dispatchCatalog, openSecurityPulls, writesSince } from './security-helpers.js';

vi.setConfig({ testTimeout: 120_000 });

let bot: BotHarness;
afterEach(async () => {
  await bot.close();
});

/** Probot's own requests for a delivery (installation token, reading .github/lockstep.yml). */
const probotOwn = (op: string) => /access_tokens|\/contents\//.test(op);

interface Timed {
  label: string;
  start: number;
  end: number;
}

/**
 * Records when each of the bot's requests starts and ends, to find the longest chain of requests
 * that each began after the previous one finished: the sequential round trips a delivery costs.
 */
function timeRequests(harness: BotHarness): Timed[] {
  const timed: Timed[] = [];
  const track = harness.meter.track.bind(harness.meter);
  harness.meter.track = async (label, send) => {
    const entry = { label, start: performance.now(), end: Number.POSITIVE_INFINITY };
    timed.push(entry);
    try {
      return await track(label, send);
    } finally {
      entry.end = performance.now();
    }
  };
  return timed;
}

/** The longest chain r1 -> r2 -> ... where each request started after the previous one ended. */
function longestChain(requests: readonly Timed[]): number {
  const sorted = [...requests].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  sorted.forEach((r, i) => {
    let best = 0;
    for (let j = 0; j < i; j++) if (sorted[j]!.end <= r.start) best = Math.max(best, depth[j]!);
    depth[i] = best + 1;
  });
  return Math.max(0, ...depth);
}

describe('security PRs at scale: API calls and round trips', () => {
  for (const count of [1, 50]) {
    it(`${count} environment(s) needing a patch: calls within 2x of the minimum`, async () => {
      bot = await startBot({ files: { ...settingsFile(), ...(await manyEnvironments(count)) } });
      await dispatchCatalog(bot, PEOPLE.secops); // nothing to do yet; warms Probot's installation token
      bot.commit('main', { [ADVISORY_FILE]: ADVISORY_0099_PROD_ONLY }, 'Release pipeline: ACME-2026-0099');
      const timed = timeRequests(bot);
      bot.meter.latencyMs = BENCH_LATENCY_MS;
      bot.meter.reset();
      await dispatchCatalog(bot, PEOPLE.secops);
      expect(openSecurityPulls(bot).size).toBe(count);
      // The whole delivery, Probot's read of the settings included, against the shared minimums.
      recordBenchmark(
        count === 1 ? 'security PR, 1 environment' : 'security PRs, 50 environments',
        bot.meter,
      );
      console.log(
        `security sync, ${count} env(s), whole delivery: ${bot.meter.calls} calls, meter rounds ${bot.meter.rounds}`,
      );

      // The operation's own requests: without Probot's (installation token, settings file).
      const own = timed.filter((t) => !probotOwn(t.label));
      const ops = own.map((t) => t.label.replace(/^(\w+) https?:\/\/[^/]+/, '$1 ').replace(/\?.*$/, ''));
      const calls = own.length;
      const chain = longestChain(own);
      const minimum = 1 + 5 * count; // one read; per environment tree, commit, ref, PR, labels
      const byOp = new Map<string, number>();
      for (const op of ops) byOp.set(op, (byOp.get(op) ?? 0) + 1);
      console.log(
        `security sync, ${count} env(s): ${calls} calls (minimum ${minimum}), ${chain} sequential round trips; ${[...byOp].map(([op, n]) => `${op} x${n}`).join(', ')}`,
      );
      expect(calls).toBe(2 + 5 * count);
      expect(calls).toBeLessThanOrEqual(2 * minimum);
      expect(chain).toBe(1 + 5 * Math.ceil(count / 50));

      // Redelivered: the same two reads, nothing written.
      const mark = bot.fake.requests.length;
      bot.meter.reset();
      await dispatchCatalog(bot, PEOPLE.secops);
      expect(writesSince(bot, mark)).toEqual([]);
      expect(bot.meter.operations.filter((op) => !probotOwn(op))).toHaveLength(2);

      // A revised fix (1.2.8 yanked, 1.2.9 out) updates every PR: tree, commit, ref, PR body.
      bot.commit(
        'main',
        { [ADVISORY_FILE]: ADVISORY_0099_REVISED },
        'Release pipeline: revise ACME-2026-0099',
      );
      timed.splice(0);
      await dispatchCatalog(bot, PEOPLE.secops);
      const updated = timed.filter((t) => !probotOwn(t.label));
      // The advisory withdrawn: every PR closed with a comment (list, create, re-list), branch deleted.
      bot.commit('main', { [ADVISORY_FILE]: null }, 'Release pipeline: withdraw ACME-2026-0099');
      timed.splice(0);
      await dispatchCatalog(bot, PEOPLE.secops);
      const closed = timed.filter((t) => !probotOwn(t.label));
      console.log(
        `security sync, ${count} env(s): update ${updated.length} calls, ${longestChain(updated)} round trips; close ${closed.length} calls, ${longestChain(closed)} round trips`,
      );
      expect(openSecurityPulls(bot).size).toBe(0);
      expect(updated).toHaveLength(2 + 4 * count);
      expect(closed).toHaveLength(2 + 5 * count);
    });
  }
});
