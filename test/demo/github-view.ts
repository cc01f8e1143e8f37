import type { ProtectionSettings } from '../fake-github/state/protection-store.js';
import type { RepoState } from '../fake-github/state/repo-state.js';
import { short } from './timeline.js';

/** What GitHub shows at one moment, reduced to what the bot may change: compared before and after. */
export interface GitHubView {
  pulls: Map<number, { state: string; merged: boolean; head: string; title: string; labels: string }>;
  comments: Map<number, { issue: number; user: string; body: string }>;
  checks: Map<number, { name: string; sha: string; state: string; title: string }>;
  protection: string;
  issues: Map<number, { title: string; body: string; state: string }>;
  records: Set<string>;
}

/** One thing the bot did, as the timeline shows it: what, and the ids to click on. */
export interface Answer {
  what: string;
  ids: string;
  /** Lines shown under it. */
  details?: string[];
}

/** Looks at the repository as GitHub's pages would show it. */
export function look(repo: RepoState): GitHubView {
  const pulls: GitHubView['pulls'] = new Map();
  for (const p of repo.pulls.list())
    pulls.set(p.number, {
      state: p.state,
      merged: p.mergedAt !== null,
      head: repo.pulls.headSha(p),
      title: p.title,
      labels: repo.issues
        .labelsOf(p.number)
        .map((l) => l.name)
        .join(', '),
    });
  const comments: GitHubView['comments'] = new Map();
  for (const c of repo.issues.comments.values())
    comments.set(c.id, { issue: c.issueNumber, user: c.user, body: c.body });
  const checks: GitHubView['checks'] = new Map();
  for (const r of repo.checks.checkRuns.values())
    checks.set(r.id, {
      name: r.name,
      sha: r.headSha,
      state: r.conclusion ?? r.status,
      title: r.output.title ?? '',
    });
  const issues: GitHubView['issues'] = new Map();
  for (const i of repo.issues.issues.values())
    issues.set(i.number, { title: i.title, body: i.body ?? '', state: i.state });
  const records = new Set(
    [...repo.git.refs.keys()].filter(
      (r) => r.startsWith('refs/lockstep/') || r.startsWith('refs/heads/lockstep/'),
    ),
  );
  return {
    pulls,
    comments,
    checks,
    protection: protectionText(repo.protection.branches.get(repo.defaultBranch)),
    issues,
    records,
  };
}

/** `lockstep/policy, lockstep/approval required (app-pinned), enforce_admins`, or `not protected`. */
export function protectionText(rules: ProtectionSettings | undefined): string {
  if (!rules) return 'not protected';
  const checks = rules.required_status_checks;
  const names = [...(checks?.contexts ?? []), ...(checks?.checks ?? []).map((c) => c.context)];
  const pinned = (checks?.checks ?? []).some((c) => c.app_id !== undefined);
  const parts = [
    names.length ? `requires ${names.join(' + ')}${pinned ? ' (from the app)' : ''}` : 'no required checks',
  ];
  if (rules.enforce_admins) parts.push('enforce_admins');
  return parts.join(', ');
}

