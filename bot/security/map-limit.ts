/**
 * Maps `items` through `run` with at most `limit` calls in flight, results in input order. Per
 * environment work is independent, so it overlaps; the limit keeps a burst of writes polite to
 * GitHub's secondary rate limits (Probot's throttling spaces writes further in production). One
 * failure does not stop the others: everything that can be done is done, then the first error is
 * thrown, so a rerun has less left to converge.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  run: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const errors: unknown[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = await run(items[index] as T, index);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  if (errors.length) throw errors[0];
  return results;
}
