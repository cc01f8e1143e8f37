/**
 * Wait before retry `retry` (1 for the first retry): base × 2^(retry-1), capped, with "equal jitter"
 * (half fixed, half random) so that many runners retrying at once spread out while the wait still grows.
 */
export function backoffDelay(retry: number, baseMs: number, capMs: number, random: () => number): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}

/** A `Retry-After` header in seconds (the HTTP-date form is ignored), as milliseconds. */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim()) * 1000;
}
