// Deterministic generator of a Lockstep deployment repository for the compile benchmark.
//
//   node bench/generate.mjs --out DIR [--scale F] [--envs N] [--releases N] [--format yaml|json] [--seed S]
//                           [--suites N] [--caps-per-suite N]
//
// Full size (--scale 1): 40 suites x 25 capabilities (1,000 distinct capabilities), 150 releases per
// capability, 30 per suite, 60 platform releases, 300 advisories and 50 environments. --scale multiplies
// the environments and the releases per item; --envs and --releases set either one on its own (suite
// releases, platform releases and advisories follow the releases per capability: 1/5, 2/5 and 2x).
//
// Same seed and options, same bytes: every random choice comes from a seeded PRNG, derived per item (a
// capability's releases do not depend on the number of environments, an environment does not depend on
// how many others there are). --format yaml writes catalog/*.yaml, --format json writes catalog/*.json;
// both hold the same data, split the same way: catalog/group-NN.* (five suites and their capabilities per
// file) and catalog/platform.* (platform releases and advisories). Environments are always
// environments/<name>.yaml, as the SPEC fixes. For the benchmark floor, the generator also writes a JSON
// rendering of every environment config to .bench-floor/environments/<name>.json (ignored by Lockstep).
//
// Guarantees the benchmark relies on (verified by bench/check-generated.mjs):
// - every range in the catalog and every pin in an environment leaves at least one non-yanked release;
// - advisories affect `>=A <B` (or `A - B'`, or one exact version) inside one major.minor line, and the
//   fix B is a non-yanked release of that same line that no advisory affects; the newest release of
//   each line is never yanked nor affected. Since all compatibility ranges are caret or tilde ranges
//   (they contain a whole line above their lower bound), an affected release always has a fix that fits.
// - environments hard-pin some items to affected versions of enforced advisories, so compile must apply
//   security patches (a few of them are waived instead); every environment resolves.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

export const FULL = Object.freeze({
  suites: 40,
  capsPerSuite: 25,
  releases: 150,
  suiteReleases: 30,
  platformReleases: 60,
  advisories: 300,
  envs: 50,
});
const SUITES_PER_FILE = 5;
const SEV_RANK = { low: 0, moderate: 1, high: 2, critical: 3 };
const FAR_FUTURE = '2099-01-01';

// ---------------------------------------------------------------------------------------------------
// PRNG: xmur3 string hash -> sfc32. rngFor(seed, label) gives an independent stream per label.

