// Benchmark of `lockstep compile` (npm run bench).
//
//   node bench/run.mjs [--sizes 0.25,0.5,0.75,1] [--runs 3] [--vary scale|envs|releases] [--cli dist/cli.js]
//                      [--no-generate] [--strict]
//
// For each size it generates a deployment repository twice from the same model (bench/generate.mjs):
// bench/out/<size>-yaml (YAML catalog) and bench/out/<size>-json (JSON catalog); environments are YAML in
// both. Then it times, each as a whole child process, --runs runs each (median reported):
//   yaml   node dist/cli.js compile --root bench/out/<size>-yaml
//   json   node dist/cli.js compile --root bench/out/<size>-json
//   floor  node bench/floor.mjs bench/out/<size>-json   (reads the same catalog and environment data and
//          only JSON.parses it; the environments come from a JSON rendering the generator writes)
// Before every compile the repository is made fresh (environments/*.manifest.json and .lockstep/ removed), so
// compile does a full first compile; one untimed compile first checks that it exits 0 and writes a
// manifest per environment. Wall time: process.hrtime around the spawn. Peak memory: max RSS of the child,
// from `/usr/bin/time -f %M` when available, otherwise from bench/rss-preload.mjs (node --import).
//
// --vary scale (default): --sizes multiply both the environments and the releases per item;
// --vary envs: only the environments (releases stay at full size); --vary releases: only the releases.
// Writes bench/out/results.md and bench/out/results.json (results-<vary>.* for envs/releases).
// Exit: 0 measured; 1 a compile failed or (with --strict) a target was missed; 2 usage.
//
// Adding a measurement: write a function (ctx) => Promise<measurement | {error}> like measureFloor below
// and add it to MEASUREMENTS; it then appears in results.json, and in the table when listed in COLUMNS.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform as osPlatform, release as osRelease, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildModel, FULL, summarize, writeRepo } from './generate.mjs';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(benchDir, '..');
const outDir = join(benchDir, 'out');
const NODE = process.execPath;

const TARGETS = { yamlRatio: 10, jsonRatio: 3, peakMB: 500, slopeRatio: 1.5, r2: 0.95 };

// ---------------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const o = {
    sizes: [0.25, 0.5, 0.75, 1],
    runs: 3,
    vary: 'scale',
    cli: join(repoRoot, 'dist', 'cli.js'),
    generate: true,
    strict: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--sizes') o.sizes = val().split(',').map(Number);
    else if (a === '--runs') o.runs = Number(val());
    else if (a === '--vary') o.vary = val();
    else if (a === '--cli') o.cli = resolve(val());
    else if (a === '--no-generate') o.generate = false;
    else if (a === '--strict') o.strict = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!o.sizes.length || o.sizes.some((s) => !(s > 0)))
    throw new Error('--sizes: positive numbers, comma-separated');
  if (!(o.runs >= 1)) throw new Error('--runs must be >= 1');
  if (!['scale', 'envs', 'releases'].includes(o.vary)) throw new Error('--vary: scale, envs or releases');
  return o;
}

function generatorOptions(vary, size) {
  if (vary === 'envs') return { scale: 1, envs: Math.max(1, Math.round(FULL.envs * size)) };
  if (vary === 'releases') return { scale: 1, releases: Math.max(2, Math.round(FULL.releases * size)) };
  return { scale: size };
}

// ---------------------------------------------------------------------------------------------------
// Child processes: wall time and peak RSS

function detectRssMethod() {
  const probe = join(outDir, '.rss-probe');
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', probe, NODE, '-e', '0'], { stdio: 'ignore' });
  const ok =
    r.status === 0 &&
    existsSync(probe) &&
    /^\d+\s*$/.test(readFileSync(probe, 'utf8').trim().split('\n').pop());
  rmSync(probe, { force: true });
  return ok ? 'gnu-time' : 'preload';
}

let rssMethod = 'preload';
let rssSeq = 0;

