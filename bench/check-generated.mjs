// Checks what bench/generate.mjs writes, independently of the generator's own bookkeeping:
//
//   node bench/check-generated.mjs [--scale F] [--envs N] [--releases N] [--seed S]   generate both formats, check
//   node bench/check-generated.mjs --dir DIR [--dir DIR2] [--compare-manifests]         check existing repositories
//
// Without --dir it times the generation of the YAML and JSON repositories (into bench/out/check-yaml and
// bench/out/check-json), then checks both. Checks:
// - every catalog and environment file validates against schemas/*.schema.json (ajv, draft 2020-12, with
//   the custom formats semver and semver-range);
// - environment name = file name; the .bench-floor JSON rendering holds the same data as the YAML file;
// - with two repositories: the catalogs hold the same data, file by file (YAML parsed with `yaml`);
// - no release given twice, advisory ids unique, every reference names an existing item, every range in
//   the catalog leaves a non-yanked release, every advisory affects at least one release;
// - fixability: for every critical/high advisory and every compatibility range containing an affected
//   non-yanked release, a higher non-yanked release inside that range is not affected by any
//   critical/high advisory of the item (so compile can always patch);
// - every environment resolves (SPEC compile steps 1-3 and 6, first compile, no current manifest), and
//   some environments get security patches from critical advisories;
// - with --compare-manifests (after `node dist/cli.js compile --root DIR`): every environment's
//   environments/<name>.manifest.json holds the versions and security patches this resolution gives.
// Exit 0 when everything holds, 1 otherwise.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import semver from 'semver';
import { parse as parseYaml } from 'yaml';
import { buildModel, summarize, writeRepo } from './generate.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(here, '..');
const SEV_RANK = { low: 0, moderate: 1, high: 2, critical: 3 };
const TODAY = new Date().toISOString().slice(0, 10);

let failures = 0;
const fail = (msg) => {
  failures++;
  if (failures <= 40) console.error(`FAIL ${msg}`);
};

// ---------------------------------------------------------------------------------------------------
// Schemas

function makeValidators() {
  // ajv and ajv-formats are CommonJS: from plain ESM, their classes/functions are the default exports.
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  ajv.addFormat('semver', { type: 'string', validate: (s) => semver.valid(s) !== null });
  ajv.addFormat('semver-range', { type: 'string', validate: (s) => semver.validRange(s) !== null });
  const load = (n) => JSON.parse(readFileSync(join(repoRoot, 'schemas', `${n}.schema.json`), 'utf8'));
  ajv.addSchema(load('common'));
  return { catalog: ajv.compile(load('catalog')), environment: ajv.compile(load('environment')) };
}

