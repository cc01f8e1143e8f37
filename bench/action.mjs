// Benchmark of the GitHub Action's cold start and bundle size (npm run bench runs it before bench/run.mjs,
// so that `npm run bench -- ARGS` still hands ARGS to bench/run.mjs).
//
//   node bench/action.mjs [--runs 5] [--action dist/action.js] [--no-docs] [--strict]
//
// Times, each as a whole child process, --runs runs each (median reported), alternating so that load
// from other work falls on both alike:
//   action  node dist/action.js   with command=validate on a temporary copy of examples/, set up as a
//           runner sets up a step: INPUT_* and GITHUB_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY
//           files, and GITHUB_API_URL pointing at a stub of the GitHub API in this process
//   floor   node -e ''            Node's own start-up, on the same run
// The stub (node:http on 127.0.0.1, port 0) answers only what validate asks: the deploy tags of each
// environment (GET /repos/{owner}/{repo}/git/matching-refs/tags/<prefix>/<env>/) and the bot's freeze
// records (.../matching-refs/lockstep/freeze/), with [] (no deploy
// yet). Any other request is answered 404 and counted, and makes the run fail: validate must not read or
// write anything else. One untimed run first checks the outcome (exit code, outputs, summary).
//
// Also reports the sizes of dist/action.js and dist/cli.js (bytes and gzip), prints a markdown table,
// writes bench/out/action.md and bench/out/action.json, and (unless --no-docs) replaces the section
// "## The Action" of docs/benchmarks.md with the figures.
// Targets: the Action's cold start under 250 ms above the floor; the Action's bundle under 2 MB.
// Exit: 0 measured; 1 a run failed or (with --strict) a target was missed; 2 usage.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(benchDir, '..');
const outDir = join(benchDir, 'out');
const docsFile = join(repoRoot, 'docs', 'benchmarks.md');
const NODE = process.execPath;
const OWNER = 'acme';
const REPO = 'deploy';

/** Issue 4's targets. */
export const ACTION_TARGETS = { aboveFloorMs: 250, bundleBytes: 2 * 1024 * 1024 };

// ---------------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const o = { runs: 5, action: join(repoRoot, 'dist', 'action.js'), docs: true, strict: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--runs') o.runs = Number(val());
    else if (a === '--action') o.action = resolve(val());
    else if (a === '--no-docs') o.docs = false;
    else if (a === '--strict') o.strict = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!(Number.isInteger(o.runs) && o.runs >= 1)) throw new Error('--runs must be a whole number >= 1');
  return o;
}

// ---------------------------------------------------------------------------------------------------
// The GitHub API stub

/**
 * A local stand-in for api.github.com that knows validate's one call: the deploy tags of an environment.
 * Every request is recorded; anything else is a 404 and an unexpected call.
 */
