import { createHash } from 'node:crypto';

/** What the server writes back: a status, headers and an optional JSON body; or a dropped socket. */
export type Reply = { status: number; headers: Record<string, string>; body?: unknown } | { drop: true };

/** The API version the fake answers as (GitHub echoes the requested one in x-github-api-version-selected). */
export const API_VERSION = '2022-11-28';

/** GitHub's error body: `status` is a string on the wire. */
export function errorBody(
  status: number,
  message: string,
  documentationUrl: string,
  errors?: readonly unknown[],
) {
  return {
    message,
    ...(errors ? { errors } : {}),
    documentation_url: documentationUrl,
    status: String(status),
  };
}

/** The 404 GitHub gives for an unknown route, a wrong method, or a resource the caller cannot see. */
export function notFoundReply(): Reply {
  return { status: 404, headers: {}, body: errorBody(404, 'Not Found', 'https://docs.github.com/rest') };
}

/** A weak ETag of the serialized body, like GitHub's `W/"..."`. */
export function etagOf(serialized: string | Buffer): string {
  return `W/"${createHash('sha256').update(serialized).digest('hex').slice(0, 40)}"`;
}

/** True when an If-None-Match header names `etag` (weak comparison, as GitHub does). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}

/** Per-login primary rate limit, counted like GitHub's `core` resource. */
export class RateLimits {
  readonly limit = 5000;
  readonly #used = new Map<string, { used: number; reset: number }>();

  /** Counts one request for `login` and returns the headers GitHub would send. */
  take(login: string): { headers: Record<string, string>; exceeded: boolean } {
    const now = Math.floor(Date.now() / 1000);
    let window = this.#used.get(login);
    if (!window || window.reset <= now) {
      window = { used: 0, reset: now + 3600 };
      this.#used.set(login, window);
    }
    const exceeded = window.used >= this.limit;
    if (!exceeded) window.used += 1;
    return { headers: this.headers(window.used, window.reset), exceeded };
  }

  /** Sets what `login` has left (a test can start near the limit). */
  setRemaining(login: string, remaining: number): void {
    const now = Math.floor(Date.now() / 1000);
    this.#used.set(login, { used: this.limit - remaining, reset: now + 3600 });
  }

  headers(used: number, reset: number): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(this.limit - used),
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-used': String(used),
      'x-ratelimit-resource': 'core',
    };
  }
}
