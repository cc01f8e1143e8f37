import type { FaultSpec } from './faults.js';
import { errorBody, type Reply } from './http-reply.js';

const SECONDARY_DOCS =
  'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';
const PRIMARY_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';
const STATUS_MESSAGES = { 500: 'Server Error', 502: 'Server Error', 503: 'Service Unavailable' } as const;

/** The reply an injected fault produces; undefined for a delay, after which the request goes on. */
export async function faultReply(
  fault: FaultSpec,
  requestId: string,
  actorId: number,
): Promise<Reply | undefined> {
  switch (fault.kind) {
    case 'delay':
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      return undefined;
    case 'drop':
      return { drop: true };
    case 'status':
      return {
        status: fault.status,
        headers: {},
        body: errorBody(fault.status, STATUS_MESSAGES[fault.status], 'https://docs.github.com/rest'),
      };
    case 'secondary-rate-limit': {
      const message = `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`;
      return {
        status: 403,
        headers: { 'retry-after': String(fault.retryAfter ?? 60) },
        body: errorBody(403, message, SECONDARY_DOCS),
      };
    }
    case 'primary-rate-limit': {
      const status = fault.status ?? 403;
      const reset = Math.floor(Date.now() / 1000) + (fault.resetInSeconds ?? 60);
      const message = `API rate limit exceeded for user ID ${actorId}. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`;
      const headers = {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset),
        'x-ratelimit-used': '5000',
        'x-ratelimit-resource': 'core',
      };
      return { status, headers, body: errorBody(status, message, PRIMARY_DOCS) };
    }
  }
}
