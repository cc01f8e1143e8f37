import { retry } from '@octokit/plugin-retry';
import { type ThrottlingOptions, throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

/** Where the Octokit's warnings go (the Action passes `core.warning` and friends); never the console. */
export type OctokitLog = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

/** Options of createOctokit. */
export interface CreateOctokitOptions {
  token: string;
  /** The API root, e.g. `https://github.example.com/api/v3` or the fake GitHub's URL. */
  baseUrl?: string;
  userAgent?: string;
  log?: OctokitLog;
  /** How often a request is retried after a 5xx, a dropped connection or a rate limit (default 3). */
  retries?: number;
  /** plugin-retry's back-off unit (default 1000 ms: waits 1 s, 4 s, 9 s); tests shrink it. */
  retryBaseMs?: number;
  /**
   * The pause between two writes of this client. By default plugin-throttling's 1 s (3 s for writes
   * that notify, like issues, comments and releases), GitHub's advice against secondary rate limits;
   * tests and benchmarks pass 0.
   */
  writeIntervalMs?: number;
}

/** Octokit with retries and throttling, as the Action uses it; Probot's octokit has the same plugins. */
export const LockstepOctokit = Octokit.plugin(retry, throttling);
/** An instance of LockstepOctokit. */
export type LockstepOctokit = InstanceType<typeof LockstepOctokit>;

type WriteGroup = NonNullable<Exclude<ThrottlingOptions, { enabled: false }>['write']>;

/**
 * A stand-in for plugin-throttling's write group (a Bottleneck.Group, of which the plugin only calls
 * `key(id).schedule(options, fn)`) that spaces writes by `ms`, per client instead of per process.
 */
export function pacedWrites(ms: number): WriteGroup {
  let next = 0;
  const limiter = {
    async schedule<T>(_options: unknown, fn: () => Promise<T>): Promise<T> {
      const now = Date.now();
      const wait = next - now;
      next = Math.max(next, now) + ms;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return fn();
    },
  };
  // The plugin types this option as Bottleneck.Group; only the method above is ever called.
  return { key: () => limiter } as unknown as WriteGroup;
}

/** The one Octokit factory of the Action (STYLE 4): retries 5xx, waits out primary and secondary rate limits. */
export function createOctokit(options: CreateOctokitOptions): LockstepOctokit {
  const log = options.log ?? (() => {});
  const retries = options.retries ?? 3;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const again = retryCount < retries;
      log(
        'warn',
        `GitHub ${kind} rate limit on ${request.method} ${request.url}; ` +
          (again ? `retrying in ${retryAfter}s (retry ${retryCount + 1} of ${retries})` : 'giving up'),
      );
      return again;
    };
  return new LockstepOctokit({
    auth: options.token,
    ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
    userAgent: options.userAgent ?? 'lockstep',
    // Octokit logs every request at info (one line each) and every failed attempt at error, also
    // those a retry then recovers: they are debug lines and warnings; a final failure is thrown.
    log: {
      debug: (message: string) => log('debug', message),
      info: (message: string) => log('debug', message),
      warn: (message: string) => log('warn', message),
      error: (message: string) => log('warn', message),
    },
    retry: {
      retries,
      ...(options.retryBaseMs !== undefined ? { retryAfterBaseValue: options.retryBaseMs } : {}),
    },
    throttle: {
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      ...(options.writeIntervalMs !== undefined
        ? { write: pacedWrites(options.writeIntervalMs), notifications: pacedWrites(options.writeIntervalMs) }
        : {}),
    },
  });
}
