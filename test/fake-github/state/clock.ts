/** The fake's time source; tests pass a fixed or stepping clock. */
export interface Clock {
  now(): Date;
}

/** A clock that starts at `start` and moves forward by `stepMs` every time it is read. */
export function steppingClock(start = new Date('2026-11-24T12:00:00Z'), stepMs = 1000): Clock {
  let t = start.getTime();
  return {
    now() {
      const d = new Date(t);
      t += stepMs;
      return d;
    },
  };
}

/** ISO time without milliseconds, as GitHub writes it. */
export function githubTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
