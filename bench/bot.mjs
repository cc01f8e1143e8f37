// Benchmark of the bot's GitHub API use (npm run bench runs it after bench/action.mjs).
//
//   node bench/bot.mjs [--no-docs]
//
// Runs the bot's benchmark tests (vitest, against the fake GitHub, through Probot's middleware with
// signed webhooks) with LOCKSTEP_BENCH_OUT set: each measured operation appends its API calls and its
// sequential round trips (test/bot/harness.ts ApiMeter: a request's depth is one more than the deepest
// request completed when it started; 150 ms of network latency is added to each request so that
// requests issued together finish together, as on GitHub). The tests themselves fail when an operation
// takes more than twice the minimum (test/bot/benchmarks.ts); this script prints the figures, writes
// bench/out/bot.md and bot.json, and (unless --no-docs) replaces "## The bot" in docs/benchmarks.md.
// Call counts do not depend on the machine: they are the same on every run.
// Exit: 0 measured; 1 a benchmark test failed; 2 usage.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(repoRoot, 'bench', 'out');
const docsFile = join(repoRoot, 'docs', 'benchmarks.md');
const args = process.argv.slice(2);
for (const a of args) {
  if (a !== '--no-docs') {
    console.error(`bench/bot.mjs: unknown argument ${a}; usage: node bench/bot.mjs [--no-docs]`);
    process.exit(2);
  }
}

/** The tests that measure, and the name filter that picks their benchmark cases. */
const FILES = [
  'test/bot/pull-check.test.ts',
  'test/bot/approvals.test.ts',
  'test/bot/security-scale.test.ts',
  'test/bot/rollback.test.ts',
];
const FILTER = 'benchmark|counts the API calls|environment\\(s\\) needing a patch';

/** Why each minimum is what it is (the figures live in test/bot/benchmarks.ts). */
const WHY = {
  'PR policy check':
    "Probot's settings read; one GraphQL request for the pull request (head, files, reviews, comments), its check runs and the repository snapshot at the head (files, deploy tags, freezes); one for the files at each environment's last deploy tag (their commits come from the first); three writes at once: `lockstep/policy`, `lockstep/approval`, the plan comment.",
  'approval recompute':
    "Probot's settings read; one GraphQL request for the head's check runs (the policy run carries each environment's requirement) and the reviews; one write of `lockstep/approval`.",
  'security PR, 1 environment':
    "Probot's settings read; one GraphQL request for the repository at the default branch and the open security PRs; then per environment five dependent writes: tree (content inline), commit, branch ref, pull request, labels.",
  'security PRs, 50 environments':
    "The same: one read, then five writes per environment; the environments are independent, so with enough concurrency the chain stays five writes deep. In production Probot's throttling plugin spaces writes (one at a time, as GitHub asks against secondary rate limits): the wall-clock time then grows with the writes, the calls do not.",
  'rollback PR':
    "Probot's settings read; the commander's permission; one GraphQL request for the environment's files, deploy tags, release and open PRs; one for the files at the target tag, with the release asset's download beside it; then tree, commit, branch ref, pull request, and the label and the answer together.",
};

const results = join(outDir, 'bot.jsonl');
mkdirSync(outDir, { recursive: true });
rmSync(results, { force: true });
const run = spawnSync(
  process.execPath,
  [join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...FILES, '-t', FILTER],
  { cwd: repoRoot, env: { ...process.env, LOCKSTEP_BENCH_OUT: results }, encoding: 'utf8' },
);
if (run.status !== 0) {
  process.stderr.write(run.stdout.slice(-4000));
  process.stderr.write(run.stderr.slice(-4000));
  console.error('bench/bot.mjs: a benchmark test failed (an operation over twice its minimum, or a defect)');
  process.exit(1);
}
if (!existsSync(results)) {
  console.error(
    'bench/bot.mjs: the tests recorded nothing; is LOCKSTEP_BENCH_OUT read by test/bot/benchmarks.ts?',
  );
  process.exit(1);
}
const order = Object.keys(WHY);
const measured = readFileSync(results, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line))
  .sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));