function xmur3(str) {
  let h = 1779033703 ^ str.length;
  for (let i = 0; i < str.length; i++) {
    h = Math.imul(h ^ str.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return h >>> 0;
  };
}

export function rngFor(seed, label) {
  const seedFn = xmur3(`${seed}/${label}`);
  let a = seedFn();
  let b = seedFn();
  let c = seedFn();
  let d = seedFn();
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const rng = {
    next,
    int: (n) => Math.floor(next() * n), // 0..n-1
    between: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // lo..hi inclusive
    chance: (p) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    weighted: (pairs) => {
      // pairs: [[value, weight], ...]
      let total = 0;
      for (const [, w] of pairs) total += w;
      let x = next() * total;
      for (const [v, w] of pairs) {
        x -= w;
        if (x < 0) return v;
      }
      return pairs[pairs.length - 1][0];
    },
    shuffle: (arr) => {
      const out = arr.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
  return rng;
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

// ---------------------------------------------------------------------------------------------------
// Options

export function resolveOptions(opts = {}) {
  const scale = opts.scale ?? 1;
  if (!(scale > 0)) throw new Error(`--scale must be > 0 (got ${opts.scale})`);
  const releases = Math.max(2, opts.releases ?? Math.round(FULL.releases * scale));
  const rel = releases / FULL.releases;
  return {
    seed: opts.seed ?? 'lockstep-bench-1',
    scale,
    suites: opts.suites ?? FULL.suites,
    capsPerSuite: opts.capsPerSuite ?? FULL.capsPerSuite,
    releases,
    suiteReleases: Math.max(3, Math.round(FULL.suiteReleases * rel)),
    platformReleases: Math.max(3, Math.round(FULL.platformReleases * rel)),
    advisories: Math.max(8, Math.round(FULL.advisories * rel)),
    envs: Math.max(1, opts.envs ?? Math.round(FULL.envs * scale)),
  };
}

// ---------------------------------------------------------------------------------------------------
// Release histories

/** A release history of n versions, ascending, with patch/minor/major bumps. */
function versionHistory(rng, n, { major = 0.03, minor = 0.22, zeroStart = 0.1 } = {}) {
  let v = rng.chance(zeroStart) ? [0, 1 + rng.int(3), 0] : [1 + rng.int(3), rng.int(3), 0];
  const out = [v.join('.')];
  for (let i = 1; i < n; i++) {
    const r = rng.next();
    if (r < major) v = [v[0] + 1, 0, 0];
    else if (r < major + minor) v = [v[0], v[1] + 1, 0];
    else v = [v[0], v[1], v[2] + 1];
    out.push(v.join('.'));
  }
  return out;
}

/** Group release indices by major.minor line; returns arrays of indices (ascending). */
function linesOf(versions) {
  const lines = [];
  let key = null;
  for (let i = 0; i < versions.length; i++) {
    const [ma, mi] = versions[i].split('.');
    const k = `${ma}.${mi}`;
    if (k !== key) {
      lines.push([]);
      key = k;
    }
    lines[lines.length - 1].push(i);
  }
  return lines;
}

/** Marks some releases yanked: never the newest release of a line (so every line keeps a candidate). */
function yankSome(rng, versions, p) {
  const yanked = new Array(versions.length).fill(false);
  for (const line of linesOf(versions)) {
    for (let j = 0; j < line.length - 1; j++) if (rng.chance(p)) yanked[line[j]] = true;
  }
  return yanked;
}

function makeItem(kind, name, versions, yanked) {
  return {
    kind,
    name,
    key: kind === 'platform' ? 'platform' : `${kind}:${name}`,
    versions,
    sv: versions.map((v) => new semver.SemVer(v)),
    yanked,
    lines: linesOf(versions),
    ranges: null, // suites: per release {cap: range}; platform: per release {suite: range}
    covered: new Array(versions.length).fill(false), // affected by some advisory
    fixes: new Array(versions.length).fill(false), // the fix of some advisory
    advisories: [],
  };
}

function rangeAround(rng, version, caretWeight) {
  return rng.chance(caretWeight) ? `^${version}` : `~${version}`;
}

// ---------------------------------------------------------------------------------------------------
// Semver helpers (ranges are compiled once)

const rangeCache = new Map();
function rangeOf(str) {
  let r = rangeCache.get(str);
  if (!r) {
    r = new semver.Range(str);
    rangeCache.set(str, r);
  }
  return r;
}
const inRange = (str, sv) => rangeOf(str).test(sv);

/** Highest non-yanked release index satisfying every range (undefined entries ignored), or -1. */
function highest(item, ranges) {
  const rs = ranges.filter(Boolean).map(rangeOf);
  for (let i = item.versions.length - 1; i >= 0; i--) {
    if (item.yanked[i]) continue;
    if (rs.every((r) => r.test(item.sv[i]))) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------------
// Catalog model

export function buildCatalog(o) {
  const { seed } = o;
  const suites = [];
  const caps = [];
  const capsBySuite = new Map();
  for (let s = 1; s <= o.suites; s++) {
    const sname = `suite-${pad(s)}`;
    const srng = rngFor(seed, sname);
    const sv = versionHistory(srng, o.suiteReleases, { major: 0.05, minor: 0.35, zeroStart: 0 });
    const suite = makeItem('suite', sname, sv, yankSome(srng, sv, 0.04));
    suites.push(suite);
    const list = [];
    for (let c = 1; c <= o.capsPerSuite; c++) {
      const cname = `cap-${pad(s)}-${pad(c)}`;
      const crng = rngFor(seed, cname);
      const cv = versionHistory(crng, o.releases);
      const cap = makeItem('capability', cname, cv, yankSome(crng, cv, 0.025));
      // A few capabilities publish digests (the field is optional).
      cap.withDigest = crng.chance(0.03);
      cap.suite = sname;
      caps.push(cap);
      list.push(cap);
    }
    capsBySuite.set(sname, list);
  }

  // Suite release k happens at time (k+1)/S; it requires the capabilities released by then, with a
  // caret or tilde range on one of the latest few releases.
  for (const suite of suites) {
    const rng = rngFor(seed, `${suite.name}/ranges`);
    const list = capsBySuite.get(suite.name);
    const n = suite.versions.length;
    suite.ranges = suite.versions.map((_, k) => {
      const t = (k + 1) / n;
      const out = {};
      for (const cap of list) {
        const avail = Math.max(1, Math.ceil(t * cap.versions.length));
        const i = rng.between(Math.max(0, avail - 8), avail - 1);
        out[cap.name] = rangeAround(rng, cap.versions[i], 0.65);
      }
      return out;
    });
  }

  const prng = rngFor(seed, 'platform');
  const pv = versionHistory(prng, o.platformReleases, { major: 0.04, minor: 0.3, zeroStart: 0 });
  const platform = makeItem('platform', 'platform', pv, yankSome(prng, pv, 0.04));
  platform.ranges = pv.map((_, j) => {
    const t = (j + 1) / pv.length;
    const out = {};
    for (const suite of suites) {
      const avail = Math.max(1, Math.ceil(t * suite.versions.length));
      const i = prng.between(Math.max(0, avail - 3), avail - 1);
      out[suite.name] = rangeAround(prng, suite.versions[i], 0.6);
    }
    return out;
  });

  const advisories = buildAdvisories(o, { suites, caps, platform });
  return { suites, caps, capsBySuite, platform, advisories, byKey: indexItems(suites, caps, platform) };
}

function indexItems(suites, caps, platform) {
  const m = new Map();
  for (const it of [...suites, ...caps, platform]) m.set(it.key, it);
  return m;
}

const SUMMARIES = [
  'Remote code execution in request parser',
  'Authentication bypass in session handling',
  'Path traversal in file export',
  'SQL injection in report filters',
  'Cross-site scripting in admin console',
  'Denial of service through crafted payload',
  'Privilege escalation through role cache',
  'Information disclosure in error pages',
  'Server-side request forgery in webhook client',
  'Insecure default TLS settings',
  'Token replay in payment callbacks',
  'Open redirect after login',
];

/**
 * Places one advisory on item: a contiguous affected run inside one line, followed (in the same line) by a
 * non-yanked fix that no advisory affects. Returns the affected range string, or null when nothing fits.
 */
function placeAdvisory(rng, item, { recentBias }) {
  const lines = item.lines.filter((l) => l.length >= 2);
  if (lines.length === 0) return null;
  for (let attempt = 0; attempt < 30; attempt++) {
    // Bias towards recent lines: those are inside the ranges environments resolve to.
    const li = recentBias
      ? lines.length - 1 - Math.min(lines.length - 1, Math.floor(rng.next() ** 2 * lines.length))
      : rng.int(lines.length);
    const line = lines[li];
    const bpos = rng.between(1, line.length - 1);
    const b = line[bpos];
    if (item.yanked[b] || item.covered[b]) continue;
    const apos = rng.between(Math.max(0, bpos - 3), bpos - 1);
    let free = true;
    for (let p = apos; p < bpos; p++) if (item.covered[line[p]] || item.fixes[line[p]]) free = false;
    if (!free) continue;
    for (let p = apos; p < bpos; p++) item.covered[line[p]] = true;
    item.fixes[b] = true;
    const a = line[apos];
    const last = line[bpos - 1];
    const form = rng.next();
    let range;
    if (a === last && form < 0.4) range = item.versions[a];
    else if (form < 0.25) range = `${item.versions[a]} - ${item.versions[last]}`;
    else range = `>=${item.versions[a]} <${item.versions[b]}`;
    return { range, first: a, last, fix: b };
  }
  return null;
}

function buildAdvisories(o, { suites, caps, platform }) {
  const rng = rngFor(o.seed, 'advisories');
  const total = o.advisories;
  const nPlatform = Math.min(2, Math.floor(total / 50));
  const nSuite = Math.max(2, Math.round(total * 0.04));
  const out = [];
  const start = Date.UTC(2024, 0, 1);
  for (let n = 0; n < total; n++) {
    let kind = n < nPlatform ? 'platform' : n < nPlatform + nSuite ? 'suite' : 'capability';
    // Platform advisories stay low/moderate; suite ones lean severe so that suite patches happen.
    const severity =
      kind === 'platform'
        ? rng.pick(['low', 'moderate'])
        : kind === 'suite'
          ? rng.weighted([
              ['low', 2],
              ['moderate', 2],
              ['high', 3],
              ['critical', 3],
            ])
          : rng.weighted([
              ['low', 30],
              ['moderate', 35],
              ['high', 23],
              ['critical', 12],
            ]);
    const recentBias = SEV_RANK[severity] >= SEV_RANK.high;
    let item = null;
    let placed = null;
    for (let attempt = 0; attempt < 50 && !placed; attempt++) {
      if (attempt === 25 && kind !== 'capability') kind = 'capability';
      item = kind === 'platform' ? platform : kind === 'suite' ? rng.pick(suites) : rng.pick(caps);
      placed = placeAdvisory(rng, item, { recentBias });
    }
    if (!placed) continue;
    const id = `BENCH-2026-${pad(out.length + 1, 4)}`;
    const adv = { id, severity };
    if (kind === 'platform') adv.platform = true;
    else adv[kind] = item.name;
    adv.affected = placed.range;
    adv.summary = rng.pick(SUMMARIES);
    adv.published = new Date(start + rng.int(900) * 86400000).toISOString().slice(0, 10);
    if (rng.chance(0.5)) adv.url = `https://advisories.example.com/${id}`;
    const entry = { adv, item, ...placed, rank: SEV_RANK[severity], rangeStr: placed.range };
    item.advisories.push(entry);
    out.push(entry);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Resolution (the SPEC's compile steps 1-3 and 6, enough to build environments that resolve)

function affecting(item, i, isEnforced) {
  return item.advisories.filter((e) => isEnforced(e) && inRange(e.rangeStr, item.sv[i]));
}

/** Lowest non-yanked release above i that no enforced advisory affects and that fits ranges; or -1. */
function fixFor(item, i, ranges, isEnforced) {
  const rs = ranges.filter(Boolean).map(rangeOf);
  for (let j = i + 1; j < item.versions.length; j++) {
    if (item.yanked[j]) continue;
    if (!rs.every((r) => r.test(item.sv[j]))) continue;
    if (affecting(item, j, isEnforced).length === 0) return j;
  }
  return -1;
}

export function resolveEnv(cat, env) {
  const pins = env.pins ?? {};
  const enforce = SEV_RANK[env.security?.enforce ?? 'critical'];
  const waived = new Set((env.security?.waivers ?? []).map((w) => w.advisory));
  const isEnforced = (e) => e.rank >= enforce && !waived.has(e.adv.id);
  const patches = [];
  const P = cat.platform;
  let p = highest(P, [pins.platform]);
  if (p < 0) throw new Error(`${env.name}: platform pin ${pins.platform} leaves no candidate`);
  if (affecting(P, p, isEnforced).length) {
    const f = fixFor(P, p, [], isEnforced);
    if (f < 0) throw new Error(`${env.name}: no fix for platform ${P.versions[p]}`);
    patches.push({ item: 'platform', from: P.versions[p], to: P.versions[f] });
    p = f;
  }
  const suites = {};
  const capsOut = {};
  for (const [sname, srange] of Object.entries(P.ranges[p])) {
    const S = cat.byKey.get(`suite:${sname}`);
    let s = highest(S, [srange, pins.suites?.[sname]]);
    if (s < 0)
      throw new Error(`${env.name}: suite pin ${sname} ${pins.suites?.[sname]} conflicts with ${srange}`);
    let patched = false;
    if (affecting(S, s, isEnforced).length) {
      const f = fixFor(S, s, [srange], isEnforced);
      if (f < 0) throw new Error(`${env.name}: no fix for suite ${sname} ${S.versions[s]}`);
      patches.push({ item: `suite:${sname}`, from: S.versions[s], to: S.versions[f] });
      s = f;
      patched = true;
    }
    suites[sname] = s;
    for (const [cname, crange] of Object.entries(S.ranges[s])) {
      const C = cat.byKey.get(`capability:${cname}`);
      const pin = pins.capabilities?.[cname];
      let c = highest(C, [crange, pin]);
      if (c < 0 && patched) c = highest(C, [crange]);
      if (c < 0) throw new Error(`${env.name}: capability pin ${cname} ${pin} conflicts with ${crange}`);
      if (affecting(C, c, isEnforced).length) {
        const f = fixFor(C, c, [crange], isEnforced);
        if (f < 0) throw new Error(`${env.name}: no fix for capability ${cname} ${C.versions[c]}`);
        patches.push({ item: `capability:${cname}`, from: C.versions[c], to: C.versions[f] });
        c = f;
      }
      capsOut[cname] = c;
    }
  }
  return { platform: p, suites, capabilities: capsOut, patches };
}

// ---------------------------------------------------------------------------------------------------
// Environments

const CHANNELS = [
  ['auto-update', 4],
  ['manual-approval', 4],
  ['frozen', 2],
];
const APPROVERS = ['alice', 'bob', 'carol', 'dave', '@bench/release-managers', '@bench/sre'];

/** A pin that keeps release i of item as a candidate (i must be non-yanked). */
function pinAround(rng, item, i) {
  const v = item.versions[i];
  const [ma, mi] = v.split('.');
  return rng.weighted([
    [`^${v}`, 3],
    [`~${v}`, 3],
    [`${ma}.${mi}.x`, 3],
    [`>=${v}`, 1],
    [v, 1],
  ]);
}

function nonYankedIn(item, ranges) {
  const rs = ranges.filter(Boolean).map(rangeOf);
  const out = [];
  for (let i = 0; i < item.versions.length; i++)
    if (!item.yanked[i] && rs.every((r) => r.test(item.sv[i]))) out.push(i);
  return out;
}

export function buildEnvironment(o, cat, n) {
  const name = `env-${pad(n, Math.max(2, String(o.envs).length))}`;
  const rng = rngFor(o.seed, name);
  const channel = rng.weighted(CHANNELS);
  const enforceName = rng.chance(0.3) ? 'high' : 'critical';
  const enforce = SEV_RANK[enforceName];
  const P = cat.platform;
  const pins = {};
  const waivers = [];

  // Platform pin (70%): a range around some recent non-yanked platform release.
  if (rng.chance(0.7)) {
    const cands = nonYankedIn(P, []);
    const recent = cands.slice(Math.floor(cands.length / 3));
    pins.platform = pinAround(rng, P, rng.pick(recent));
  }
  const p = highest(P, [pins.platform]);
  const prs = P.ranges[p];

  // Suite pins (half of the environments): 1-4 suites, around a release inside the platform's range.
  const suitePins = {};
  if (rng.chance(0.5)) {
    for (const sname of rng.shuffle(Object.keys(prs)).slice(0, rng.between(1, 4))) {
      const S = cat.byKey.get(`suite:${sname}`);
      suitePins[sname] = pinAround(rng, S, rng.pick(nonYankedIn(S, [prs[sname]])));
    }
  }
  // Forced suite patch (20%): hard-pin a suite to a version affected by an enforced suite advisory.
  if (rng.chance(0.2)) {
    const options = [];
    for (const e of cat.advisories) {
      if (e.item.kind !== 'suite' || e.rank < enforce || suitePins[e.item.name]) continue;
      const hits = nonYankedIn(e.item, [prs[e.item.name], e.rangeStr]);
      if (hits.length) options.push([e, hits]);
    }
    if (options.length) {
      const [e, hits] = rng.pick(options);
      suitePins[e.item.name] = e.item.versions[rng.pick(hits)];
    }
  }
  if (Object.keys(suitePins).length) pins.suites = suitePins;

  // Which suites does security move? Capabilities under them are not pinned (a pin written against the
  // old suite release could conflict with the patched one).
  const preliminary = resolveEnv(cat, { name, pins, security: { enforce: enforceName } });
  const movedSuites = new Set(
    preliminary.patches.filter((x) => x.item.startsWith('suite:')).map((x) => x.item.slice(6)),
  );
  const capPins = {};
  const stable = Object.entries(preliminary.suites).filter(([s]) => !movedSuites.has(s));
  // Plain capability pins (half of the environments): 2-8 capabilities.
  if (rng.chance(0.5)) {
    for (let k = rng.between(2, 8); k > 0; k--) {
      const [sname, si] = rng.pick(stable);
      const S = cat.byKey.get(`suite:${sname}`);
      const cname = rng.pick(Object.keys(S.ranges[si]));
      const C = cat.byKey.get(`capability:${cname}`);
      capPins[cname] = pinAround(rng, C, rng.pick(nonYankedIn(C, [S.ranges[si][cname]])));
    }
  }
  // Forced capability patches (60%, and always in env 1, 5, 9...): hard-pin 1-3 capabilities to versions
  // affected by enforced advisories (preferring critical ones; env 1, 5, 9... always get a critical one
  // when the catalog allows it, so even small repositories exercise critical patches); some are waived.
  const forced = [];
  const mustForceCritical = n % 4 === 1;
  if (mustForceCritical || rng.chance(0.6)) {
    const options = [];
    for (const e of cat.advisories) {
      if (e.item.kind !== 'capability' || e.rank < enforce || capPins[e.item.name] !== undefined) continue;
      const sname = e.item.suite;
      const si = preliminary.suites[sname];
      if (si === undefined || movedSuites.has(sname)) continue;
      const S = cat.byKey.get(`suite:${sname}`);
      const hits = nonYankedIn(e.item, [S.ranges[si][e.item.name], e.rangeStr]);
      if (hits.length) options.push([e, hits, e.rank === SEV_RANK.critical ? 3 : 1]);
    }
    for (let k = rng.between(1, 3); k > 0 && options.length; k--) {
      const critical = options.filter((x) => x[0].rank === SEV_RANK.critical);
      const pool = mustForceCritical && forced.length === 0 && critical.length ? critical : options;
      const chosen = rng.weighted(pool.map((x) => [x, x[2]]));
      options.splice(options.indexOf(chosen), 1);
      const [e, hits] = chosen;
      if (capPins[e.item.name] !== undefined) continue;
      capPins[e.item.name] = e.item.versions[rng.pick(hits)];
      forced.push(e);
    }
  }
  if (Object.keys(capPins).length) pins.capabilities = capPins;

  // Waivers (about 15%): waive one forced advisory, sometimes also an unrelated one.
  const waivable = mustForceCritical ? forced.slice(1) : forced;
  if (waivable.length && rng.chance(0.3)) {
    const e = rng.pick(waivable);
    waivers.push({
      advisory: e.adv.id,
      until: FAR_FUTURE,
      reason: 'accepted: compensating control',
      approvedBy: 'bench',
    });
  }
  if (rng.chance(0.08)) {
    const e = rng.pick(cat.advisories);
    if (!waivers.some((w) => w.advisory === e.adv.id))
      waivers.push({
        advisory: e.adv.id,
        until: FAR_FUTURE,
        reason: 'not exploitable here',
        approvedBy: 'carol',
      });
  }

  const env = { apiVersion: 'lockstep/v1', kind: 'Environment', name, channel };
  if (Object.keys(pins).length) env.pins = pins;
  if (channel === 'manual-approval' || rng.chance(0.2)) {
    const approvers = rng.shuffle(APPROVERS).slice(0, rng.between(1, 3));
    env.approvals = { required: rng.between(1, Math.min(2, approvers.length)), approvers };
  }
  if (rng.chance(0.25)) {
    env.freeze = [
      { from: '2025-12-20T00:00:00Z', until: '2026-01-04T00:00:00Z', reason: 'Year-end 2025' },
      { from: '2098-12-20T00:00:00Z', until: '2099-01-04T00:00:00Z', reason: 'Year-end 2098' },
    ];
  }
  env.security = { enforce: enforceName };
  if (waivers.length) env.security.waivers = waivers;
  if (rng.chance(0.3)) env.deploy = { driver: 'directory' };
  if (n % 17 === 0) env.hold = { reason: `rolled back from deploy/${name}/3`, since: '2026-01-15' };

  const final = resolveEnv(cat, env); // throws if the environment does not resolve
  return { env, resolution: final, forced };
}

// ---------------------------------------------------------------------------------------------------
// Documents

function digestOf(name, version) {
  return `sha256:${createHash('sha256').update(`${name}@${version}`).digest('hex')}`;
}

function suiteDoc(suite) {
  return suite.versions.map((v, k) => {
    const r = { version: v };
    if (suite.yanked[k]) r.yanked = true;
    r.capabilities = suite.ranges[k];
    return r;
  });
}

function capDoc(cap) {
  return cap.versions.map((v, i) => {
    const r = { version: v, artifact: `registry.example.com/bench/${cap.name}:${v}` };
    if (cap.withDigest) r.digest = digestOf(cap.name, v);
    if (cap.yanked[i]) r.yanked = true;
    return r;
  });
}

/** The catalog as documents: [{file (without extension), doc}]. */
export function catalogDocuments(cat) {
  const files = [];
  for (let g = 0; g * SUITES_PER_FILE < cat.suites.length; g++) {
    const group = cat.suites.slice(g * SUITES_PER_FILE, (g + 1) * SUITES_PER_FILE);
    const doc = { apiVersion: 'lockstep/v1', kind: 'Catalog', suites: {}, capabilities: {} };
    for (const s of group) doc.suites[s.name] = suiteDoc(s);
    for (const s of group) for (const c of cat.capsBySuite.get(s.name)) doc.capabilities[c.name] = capDoc(c);
    files.push({ file: `group-${pad(g + 1)}`, doc });
  }
  const P = cat.platform;
  files.push({
    file: 'platform',
    doc: {
      apiVersion: 'lockstep/v1',
      kind: 'Catalog',
      platform: P.versions.map((v, j) => {
        const r = { version: v };
        if (P.yanked[j]) r.yanked = true;
        r.suites = P.ranges[j];
        return r;
      }),
      advisories: cat.advisories.map((e) => e.adv),
    },
  });
  return files;
}

// ---------------------------------------------------------------------------------------------------
// A small YAML writer (block style) for plain data: fast, and predictable output.

const PLAIN = /^[A-Za-z0-9^~][A-Za-z0-9._:/@^~+ -]*$/;
const NOT_STRING =
  /^(?:true|false|null|yes|no|on|off|y|n|~|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|nan))$/i;

export function yamlScalar(v) {
  if (typeof v === 'string') {
    if (PLAIN.test(v) && !NOT_STRING.test(v) && !v.endsWith(' ') && !v.includes(': ') && !v.includes(' #'))
      return v;
    return JSON.stringify(v);
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  throw new Error(`cannot write ${typeof v} as YAML`);
}

const isScalar = (v) => v === null || typeof v !== 'object';

function emitMap(obj, ind, out) {
  for (const [k, v] of Object.entries(obj)) emitEntry(`${ind}${yamlScalar(k)}:`, v, ind, out);
}

function emitEntry(head, v, ind, out) {
  if (isScalar(v)) out.push(`${head} ${yamlScalar(v)}`);
  else if (Array.isArray(v)) {
    if (v.length === 0) out.push(`${head} []`);
    else {
      out.push(head);
      emitSeq(v, ind, out); // sequences at the same indentation as their key
    }
  } else if (Object.keys(v).length === 0) out.push(`${head} {}`);
  else {
    out.push(head);
    emitMap(v, `${ind}  `, out);
  }
}

function emitSeq(arr, ind, out) {
  for (const item of arr) {
    if (isScalar(item)) out.push(`${ind}- ${yamlScalar(item)}`);
    else if (Array.isArray(item)) throw new Error('nested sequences are not used');
    else {
      const entries = Object.entries(item);
      if (entries.length === 0) {
        out.push(`${ind}- {}`);
        continue;
      }
      const inner = `${ind}  `;
      entries.forEach(([k, v], idx) => {
        emitEntry(`${idx === 0 ? `${ind}- ` : inner}${yamlScalar(k)}:`, v, inner, out);
      });
    }
  }
}

export function toYaml(doc) {
  const out = [];
  emitMap(doc, '', out);
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------
// Writing a repository

export function buildModel(options) {
  const o = resolveOptions(options);
  const cat = buildCatalog(o);
  const environments = [];
  for (let n = 1; n <= o.envs; n++) environments.push(buildEnvironment(o, cat, n));
  return { options: o, cat, catalogFiles: catalogDocuments(cat), environments };
}

/** Writes the repository for format 'yaml' or 'json' into dir; returns byte counts. */
export function writeRepo(model, dir, format) {
  if (format !== 'yaml' && format !== 'json')
    throw new Error(`--format must be yaml or json (got ${format})`);
  const root = resolve(dir);
  for (const sub of ['catalog', 'environments', '.bench-floor', '.lockstep'])
    rmSync(join(root, sub), { recursive: true, force: true });
  mkdirSync(join(root, 'catalog'), { recursive: true });
  mkdirSync(join(root, 'environments'), { recursive: true });
  mkdirSync(join(root, '.bench-floor', 'environments'), { recursive: true });
  let catalogBytes = 0;
  let envBytes = 0;
  const catalogPaths = [];
  for (const { file, doc } of model.catalogFiles) {
    const text = format === 'yaml' ? toYaml(doc) : `${JSON.stringify(doc, null, 2)}\n`;
    const path = join(root, 'catalog', `${file}.${format}`);
    writeFileSync(path, text);
    catalogPaths.push(path);
    catalogBytes += Buffer.byteLength(text);
  }
  for (const { env } of model.environments) {
    const text = toYaml(env);
    writeFileSync(join(root, 'environments', `${env.name}.yaml`), text);
    envBytes += Buffer.byteLength(text);
    // JSON rendering of the same environment data, read by the benchmark floor only.
    writeFileSync(join(root, '.bench-floor', 'environments', `${env.name}.json`), `${JSON.stringify(env)}\n`);
  }
  return { root, format, catalogBytes, envBytes, catalogFiles: catalogPaths.length };
}

export function summarize(model) {
  const { cat, environments, options: o } = model;
  const bySev = {};
  for (const e of cat.advisories) bySev[e.adv.severity] = (bySev[e.adv.severity] ?? 0) + 1;
  const patches = environments.reduce((n, x) => n + x.resolution.patches.length, 0);
  const envsPatched = environments.filter((x) => x.resolution.patches.length > 0).length;
  const channels = {};
  for (const { env } of environments) channels[env.channel] = (channels[env.channel] ?? 0) + 1;
  return {
    suites: cat.suites.length,
    capabilities: cat.caps.length,
    releasesPerCapability: o.releases,
    releasesPerSuite: o.suiteReleases,
    platformReleases: o.platformReleases,
    capabilityReleases: cat.caps.reduce((n, c) => n + c.versions.length, 0),
    yankedCapabilityReleases: cat.caps.reduce((n, c) => n + c.yanked.filter(Boolean).length, 0),
    advisories: cat.advisories.length,
    advisoriesBySeverity: bySev,
    environments: environments.length,
    channels,
    expectedPatches: patches,
    environmentsWithPatches: envsPatched,
  };
}

export function generate(options) {
  const t0 = performance.now();
  const model = buildModel(options);
  const t1 = performance.now();
  const written = writeRepo(model, options.out, options.format ?? 'yaml');
  const t2 = performance.now();
  return { ...written, ...summarize(model), buildMs: t1 - t0, writeMs: t2 - t1 };
}

// ---------------------------------------------------------------------------------------------------
// CLI

export function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const num = () => {
      const v = Number(val());
      if (!Number.isFinite(v)) throw new Error(`${a} needs a number`);
      return v;
    };
    if (a === '--out') opts.out = val();
    else if (a === '--scale') opts.scale = num();
    else if (a === '--envs') opts.envs = Math.round(num());
    else if (a === '--releases') opts.releases = Math.round(num());
    else if (a === '--suites') opts.suites = Math.round(num());
    else if (a === '--caps-per-suite') opts.capsPerSuite = Math.round(num());
    else if (a === '--format') opts.format = val();
    else if (a === '--seed') opts.seed = val();
    else if (a === '--help' || a === '-h') opts.help = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

const USAGE =
  'usage: node bench/generate.mjs --out DIR [--scale F] [--envs N] [--releases N] [--format yaml|json] [--seed S] [--suites N] [--caps-per-suite N]';

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    if (opts.help) {
      console.log(USAGE);
      process.exit(0);
    }
    if (!opts.out) throw new Error('--out DIR is required');
    const r = generate(opts);
    console.log(
      `${r.root}: ${r.catalogFiles} catalog files (${r.format}) ${(r.catalogBytes / 1e6).toFixed(2)} MB, ` +
        `${r.environments} environments ${(r.envBytes / 1e3).toFixed(1)} kB; ` +
        `${r.capabilities} capabilities x ${r.releasesPerCapability} releases, ${r.advisories} advisories, ` +
        `${r.expectedPatches} expected security patches in ${r.environmentsWithPatches} environments; ` +
        `built in ${r.buildMs.toFixed(0)} ms, written in ${r.writeMs.toFixed(0)} ms`,
    );
  } catch (err) {
    console.error(`generate: ${err.message}`);
    console.error(USAGE);
    process.exit(2);
  }
}