/** Runs `node ...args` as a child; resolves {wallMs, peakMB, code, stdout, stderr}. */
function runNode(args, { capture = false } = {}) {
  const rssFile = join(outDir, `.rss-${process.pid}-${rssSeq++}`);
  rmSync(rssFile, { force: true });
  let cmd = NODE;
  let argv = args;
  const env = { ...process.env };
  if (rssMethod === 'gnu-time') {
    cmd = '/usr/bin/time';
    argv = ['-f', '%M', '-o', rssFile, NODE, ...args];
  } else {
    argv = ['--import', new URL('./rss-preload.mjs', import.meta.url).href, ...args];
    env.LOCKSTEP_BENCH_RSS_FILE = rssFile;
  }
  return new Promise((resolvePromise, reject) => {
    const stdout = [];
    const stderr = [];
    const start = process.hrtime.bigint();
    const child = spawn(cmd, argv, {
      cwd: repoRoot,
      env,
      stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'],
    });
    let end = 0n;
    child.stdout?.on('data', (b) => stdout.push(b));
    child.stderr.on('data', (b) => stderr.push(b));
    child.on('error', reject);
    child.on('exit', () => {
      end = process.hrtime.bigint();
    });
    child.on('close', (code, signal) => {
      let peakKB = Number.NaN;
      try {
        // GNU time writes "Command exited with non-zero status N" before %M on failure: last line.
        peakKB = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
      } catch {}
      rmSync(rssFile, { force: true });
      resolvePromise({
        wallMs: Number(end - start) / 1e6,
        peakMB: peakKB / 1024,
        code: code ?? (signal ? 128 : 1),
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Times `node ...args` runs times (prepare() before each run); median wall and peak. */
async function timeRuns(runs, args, prepare = () => {}) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    prepare();
    const r = await runNode(args);
    if (r.code !== 0)
      return { error: `exit ${r.code} on timed run ${i + 1}: ${r.stderr.trim().slice(0, 2000)}` };
    samples.push({ wallMs: r.wallMs, peakMB: r.peakMB });
  }
  return {
    wallMs: median(samples.map((s) => s.wallMs)),
    peakMB: median(samples.map((s) => s.peakMB)),
    samples,
  };
}

// ---------------------------------------------------------------------------------------------------
// Measurements (one function each)

/** Removes what compile (or a deploy) writes, so the next compile starts from a fresh repository. */
function freshen(root) {
  const envDir = join(root, 'environments');
  for (const f of readdirSync(envDir)) if (f.endsWith('.manifest.json')) rmSync(join(envDir, f));
  rmSync(join(root, '.lockstep'), { recursive: true, force: true });
}

/** name -> bytes of every manifest compile wrote. */
function readManifests(root) {
  const out = {};
  const envDir = join(root, 'environments');
  for (const f of readdirSync(envDir).sort())
    if (f.endsWith('.manifest.json')) out[f] = readFileSync(join(envDir, f), 'utf8');
  return out;
}

function countManifests(root) {
  return readdirSync(join(root, 'environments')).filter((f) => f.endsWith('.manifest.json')).length;
}

async function measureCompile(ctx, format) {
  const root = ctx.dirs[format];
  if (!existsSync(ctx.cli))
    return { error: `${relative(repoRoot, ctx.cli)} not found: run npm run build first` };
  const args = [ctx.cli, 'compile', '--root', root];
  // Untimed check run: must exit 0 and write one manifest per environment.
  freshen(root);
  const check = await runNode(args, { capture: true });
  if (check.code !== 0) {
    console.error(`\n[${ctx.label} ${format}] compile exited ${check.code}; stderr:\n${check.stderr}`);
    return { error: `compile exited ${check.code}: ${check.stderr.trim().split('\n')[0] ?? ''}` };
  }
  const manifests = countManifests(root);
  ctx.manifests[format] = readManifests(root);
  if (manifests !== ctx.envs) {
    console.error(
      `\n[${ctx.label} ${format}] warning: ${manifests} manifests written for ${ctx.envs} environments`,
    );
  }
  const timed = await timeRuns(ctx.runs, args, () => freshen(root));
  freshen(root);
  return { ...timed, manifests };
}

const measureYamlCompile = (ctx) => measureCompile(ctx, 'yaml');
const measureJsonCompile = (ctx) => measureCompile(ctx, 'json');

async function measureFloor(ctx) {
  const args = [join(benchDir, 'floor.mjs'), ctx.dirs.json];
  const check = await runNode(args);
  if (check.code !== 0) return { error: `floor exited ${check.code}: ${check.stderr.trim()}` };
  return timeRuns(ctx.runs, args);
}

/** Node's own start-up (node -e 0): context for the floor, not a target. */
async function measureNodeStartup(ctx) {
  return timeRuns(ctx.runs, ['-e', '0']);
}

const MEASUREMENTS = [
  ['floor', measureFloor],
  ['yaml', measureYamlCompile],
  ['json', measureJsonCompile],
  ['nodeStartup', measureNodeStartup],
];

// ---------------------------------------------------------------------------------------------------
// Report

const fmt = (x, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

function linearFit(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const slope = sxx ? sxy / sxx : Number.NaN;
  const r2 = sxx && syy ? (sxy * sxy) / (sxx * syy) : Number.NaN;
  return { slope, intercept: my - slope * mx, r2 };
}

/** Growth of wall time with the input: linear fit over sizes and last/first marginal cost. */
function growth(rows, key) {
  const ok = rows.filter((r) => Number.isFinite(r[key]?.wallMs));
  if (ok.length < 3) return null;
  const xs = ok.map((r) => r.size);
  const ys = ok.map((r) => r[key].wallMs);
  const fit = linearFit(xs, ys);
  const first = (ys[1] - ys[0]) / (xs[1] - xs[0]);
  const last = (ys.at(-1) - ys.at(-2)) / (xs.at(-1) - xs.at(-2));
  const slopeRatio = first > 0 ? last / first : Number.NaN;
  const peaks = ok.map((r) => r[key].peakMB);
  return {
    r2: fit.r2,
    msPerUnit: fit.slope,
    slopeRatio,
    peakGrowth: peaks.at(-1) / peaks[0],
    linear: fit.r2 >= TARGETS.r2 && slopeRatio <= TARGETS.slopeRatio,
  };
}

function verdicts(rows) {
  const v = [];
  const check = (name, pass, detail) => v.push({ name, pass, detail });
  for (const r of rows) {
    const tag = `size ${r.size}`;
    if (r.yaml?.error) check(`${tag}: YAML compile runs`, false, r.yaml.error);
    else
      check(
        `${tag}: YAML within ${TARGETS.yamlRatio}x floor`,
        r.yamlRatio <= TARGETS.yamlRatio,
        `${fmt(r.yamlRatio, 1)}x`,
      );
    if (r.json?.error) check(`${tag}: JSON compile runs`, false, r.json.error);
    else
      check(
        `${tag}: JSON within ${TARGETS.jsonRatio}x floor`,
        r.jsonRatio <= TARGETS.jsonRatio,
        `${fmt(r.jsonRatio, 1)}x`,
      );
    for (const k of ['yaml', 'json']) {
      if (Number.isFinite(r[k]?.peakMB))
        check(
          `${tag}: ${k.toUpperCase()} peak < ${TARGETS.peakMB} MB`,
          r[k].peakMB < TARGETS.peakMB,
          `${fmt(r[k].peakMB)} MB`,
        );
    }
  }
  for (const r of rows) {
    if (r.sameManifests !== undefined)
      check(
        `size ${r.size}: YAML and JSON catalogs give the same manifests`,
        r.sameManifests,
        r.sameManifests ? 'identical bytes' : 'differ',
      );
  }
  for (const k of ['yaml', 'json']) {
    const g = growth(rows, k);
    if (g)
      check(
        `${k.toUpperCase()} growth linear (R² >= ${TARGETS.r2}, last/first marginal cost <= ${TARGETS.slopeRatio})`,
        g.linear,
        `R² ${fmt(g.r2, 3)}, marginal cost ratio ${fmt(g.slopeRatio, 2)}, peak x${fmt(g.peakGrowth, 2)}`,
      );
  }
  return v;
}

const COLUMNS = [
  ['size', (r) => String(r.size)],
  ['YAML catalog MB', (r) => fmt(r.catalogMB.yaml, 2)],
  ['JSON catalog MB', (r) => fmt(r.catalogMB.json, 2)],
  ['environments', (r) => String(r.environments)],
  ['releases / capability', (r) => String(r.releasesPerCapability)],
  ['YAML wall ms', (r) => (r.yaml?.error ? 'error' : fmt(r.yaml?.wallMs))],
  ['YAML peak MB', (r) => fmt(r.yaml?.peakMB)],
  ['YAML / floor', (r) => (Number.isFinite(r.yamlRatio) ? `${fmt(r.yamlRatio, 1)}x` : 'n/a')],
  ['JSON wall ms', (r) => (r.json?.error ? 'error' : fmt(r.json?.wallMs))],
  ['JSON peak MB', (r) => fmt(r.json?.peakMB)],
  ['JSON / floor', (r) => (Number.isFinite(r.jsonRatio) ? `${fmt(r.jsonRatio, 1)}x` : 'n/a')],
  ['floor wall ms', (r) => fmt(r.floor?.wallMs)],
  ['floor peak MB', (r) => fmt(r.floor?.peakMB)],
];

function markdown(result) {
  const { rows, meta } = result;
  const lines = [];
  lines.push(`# lockstep compile benchmark (vary: ${meta.vary})`, '');
  lines.push(
    `${meta.date}; node ${meta.node}; ${meta.cpu} x${meta.cores}; ${meta.os}; ${meta.runs} runs per cell, median; ` +
      `peak memory from ${meta.rssMethod === 'gnu-time' ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS'}; ` +
      `load average ${meta.loadAverage.before} before, ${meta.loadAverage.after} after (on ${meta.cores} cores).`,
    '',
  );
  lines.push(`| ${COLUMNS.map((c) => c[0]).join(' | ')} |`);
  lines.push(`| ${COLUMNS.map(() => '---').join(' | ')} |`);
  for (const r of rows) lines.push(`| ${COLUMNS.map((c) => c[1](r)).join(' | ')} |`);
  lines.push('');
  lines.push(
    `Floor: \`node bench/floor.mjs\` reads the JSON catalog and a JSON rendering of the environment configs and ` +
      'only JSON.parses them. Node start-up alone (`node -e 0`): ' +
      rows.map((r) => `${fmt(r.nodeStartup?.wallMs)} ms`).join(', ') +
      '.',
    '',
  );
  lines.push('## Targets', '');
  for (const v of result.verdicts) lines.push(`- ${v.pass ? 'PASS' : 'FAIL'} ${v.name}: ${v.detail}`);
  lines.push('');
  return `${lines.join('\n')}\n`;
}

function gitCommit() {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`bench: ${err.message}`);
    process.exit(2);
  }
  mkdirSync(outDir, { recursive: true });
  rssMethod = detectRssMethod();
  const loadBefore = loadavg()[0];
  const prefix = opts.vary === 'scale' ? '' : `${opts.vary}-`;
  if (!existsSync(opts.cli))
    console.error(`bench: ${relative(repoRoot, opts.cli)} not found: run npm run build first`);
  const rows = [];
  for (const size of opts.sizes) {
    const label = `${prefix}${size}`;
    const dirs = { yaml: join(outDir, `${label}-yaml`), json: join(outDir, `${label}-json`) };
    const t0 = performance.now();
    const model = buildModel(generatorOptions(opts.vary, size));
    const summary = summarize(model);
    const catalogMB = {};
    if (opts.generate || !existsSync(dirs.yaml) || !existsSync(dirs.json)) {
      for (const format of ['yaml', 'json'])
        catalogMB[format] = writeRepo(model, dirs[format], format).catalogBytes / 1e6;
    } else {
      for (const format of ['yaml', 'json'])
        catalogMB[format] =
          readdirSync(join(dirs[format], 'catalog')).reduce(
            (n, f) => n + readFileSync(join(dirs[format], 'catalog', f)).length,
            0,
          ) / 1e6;
    }
    const generationMs = performance.now() - t0;
    const row = {
      size,
      label,
      environments: summary.environments,
      releasesPerCapability: summary.releasesPerCapability,
      capabilityReleases: summary.capabilityReleases,
      advisories: summary.advisories,
      expectedPatches: summary.expectedPatches,
      catalogMB,
      generationMs,
    };
    const ctx = { label, dirs, cli: opts.cli, runs: opts.runs, envs: summary.environments, manifests: {} };
    process.stderr.write(`size ${size}: generated in ${fmt(generationMs)} ms;`);
    for (const [name, fn] of MEASUREMENTS) {
      row[name] = await fn(ctx);
      process.stderr.write(` ${name} ${row[name].error ? 'error' : `${fmt(row[name].wallMs)} ms`}`);
    }
    process.stderr.write('\n');
    // SPEC 3: the same meaning gives the same bytes, whatever the catalog's format.
    if (ctx.manifests.yaml && ctx.manifests.json) {
      const a = ctx.manifests.yaml;
      const b = ctx.manifests.json;
      const differ = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => a[f] !== b[f]);
      row.sameManifests = differ.length === 0;
      if (differ.length)
        console.error(`[${label}] YAML and JSON catalogs give different manifests: ${differ.join(', ')}`);
    }
    row.yamlRatio = row.yaml?.wallMs / row.floor?.wallMs;
    row.jsonRatio = row.json?.wallMs / row.floor?.wallMs;
    rows.push(row);
  }
  const result = {
    meta: {
      date: new Date().toISOString(),
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGB: Math.round(totalmem() / 2 ** 30),
      os: `${osPlatform()} ${osRelease()}`,
      commit: gitCommit(),
      cli: relative(repoRoot, opts.cli),
      runs: opts.runs,
      vary: opts.vary,
      rssMethod,
      // 1-minute load average before and after: other work on the machine makes the timings noisy.
      loadAverage: { before: Number(loadBefore.toFixed(2)), after: Number(loadavg()[0].toFixed(2)) },
      targets: TARGETS,
    },
    rows,
    growth: { yaml: growth(rows, 'yaml'), json: growth(rows, 'json') },
  };
  result.verdicts = verdicts(rows);
  const md = markdown(result);
  writeFileSync(join(outDir, `results${prefix ? `-${opts.vary}` : ''}.md`), md);
  writeFileSync(
    join(outDir, `results${prefix ? `-${opts.vary}` : ''}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  process.stdout.write(`\n${md}`);
  const errored = rows.some((r) => MEASUREMENTS.some(([name]) => r[name]?.error));
  const missed = result.verdicts.some((v) => !v.pass);
  process.exit(errored || (opts.strict && missed) ? 1 : 0);
}

await main();