function validate(validator, data, file) {
  if (!validator(data)) {
    for (const e of validator.errors.slice(0, 5)) fail(`${file}: schema: ${e.instancePath} ${e.message}`);
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Loading

function loadRepo(dir, validators) {
  const catDir = join(dir, 'catalog');
  const files = readdirSync(catDir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
  const docs = new Map();
  for (const f of files) {
    const text = readFileSync(join(catDir, f), 'utf8');
    const data = f.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    validate(validators.catalog, data, `catalog/${f}`);
    docs.set(basename(f, extname(f)), data);
  }
  const envDir = join(dir, 'environments');
  const envs = [];
  for (const f of readdirSync(envDir)
    .filter((x) => x.endsWith('.yaml'))
    .sort()) {
    const data = parseYaml(readFileSync(join(envDir, f), 'utf8'));
    validate(validators.environment, data, `environments/${f}`);
    if (data.name !== basename(f, '.yaml')) fail(`environments/${f}: name ${data.name} is not the file name`);
    const floorPath = join(dir, '.bench-floor', 'environments', `${data.name}.json`);
    const floor = JSON.parse(readFileSync(floorPath, 'utf8'));
    if (!deepEqual(floor, data)) fail(`${floorPath}: differs from environments/${f}`);
    envs.push(data);
  }
  return { dir, files, docs, envs };
}

function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

/** Merges catalog documents into items: {kind, name, releases: [{version, sv, yanked, ranges}]}. */
function mergeCatalog(docs) {
  const items = new Map();
  const advisories = [];
  const add = (kind, name, release, ranges) => {
    const key = kind === 'platform' ? 'platform' : `${kind}:${name}`;
    let it = items.get(key);
    if (!it) {
      it = { key, kind, name, releases: [], advisories: [] };
      items.set(key, it);
    }
    if (it.releases.some((r) => r.version === release.version)) fail(`${key}@${release.version} given twice`);
    it.releases.push({
      version: release.version,
      sv: new semver.SemVer(release.version),
      yanked: release.yanked === true,
      ranges,
    });
  };
  for (const doc of docs.values()) {
    for (const r of doc.platform ?? []) add('platform', 'platform', r, r.suites);
    for (const [n, rs] of Object.entries(doc.suites ?? {}))
      for (const r of rs) add('suite', n, r, r.capabilities);
    for (const [n, rs] of Object.entries(doc.capabilities ?? {}))
      for (const r of rs) add('capability', n, r, null);
    for (const a of doc.advisories ?? []) advisories.push(a);
  }
  for (const it of items.values()) it.releases.sort((x, y) => semver.compare(x.sv, y.sv));
  const ids = new Set();
  for (const a of advisories) {
    if (ids.has(a.id)) fail(`advisory ${a.id} given twice`);
    ids.add(a.id);
    const key = a.platform ? 'platform' : a.suite ? `suite:${a.suite}` : `capability:${a.capability}`;
    const it = items.get(key);
    if (!it) {
      fail(`advisory ${a.id} names unknown ${key}`);
      continue;
    }
    const entry = { ...a, key, rank: SEV_RANK[a.severity], range: new semver.Range(a.affected) };
    it.advisories.push(entry);
    if (!it.releases.some((r) => entry.range.test(r.sv)))
      fail(`advisory ${a.id} affects no release of ${key}`);
  }
  return { items, advisories };
}

// ---------------------------------------------------------------------------------------------------
// Catalog consistency and fixability

const rangeCache = new Map();
const R = (s) => {
  let r = rangeCache.get(s);
  if (!r) {
    r = new semver.Range(s);
    rangeCache.set(s, r);
  }
  return r;
};

function checkCatalog(cat) {
  const { items } = cat;
  const child = (kind) => (kind === 'platform' ? 'suite' : 'capability');
  // Every compatibility range: [child item, range, where]
  const uses = new Map(); // child key -> Set of range strings
  for (const it of items.values()) {
    if (it.kind === 'capability') continue;
    for (const rel of it.releases) {
      for (const [name, range] of Object.entries(rel.ranges ?? {})) {
        const ck = `${child(it.kind)}:${name}`;
        const c = items.get(ck);
        if (!c) {
          fail(`${it.key}@${rel.version} requires unknown ${ck}`);
          continue;
        }
        if (!c.releases.some((r) => !r.yanked && R(range).test(r.sv)))
          fail(`${it.key}@${rel.version}: ${ck} ${range} leaves no non-yanked release`);
        if (!uses.has(ck)) uses.set(ck, new Set());
        uses.get(ck).add(range);
      }
    }
  }
  // Fixability of critical/high advisories.
  let checkedCases = 0;
  for (const it of items.values()) {
    const severe = it.advisories.filter((a) => a.rank >= SEV_RANK.high);
    if (!severe.length) continue;
    const ranges = it.kind === 'platform' ? ['*'] : [...(uses.get(it.key) ?? [])];
    const severeHit = (r) => severe.some((a) => a.range.test(r.sv));
    for (const a of severe) {
      const top = it.releases.findLast((r) => a.range.test(r.sv));
      if (!it.releases.some((r) => !r.yanked && semver.gt(r.sv, top.sv) && !severeHit(r)))
        fail(`${a.id}: no non-yanked fixed release of ${it.key} above ${a.affected}`);
      for (const range of ranges) {
        const rr = R(range);
        for (let i = 0; i < it.releases.length; i++) {
          const v = it.releases[i];
          if (v.yanked || !rr.test(v.sv) || !a.range.test(v.sv)) continue;
          checkedCases++;
          let ok = false;
          for (let j = i + 1; j < it.releases.length && !ok; j++) {
            const w = it.releases[j];
            ok = !w.yanked && rr.test(w.sv) && !severeHit(w);
          }
          if (!ok) fail(`${a.id}: ${it.key}@${v.version} inside ${range} has no fix inside that range`);
        }
      }
    }
  }
  return { checkedCases };
}

// ---------------------------------------------------------------------------------------------------
// Resolution (SPEC section 3; first compile: no current manifest, so frozen / hold / freeze change nothing)

function resolveEnv(cat, env) {
  const pins = env.pins ?? {};
  const enforce = SEV_RANK[env.security?.enforce ?? 'critical'];
  const waived = new Set(
    (env.security?.waivers ?? []).filter((w) => w.until >= TODAY).map((w) => w.advisory),
  );
  const enforcedOn = (it, rel) =>
    it.advisories.filter((a) => a.rank >= enforce && !waived.has(a.id) && a.range.test(rel.sv));
  const best = (it, ranges) => {
    const rs = ranges.filter(Boolean).map(R);
    return it.releases.findLast((r) => !r.yanked && rs.every((x) => x.test(r.sv)));
  };
  const patches = [];
  /** Step 6 on one item: returns the release to use. */
  const secure = (it, rel, ranges) => {
    const hits = enforcedOn(it, rel);
    if (!hits.length) return rel;
    const rs = ranges.filter(Boolean).map(R);
    const fix = it.releases.find(
      (r) =>
        !r.yanked && semver.gt(r.sv, rel.sv) && rs.every((x) => x.test(r.sv)) && !enforcedOn(it, r).length,
    );
    if (!fix)
      throw new Error(`${env.name}: ${it.key}@${rel.version}: nothing fixes ${hits.map((a) => a.id)}`);
    for (const a of hits)
      patches.push({
        advisory: a.id,
        severity: a.severity,
        item: it.key,
        from: rel.version,
        to: fix.version,
      });
    return fix;
  };
  const P = cat.items.get('platform');
  let prel = best(P, [pins.platform]);
  if (!prel) throw new Error(`${env.name}: platform pin ${pins.platform} leaves no candidate`);
  prel = secure(P, prel, []);
  const out = { platform: prel.version, suites: {}, capabilities: {} };
  for (const [sname, srange] of Object.entries(prel.ranges)) {
    const S = cat.items.get(`suite:${sname}`);
    let srel = best(S, [srange, pins.suites?.[sname]]);
    if (!srel)
      throw new Error(`${env.name}: suite pin ${sname}: ${pins.suites?.[sname]} conflicts with ${srange}`);
    const before = srel;
    srel = secure(S, srel, [srange]);
    out.suites[sname] = srel.version;
    for (const [cname, crange] of Object.entries(srel.ranges)) {
      const C = cat.items.get(`capability:${cname}`);
      const pin = pins.capabilities?.[cname];
      let crel = best(C, [crange, pin]);
      // A pin written against the suite release before its security patch may not fit the patched one.
      if (!crel && srel !== before) crel = best(C, [crange]);
      if (!crel) throw new Error(`${env.name}: capability pin ${cname}: ${pin} conflicts with ${crange}`);
      crel = secure(C, crel, [crange]);
      out.capabilities[cname] = crel.version;
    }
  }
  return { ...out, patches };
}

// ---------------------------------------------------------------------------------------------------

function compareManifest(repo, env, r) {
  const path = join(repo, 'environments', `${env.name}.manifest.json`);
  let m;
  try {
    m = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    fail(`${path}: ${err.message}`);
    return;
  }
  const diffs = [];
  if (m.platform !== r.platform) diffs.push(`platform ${m.platform} (expected ${r.platform})`);
  for (const [k, v] of Object.entries(r.suites))
    if (m.suites?.[k] !== v) diffs.push(`${k} ${m.suites?.[k]} (expected ${v})`);
  for (const [k, v] of Object.entries(r.capabilities))
    if (m.capabilities?.[k]?.version !== v)
      diffs.push(`${k} ${m.capabilities?.[k]?.version} (expected ${v})`);
  const extra = Object.keys(m.capabilities ?? {}).filter((k) => !(k in r.capabilities));
  if (extra.length) diffs.push(`unexpected capabilities ${extra.join(', ')}`);
  const key = (p) => `${p.advisory} ${p.item} ${p.from}->${p.to}`;
  const got = new Set((m.security?.patches ?? []).map(key));
  const want = new Set(r.patches.map(key));
  for (const p of want) if (!got.has(p)) diffs.push(`missing patch ${p}`);
  for (const p of got) if (!want.has(p)) diffs.push(`unexpected patch ${p}`);
  if (diffs.length)
    fail(`${path}: ${diffs.slice(0, 5).join('; ')}${diffs.length > 5 ? ` (+${diffs.length - 5})` : ''}`);
}

function checkRepo(repo, validators, { compareManifests = false } = {}) {
  const t0 = performance.now();
  const loaded = loadRepo(repo, validators);
  const cat = mergeCatalog(loaded.docs);
  const { checkedCases } = checkCatalog(cat);
  let patchCount = 0;
  let criticalPatches = 0;
  let envsWithPatches = 0;
  const waived = new Set();
  for (const env of loaded.envs) {
    try {
      const r = resolveEnv(cat, env);
      if (r.patches.length) envsWithPatches++;
      patchCount += r.patches.length;
      criticalPatches += r.patches.filter((p) => p.severity === 'critical').length;
      if (compareManifests) compareManifest(repo, env, r);
    } catch (err) {
      fail(`resolution: ${err.message}`);
    }
    for (const w of env.security?.waivers ?? []) waived.add(w.advisory);
  }
  const releases = [...cat.items.values()].reduce((n, it) => n + it.releases.length, 0);
  console.log(
    `${repo}: ${loaded.files.length} catalog files, ${cat.items.size} items, ${releases} releases, ` +
      `${cat.advisories.length} advisories, ${loaded.envs.length} environments; fixability cases checked: ` +
      `${checkedCases}; resolution: ${patchCount} security patches (${criticalPatches} critical) in ` +
      `${envsWithPatches} environments, ${waived.size} advisories waived somewhere; ` +
      `checked in ${(performance.now() - t0).toFixed(0)} ms`,
  );
  if (criticalPatches === 0) {
    // Sizes used by the benchmark (>= 10 environments) must exercise critical patches; tiny ones may not.
    if (loaded.envs.length >= 10) fail(`${repo}: no environment gets a critical security patch`);
    else
      console.log(
        `WARN ${repo}: no environment gets a critical security patch (only ${loaded.envs.length} environments)`,
      );
  }
  return loaded;
}

function compareRepos(a, b) {
  const ka = [...a.docs.keys()];
  const kb = [...b.docs.keys()];
  if (ka.join() !== kb.join()) fail(`catalog file split differs: ${ka} vs ${kb}`);
  for (const k of ka)
    if (b.docs.has(k) && !deepEqual(a.docs.get(k), b.docs.get(k))) fail(`catalog/${k}: data differs`);
  if (!deepEqual(a.envs, b.envs)) fail('environments differ');
  console.log(`${a.dir} and ${b.dir}: same catalog data (${ka.length} files) and environments`);
}

function parseArgs(argv) {
  const o = { dirs: [], compareManifests: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--compare-manifests') {
      o.compareManifests = true;
      continue;
    }
    const v = argv[++i];
    if (v === undefined) throw new Error(`${a} needs a value`);
    if (a === '--dir') o.dirs.push(resolve(v));
    else if (a === '--scale') o.scale = Number(v);
    else if (a === '--envs') o.envs = Number(v);
    else if (a === '--releases') o.releases = Number(v);
    else if (a === '--seed') o.seed = v;
    else throw new Error(`unknown argument ${a}`);
  }
  if (o.compareManifests && !o.dirs.length)
    throw new Error('--compare-manifests needs --dir (compile it first)');
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const validators = makeValidators();
let dirs = opts.dirs;
if (!dirs.length) {
  const t0 = performance.now();
  const model = buildModel({
    scale: opts.scale ?? 1,
    envs: opts.envs,
    releases: opts.releases,
    seed: opts.seed,
  });
  const t1 = performance.now();
  const y = writeRepo(model, join(here, 'out', 'check-yaml'), 'yaml');
  const t2 = performance.now();
  const j = writeRepo(model, join(here, 'out', 'check-json'), 'json');
  const t3 = performance.now();
  const s = summarize(model);
  console.log(
    `generated: ${s.capabilities} capabilities x ${s.releasesPerCapability} releases ` +
      `(${s.yankedCapabilityReleases} yanked), ${s.suites} suites x ${s.releasesPerSuite}, ` +
      `${s.platformReleases} platform releases, ${s.advisories} advisories ${JSON.stringify(s.advisoriesBySeverity)}, ` +
      `${s.environments} environments ${JSON.stringify(s.channels)}`,
  );
  console.log(
    `sizes: YAML catalog ${(y.catalogBytes / 1e6).toFixed(2)} MB, JSON catalog ${(j.catalogBytes / 1e6).toFixed(2)} MB, ` +
      `environments ${(y.envBytes / 1e3).toFixed(1)} kB`,
  );
  console.log(
    `times: model ${(t1 - t0).toFixed(0)} ms, write YAML ${(t2 - t1).toFixed(0)} ms, write JSON ${(t3 - t2).toFixed(0)} ms`,
  );
  dirs = [y.root, j.root];
}
const loaded = dirs.map((d) => checkRepo(d, validators, { compareManifests: opts.compareManifests }));
for (let i = 1; i < loaded.length; i++) compareRepos(loaded[0], loaded[i]);
if (failures) {
  console.error(`${failures} check(s) failed`);
  process.exit(1);
}
console.log('all checks passed');