/** Markdown as one plain line: links become their text, code marks and bold go, digests are cut. */
export function plain(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|`/g, '')
    .replace(/(sha256:[0-9a-f]{12})[0-9a-f]{52}/g, '$1');
}

/**
 * What a comment says, in one line: its first paragraph that is not a hidden marker, the echo of a
 * command ("@carol-ops asked ...") or a link to a deployment, cut to `width`.
 */
export function gist(body: string, width = 100): string {
  const paragraphs = body
    .replace(/<!--.*?-->/g, '')
    .split(/\n\s*\n/)
    .map((p) => plain(p.trim().split('\n')[0] ?? '').replace(/^#+\s*/, ''))
    .filter((p) => p !== '');
  const line = paragraphs.find((p) => !/^@\S+ asked |^deployment \d+ of /.test(p)) ?? paragraphs[0] ?? '';
  return line.length > width ? `${line.slice(0, width - 3)}...` : line;
}

/** Under a plan comment: each environment the pull request changes, its verdict and its changes. */
function planDetails(body: string): string[] {
  const out: string[] = [];
  let section = '';
  for (const row of body.split('\n')) {
    section = /^#### (\S+)/.exec(row)?.[1] ?? section;
    const cells = row.split('|').map((c) => plain(c.trim()));
    if (cells.length !== 7) continue;
    const [, first = '', second = '', third = '', fourth = '', fifth = ''] = cells;
    if (/^(deploy\/|none)/.test(fifth) && second !== '-')
      out.push(`${first}: ${third.replace(/^\S+ /, '')} (${fourth}) vs ${fifth}`);
    else if (/^(platform|suite:|capability:)/.test(first))
      out.push(`  ${section}: ${first} ${second} -> ${third} (${fourth})`);
  }
  return out;
}

/** Under a command's answer: what is frozen now and what main requires. */
function replyDetails(body: string): string[] {
  const frozen = body.split(/\n\s*\n/).find((p) => p.startsWith('Frozen now'));
  return frozen ? [plain(frozen.split('. ')[0] ?? '')] : [];
}

/**
 * What `actor` changed between two looks: pull requests opened, merged, closed or moved; comments
 * written or rewritten; check runs created or changed; the branch protection; issues; records and
 * branches under lockstep/.
 */
export function changes(before: GitHubView, after: GitHubView, actor: string): Answer[] {
  const out: Answer[] = [];
  for (const [n, p] of after.pulls) {
    const was = before.pulls.get(n);
    if (!was)
      out.push({
        what: `opens PR #${n} "${p.title}"${p.labels ? ` [${p.labels}]` : ''}`,
        ids: `PR #${n} ${short(p.head)}`,
      });
    else if (!was.merged && p.merged) out.push({ what: `merges PR #${n}`, ids: `PR #${n}` });
    else if (was.state === 'open' && p.state === 'closed')
      out.push({ what: `closes PR #${n}`, ids: `PR #${n}` });
    else if (was.head !== p.head)
      out.push({ what: `moves PR #${n} to a new commit`, ids: `PR #${n} ${short(p.head)}` });
  }
  for (const [id, r] of after.checks) {
    const was = before.checks.get(id);
    if (was && was.state === r.state && was.title === r.title) continue;
    out.push({ what: `${r.name} ${r.state}: ${r.title}`, ids: `check run ${id} on ${short(r.sha)}` });
  }
  for (const [id, c] of after.comments) {
    if (c.user !== actor) continue;
    const was = before.comments.get(id);
    if (was?.body === c.body) continue;
    const details = c.body.includes('<!-- lockstep:plan -->')
      ? planDetails(c.body)
      : c.body.includes('<!-- lockstep:reply:')
        ? replyDetails(c.body)
        : [];
    out.push({
      what: `${was ? 'updates' : 'comments'} on #${c.issue}: ${gist(c.body, 80)}`,
      ids: `comment ${id}`,
      details,
    });
  }
  if (before.protection !== after.protection)
    out.push({ what: `protects main: ${after.protection}`, ids: 'branch protection' });
  for (const [n, i] of after.issues) {
    const was = before.issues.get(n);
    if (!was) out.push({ what: `opens issue #${n} "${i.title}"`, ids: `issue #${n}` });
    else if (was.body !== i.body || was.state !== i.state)
      out.push({ what: `updates issue #${n} "${i.title}"`, ids: `issue #${n}` });
  }
  for (const ref of after.records)
    if (!before.records.has(ref) && ref.startsWith('refs/lockstep/'))
      out.push({ what: `records ${ref.slice('refs/'.length)}`, ids: 'ref' });
  for (const ref of before.records)
    if (!after.records.has(ref))
      out.push({ what: `deletes ${ref.replace(/^refs\/(heads\/)?/, '')}`, ids: 'ref' });
  return out;
}
