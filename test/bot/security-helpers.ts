import type { PullRecord } from '../fake-github/state/pulls-store.js';
import { type BotHarness, PEOPLE } from './harness.js';

/** The open security pull requests in the fake, by environment. */
export function openSecurityPulls(bot: BotHarness): Map<string, PullRecord> {
  return new Map(
    bot.repo.pulls
      .list()
      .filter((p) => p.state === 'open' && p.head.startsWith('lockstep/security/'))
      .map((p) => [p.head.slice('lockstep/security/'.length), p] as const),
  );
}

/** Every security pull request ever opened (open or closed). */
export function allSecurityPulls(bot: BotHarness): PullRecord[] {
  return bot.repo.pulls.list().filter((p) => p.head.startsWith('lockstep/security/'));
}

/** Label names of a pull request. */
export function labelsOf(bot: BotHarness, number: number): string[] {
  return bot.repo.issues.labelsOf(number).map((l) => l.name);
}

/** The bot's comments on a pull request. */
export function botComments(bot: BotHarness, number: number): string[] {
  return bot.repo.issues
    .commentsOn(number)
    .filter((c) => c.user === PEOPLE.bot)
    .map((c) => c.body);
}

/** Commits `files` on main as `sender` and delivers the push. */
export async function pushToMain(
  bot: BotHarness,
  files: Record<string, string | null>,
  sender: string = PEOPLE.secops,
  message = 'Catalog update',
) {
  const sha = bot.commit('main', files, message);
  const delivery = await bot.deliver('push', undefined, { sender });
  return { sha, delivery };
}

/** The repository_dispatch a release pipeline sends after updating the catalog. */
export function dispatchCatalog(bot: BotHarness, sender: string = PEOPLE.secops, deliveryId?: string) {
  return bot.deliver('repository_dispatch', 'lockstep-catalog', {
    sender,
    ...(deliveryId ? { deliveryId } : {}),
  });
}

/** Requests that change something on GitHub (not reads). */
export function writesSince(bot: BotHarness, mark: number): string[] {
  const mutation = (body: unknown) =>
    typeof body === 'object' &&
    body !== null &&
    /^\s*mutation\b/.test(String((body as { query?: unknown }).query));
  return bot.fake.requests
    .slice(mark)
    .filter((r) =>
      r.operationId === 'graphql'
        ? mutation(r.body)
        : r.method !== 'GET' && !r.path.endsWith('/access_tokens'),
    )
    .map((r) => r.operationId ?? `${r.method} ${r.path}`);
}
