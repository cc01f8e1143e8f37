/** Where timeline lines go: console.log in `npm run demo`, an array in the test. */
export type Log = (line: string) => void;

const ACTOR_WIDTH = 19;
const WHAT_WIDTH = 70;
const DETAIL_WIDTH = 180;

/**
 * The demo's readable timeline: a header per act, then one line per event with a step counter
 * standing in for time (the fake's clock is a stepping clock, so wall time tells nothing), the actor,
 * what happened, and the ids a reader would click on GitHub.
 */
export class Timeline {
  readonly #log: Log;
  #step = 0;
  #act = 0;

  constructor(log: Log) {
    this.#log = log;
  }

  /** Starts an act: a blank line and a numbered header. */
  act(title: string): void {
    const label = this.#act === 0 ? 'Prologue' : `Act ${this.#act}`;
    this.#act += 1;
    this.#log('');
    this.#log(`== ${label}: ${title} ${'='.repeat(Math.max(3, 90 - label.length - title.length))}`);
  }

  /** One event: `T+007  alice            approves PR #1 ...                 review 1042`. */
  event(actor: string, what: string, ids = ''): void {
    this.#step += 1;
    const time = `T+${String(this.#step).padStart(3, '0')}`;
    const text = ids ? `${what.padEnd(WHAT_WIDTH)}  ${ids}` : what;
    this.#log(`${time}  ${actor.padEnd(ACTOR_WIDTH)} ${text}`.trimEnd());
  }

  /** An indented detail under the last event (a table row, a log line), without a step; cut to fit. */
  detail(text: string): void {
    for (const line of text.split('\n')) {
      const cut = line.length > DETAIL_WIDTH ? `${line.slice(0, DETAIL_WIDTH - 3)}...` : line;
      this.#log(`${' '.repeat(8 + ACTOR_WIDTH)}${cut}`.trimEnd());
    }
  }
}

/** A short sha, as GitHub shows it. */
export function short(sha: string): string {
  return sha.slice(0, 7);
}