const ratio = (value, minimum) => (value / minimum).toFixed(2).replace(/\.?0+$/, '');
const rows = measured.map(
  (m) =>
    `| ${m.name} | ${m.calls} | ${m.minimum.calls} | ${ratio(m.calls, m.minimum.calls)}x | ${m.rounds} | ${m.minimum.rounds} | ${ratio(m.rounds, m.minimum.rounds)}x |`,
);
const within = measured.every((m) => m.calls <= 2 * m.minimum.calls && m.rounds <= 2 * m.minimum.rounds);
const section = [
  '## The bot',
  '',
  "`node bench/bot.mjs` (part of `npm run bench`) runs the bot's benchmark tests: each operation is a",
  "signed webhook delivered through Probot's middleware to the app, against the fake GitHub, on the",
  'example repository with deploy tags recorded (the security case generates N copies of prod-eu). The',
  "meter wraps Probot's Octokit: **calls** are every request of the delivery after the installation token",
  "is cached (Probot's settings read included); **round trips** are the longest chain of requests each",
  'started after the one before it finished, measured with 150 ms of latency added to every request so',
  'that requests issued together finish together, as on GitHub. The tests fail when an operation takes',
  'more than twice its minimum.',
  '',
  '| operation | calls | minimum | ratio | round trips | minimum | ratio |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...rows,
  '',
  `Every operation is ${within ? '**within 2x** of' : '**not** within 2x of'} the minimum the API allows.`,
  '',
  "The minimum counts reads as batched as GitHub's GraphQL API allows and each write as one REST call",
  '(check runs, comments, labels, refs and pull requests have no batch write). Per operation:',
  '',
  ...order.map((name) => `- **${name}**: ${WHY[name]}`),
  '',
  'What the bot spends above the minimum, and why:',
  '',
  '- PR policy check: the pull request is read in a GraphQL request of its own, before the repository',
  "  (a pull request that changes no Lockstep file then costs no repository load); the bot's check",
  '  runs are listed through REST (GraphQL cannot filter them by app); the comments are listed again',
  '  after the plan comment is created (racing deliveries converge on one comment); the reviews are',
  '  read again after `lockstep/approval` is written (a review submitted meanwhile is never lost to',
  '  an older count).',
  '- Approval recompute: check runs and reviews through REST, and the same re-read of the reviews.',
  '- Security PRs: the open pull requests are listed through REST beside the GraphQL snapshot.',
  '- Rollback PR: the branch is read before it is written (so a redelivery writes nothing), the open',
  '  pull request and the answer are looked up when needed rather than up front, and the answer is',
  '  checked once more after it is written (racing deliveries converge on one answer).',
  '',
  "The operations' own tests also show: a redelivered webhook writes nothing; a security sync that",
  'finds nothing to do costs its two reads; a pull request that changes no Lockstep file reads its',
  'settings, the pull request and its check runs, writes the two checks, and loads nothing else.',
  '',
  'Reproduce: `node bench/bot.mjs` (`--no-docs` to leave this page as it is; bench/out/bot.md and',
  'bot.json hold the last run).',
  '',
].join('\n');

console.log(section);
writeFileSync(join(outDir, 'bot.md'), section);
writeFileSync(join(outDir, 'bot.json'), `${JSON.stringify(measured, null, 2)}\n`);
rmSync(results, { force: true });
if (!args.includes('--no-docs')) {
  const text = readFileSync(docsFile, 'utf8');
  const start = text.search(/^## The bot$/m);
  let next;
  if (start === -1) {
    const reproduce = text.search(/^## Reproduce$/m);
    next =
      reproduce === -1
        ? `${text.trimEnd()}\n\n${section}`
        : `${text.slice(0, reproduce)}${section}\n${text.slice(reproduce)}`;
  } else {
    const after = text.slice(start + 1).search(/^## /m);
    const end = after === -1 ? text.length : start + 1 + after;
    next = `${text.slice(0, start)}${section}${after === -1 ? '' : `\n${text.slice(end)}`}`;
  }
  writeFileSync(docsFile, next.endsWith('\n') ? next : `${next}\n`);
}
