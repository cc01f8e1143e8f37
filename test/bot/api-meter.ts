/**
 * Counts the bot's own API calls and its sequential round trips, seen from the client. A request's
 * depth is one more than the deepest request that had completed when it started; the round trips
 * are the greatest depth: requests issued together (Promise.all) share a depth, and a request that
 * waits in a queue behind others (a concurrency limit) counts after them. The benchmark and the
 * API-budget tests read it.
 */
export class ApiMeter {
  calls = 0;
  rounds = 0;
  operations: string[] = [];
  /**
   * Network latency to add before each request (benchmarks). The fake answers in a millisecond or
   * two, one request at a time, so without latency a chain answered first can run several steps
   * ahead of its siblings and the depth above counts them as sequential; with latency well above the
   * fake's time for a whole wave, as on GitHub, requests issued together finish together.
   */
  latencyMs = 0;
  #completedDepth = 0;

  /** Forgets what was counted (call before the operation to measure). */
  reset(): void {
    this.calls = 0;
    this.rounds = 0;
    this.operations = [];
    this.#completedDepth = 0;
  }

  /** Wraps one request. */
  async track<T>(label: string, send: () => Promise<T>): Promise<T> {
    this.calls++;
    this.operations.push(label);
    const depth = this.#completedDepth + 1;
    this.rounds = Math.max(this.rounds, depth);
    try {
      if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      return await send();
    } finally {
      this.#completedDepth = Math.max(this.#completedDepth, depth);
    }
  }
}