async function startStub() {
  const calls = [];
  const unexpected = [];
  const tagsPath = new RegExp(`^/repos/${OWNER}/${REPO}/git/matching-refs/(tags|lockstep/freeze)/[^?]*`);
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    calls.push(`${req.method} ${url}`);
    const json = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    // Octokit encodes the ref's slashes (tags%2Fdeploy%2Fdev%2F).
    if (req.method === 'GET' && tagsPath.test(decodeURIComponent(url))) return json(200, []);
    unexpected.push(`${req.method} ${url}`);
    return json(404, { message: 'Not Found (bench stub: validate should not ask for this)' });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    unexpected,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

// ---------------------------------------------------------------------------------------------------
// Child processes

/** Runs `node ...args`; resolves {wallMs, code, stdout, stderr}. Wall time: hrtime around spawn..exit. */
function runNode(args, { env = {}, cwd = repoRoot } = {}) {
  return new Promise((ok, fail) => {
    const stdout = [];
    const stderr = [];
    const start = process.hrtime.bigint();
    let end = 0n;
    const child = spawn(NODE, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (b) => stdout.push(b));
    child.stderr.on('data', (b) => stderr.push(b));
    child.on('error', fail);
    child.on('exit', () => {
      end = process.hrtime.bigint();
    });
    child.on('close', (code, signal) =>
      ok({
        wallMs: Number(end - start) / 1e6,
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
  });
}

const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** A runner's step: a workspace (a copy of examples/), its files, and the variables of a step. */
function prepareStep(stubUrl) {
  const base = mkdtempSync(join(tmpdir(), 'lockstep-bench-action-'));
  const workspace = join(base, 'workspace');
  cpSync(join(repoRoot, 'examples'), workspace, { recursive: true });
  rmSync(join(workspace, '.lockstep'), { recursive: true, force: true });
  const files = {
    output: join(base, 'output'),
    summary: join(base, 'summary'),
    event: join(base, 'event.json'),
  };
  writeFileSync(files.event, JSON.stringify({ ref: 'refs/heads/main' }));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? base,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_SHA: '0'.repeat(40),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: stubUrl,
    GITHUB_RUN_ID: '1',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: base,
    // The runner turns every `with:` input into INPUT_<NAME upper-cased> (dashes kept).
    INPUT_COMMAND: 'validate',
    INPUT_ENVIRONMENTS: '',
    INPUT_ROOT: '.',
    INPUT_TOKEN: 'bench-token',
    'INPUT_GITHUB-API-URL': stubUrl,
    'INPUT_TAG-PREFIX': '',
  };
  /** Empties the output and summary files, as each new step starts with fresh ones. */
  const reset = () => {
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
  };
  return {
    base,
    workspace,
    files,
    env,
    reset,
    cleanup: () => rmSync(base, { recursive: true, force: true }),
  };
}

/** Output names set by the step (GITHUB_OUTPUT uses `name<<delimiter` blocks). */
function outputNames(text) {
  return [...text.matchAll(/^([A-Za-z0-9_-]+)<<(.+)$/gm)].map((m) => m[1]);
}

// ---------------------------------------------------------------------------------------------------
// Sizes

function sizeOf(path) {
  if (!existsSync(path)) return { path: relative(repoRoot, path), missing: true };
  const bytes = readFileSync(path);
  return {
    path: relative(repoRoot, path),
    bytes: bytes.length,
    gzipBytes: gzipSync(bytes, { level: 9 }).length,
  };
}

// ---------------------------------------------------------------------------------------------------
// Report

const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : 'n/a');
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const kb = (bytes) => `${Math.round(bytes / 1024)} KiB`;

function gitCommit() {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) return 'unknown';
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src', 'dist'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return `${r.stdout.trim()}${dirty.stdout?.trim() ? ' (with uncommitted changes in src/ or dist/)' : ''}`;
}

function verdicts(result) {
  const { action, floor, sizes } = result;
  const above = action.wallMs - floor.wallMs;
  return [
    {
      name: `cold start under ${ACTION_TARGETS.aboveFloorMs} ms above the floor`,
      pass: above < ACTION_TARGETS.aboveFloorMs,
      detail: `${ms(above)} above (${ms(action.wallMs)} vs ${ms(floor.wallMs)})`,
    },
    {
      name: `bundle under ${mb(ACTION_TARGETS.bundleBytes)}`,
      pass: !sizes.action.missing && sizes.action.bytes < ACTION_TARGETS.bundleBytes,
      detail: sizes.action.missing
        ? `${sizes.action.path} missing`
        : `${sizes.action.path} is ${mb(sizes.action.bytes)} (${kb(sizes.action.gzipBytes)} gzipped)`,
    },
  ];
}

/** The "## The Action" section of docs/benchmarks.md (also printed and written to bench/out/action.md). */
function markdown(result) {
  const { meta, action, floor, sizes, stub } = result;
  const samples = (r) => r.samples.map((s) => Math.round(s)).join(', ');
  const lines = [
    '## The Action',
    '',
    "`node bench/action.mjs` (`npm run bench` runs it before the compile benchmark) times the Action's",
    'cold start: `node dist/action.js` as a whole process, with `command: validate` on a temporary copy of',
    '`examples/` (three environments), set up as a runner sets up a step (`INPUT_*` and `GITHUB_*`',
    "variables, `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY` files), against the floor of `node -e ''` timed",
    `in the same run; median of ${meta.runs} runs each, the two alternating. The GitHub API is a stub in the`,
    'benchmark process on 127.0.0.1 that answers the only calls validate makes, the deploy tags of each',
    "environment and the bot's `/lockstep freeze` records (`git/matching-refs`, answered `[]`: no deploy",
    `yet, no freeze); it saw ${stub.callsPerRun} call(s) a run`,
    `and ${stub.unexpected.length} unexpected one(s). Each run ends with exit code ${action.code} (${action.outcome}).`,
    '',
    `Run of ${meta.date.slice(0, 10)} on ${meta.machine}, Node ${meta.node}; load average`,
    `${meta.loadAverage.before} before, ${meta.loadAverage.after} after; commit \`${meta.commit}\`.`,
    '',
    '| measurement | median | runs (ms) |',
    '| --- | --- | --- |',
    `| \`node dist/action.js\` (validate, examples/) | ${ms(action.wallMs)} | ${samples(action)} |`,
    `| floor: \`node -e ''\` | ${ms(floor.wallMs)} | ${samples(floor)} |`,
    `| **above the floor** | **${ms(action.wallMs - floor.wallMs)}** | |`,
    '',
    '| bundle | bytes | gzip |',
    '| --- | --- | --- |',
    ...Object.values(sizes).map((s) =>
      s.missing
        ? `| \`${s.path}\` | missing | |`
        : `| \`${s.path}\` | ${s.bytes.toLocaleString('en-US')} (${mb(s.bytes)}) | ${s.gzipBytes.toLocaleString('en-US')} (${kb(s.gzipBytes)}) |`,
    ),
    '',
    '| target | result |',
    '| --- | --- |',
    ...result.verdicts.map((v) => `| ${v.name} | **${v.pass ? 'met' : 'missed'}**: ${v.detail} |`),
    '',
    'Reproduce: `npm run build && node bench/action.mjs` (`--runs N`, `--no-docs` to leave this page as',
    'it is; bench/out/action.md and action.json hold the last run).',
    '',
  ];
  return lines.join('\n');
}

/** Replaces the "## The Action" section (up to the next "## " heading or the end), or adds it. */
function updateDocs(section) {
  const text = readFileSync(docsFile, 'utf8');
  const start = text.search(/^## The Action$/m);
  let next;
  if (start === -1) {
    // First time: before "## Reproduce" (which stays the page's last section), else at the end.
    const reproduce = text.search(/^## Reproduce$/m);
    next =
      reproduce === -1
        ? `${text.trimEnd()}\n\n${section}`
        : `${text.slice(0, reproduce)}${section}\n${text.slice(reproduce)}`;
  } else {
    const rest = text.slice(start + 1);
    const after = rest.search(/^## /m);
    const end = after === -1 ? text.length : start + 1 + after;
    next = `${text.slice(0, start)}${section}${after === -1 ? '' : `\n${text.slice(end)}`}`;
  }
  writeFileSync(docsFile, next.endsWith('\n') ? next : `${next}\n`);
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`bench/action: ${err.message}`);
    process.exit(2);
  }
  mkdirSync(outDir, { recursive: true });
  const sizes = {
    action: sizeOf(opts.action),
    cli: sizeOf(join(repoRoot, 'dist', 'cli.js')),
  };
  if (sizes.action.missing) {
    console.error(`bench/action: ${sizes.action.path} not found: run npm run build first`);
    process.exit(1);
  }
  const loadBefore = loadavg()[0];
  const stub = await startStub();
  const step = prepareStep(stub.url);
  try {
    // Untimed check run: the Action must run validate to its end (exit 0: passed; 1: violations found,
    // still a full run) and set its outputs; any other call to the API, or no call at all, is a failure.
    step.reset();
    const check = await runNode([opts.action], { env: step.env, cwd: step.workspace });
    const callsPerRun = stub.calls.length;
    const outputs = outputNames(readFileSync(step.files.output, 'utf8'));
    const summary = readFileSync(step.files.summary, 'utf8');
    const problems = [];
    if (check.code !== 0 && check.code !== 1) problems.push(`exit code ${check.code}`);
    if (!outputs.includes('result')) problems.push(`no 'result' output (outputs: ${outputs.join(', ')})`);
    if (!summary.includes('Lockstep validate')) problems.push('no job summary');
    if (stub.unexpected.length) problems.push(`unexpected API calls: ${stub.unexpected.join(', ')}`);
    if (callsPerRun === 0) problems.push('no call to the API stub (is GITHUB_API_URL read?)');
    if (problems.length) {
      console.error(check.stdout.slice(-3000), check.stderr.slice(-3000));
      throw new Error(`the check run failed: ${problems.join('; ')}`);
    }
    const outcome =
      check.code === 0 ? 'validate passed' : 'validate found violations; the run is complete all the same';

    const samples = { action: [], floor: [] };
    for (let i = 0; i < opts.runs; i++) {
      step.reset();
      const a = await runNode([opts.action], { env: step.env, cwd: step.workspace });
      if (a.code !== check.code) {
        throw new Error(`run ${i + 1} exited ${a.code}, the check run ${check.code}`);
      }
      samples.action.push(a.wallMs);
      const f = await runNode(['-e', ''], { env: { PATH: step.env.PATH } });
      if (f.code !== 0) {
        throw new Error(`node -e '' exited ${f.code}`);
      }
      samples.floor.push(f.wallMs);
    }
    if (stub.unexpected.length) {
      throw new Error(`unexpected API calls: ${stub.unexpected.join(', ')}`);
    }

    const cpu = cpus();
    const result = {
      meta: {
        date: new Date().toISOString(),
        node: process.version,
        machine: `${cpu.length}-core ${cpu[0]?.model?.trim() ?? 'unknown CPU'}`,
        commit: gitCommit(),
        runs: opts.runs,
        loadAverage: { before: Number(loadBefore.toFixed(2)), after: Number(loadavg()[0].toFixed(2)) },
        targets: ACTION_TARGETS,
      },
      action: { wallMs: median(samples.action), samples: samples.action, code: check.code, outcome },
      floor: { wallMs: median(samples.floor), samples: samples.floor },
      sizes,
      stub: { callsPerRun, calls: stub.calls.slice(0, callsPerRun), unexpected: stub.unexpected },
    };
    result.aboveFloorMs = result.action.wallMs - result.floor.wallMs;
    result.verdicts = verdicts(result);
    const md = markdown(result);
    writeFileSync(join(outDir, 'action.md'), md);
    writeFileSync(join(outDir, 'action.json'), `${JSON.stringify(result, null, 2)}\n`);
    if (opts.docs) updateDocs(md);
    process.stdout.write(`\n${md}`);
    const missed = result.verdicts.some((v) => !v.pass);
    process.exitCode = opts.strict && missed ? 1 : 0;
  } finally {
    step.cleanup();
    await stub.close();
  }
}

try {
  await main();
} catch (error) {
  console.error(`bench/action: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
