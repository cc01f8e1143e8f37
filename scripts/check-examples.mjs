// Checks an example deployment repository (default: examples/) without the Lockstep core:
//   1. every file validates against schemas/*.schema.json (settings, catalog, environments, manifests);
//   2. the catalog is coherent: no release given twice with different content, every range of a
//      non-yanked platform or suite release is satisfiable by a non-yanked release, advisories and
//      waivers name things that exist, pins name suites and capabilities that exist and can match.
// Usage: node scripts/check-examples.mjs [ROOT]     (exit 0: fine, 1: errors found)
// Errors are printed as FILE:LINE:COL: INSTANCEPATH: MESSAGE.
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import semver from 'semver';
import YAML from 'yaml';

const repo = new URL('../', import.meta.url).pathname;
const root = resolve(process.argv[2] ?? join(repo, 'examples'));
const errors = [];
const warnings = [];

// ---------------------------------------------------------------- schemas
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
addFormats(ajv);
ajv.addFormat('semver', {
  type: 'string',
  validate: (x) => semver.valid(x) === x, // as src/core/load/schema-check.ts: no 'v', no build metadata
});
ajv.addFormat('semver-range', { type: 'string', validate: (x) => semver.validRange(x) !== null });
const schemaIds = {};
for (const name of ['common', 'catalog', 'environment', 'manifest', 'settings']) {
  const schema = JSON.parse(await readFile(join(repo, 'schemas', `${name}.schema.json`), 'utf8'));
  ajv.addSchema(schema);
  schemaIds[name] = schema.$id;
}

// ---------------------------------------------------------------- loading
/** Parses a YAML or JSON file; returns { data, locate(instancePath) -> "LINE:COL" } or null on error. */
async function load(file) {
  const text = await readFile(file, 'utf8');
  const rel = relative(process.cwd(), file);
  const lineCounter = new YAML.LineCounter();
  // JSON is YAML 1.2, so one parser gives positions for both.
  const doc = YAML.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
      errors.push(`${rel}:${pos.line}:${pos.col}: ${e.message.split('\n')[0]}`);
    }
    return null;
  }
  const locate = (instancePath) => {
    const keys = instancePath
      .split('/')
      .slice(1)
      .map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~'));
    // Walk down as far as the path exists; report the deepest node found.
    for (let n = keys.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n).map(keyOf), true);
      if (node?.range) {
        const { line, col } = lineCounter.linePos(node.range[0]);
        return `${line}:${col}`;
      }
    }
    return '1:1';
  };
  return { rel, data: doc.toJS(), locate };
}
const keyOf = (k) => (/^\d+$/.test(k) ? Number(k) : k);

function validate(loaded, kind) {
  const check = ajv.getSchema(schemaIds[kind]);
  if (check(loaded.data)) return true;
  for (const e of check.errors) {
    let message = e.message;
    if (e.keyword === 'additionalProperties') message += `: ${e.params.additionalProperty}`;
    if (e.keyword === 'enum') message += `: ${e.params.allowedValues.join(', ')}`;
    if (e.keyword === 'const') message += `: ${JSON.stringify(e.params.allowedValue)}`;
    errors.push(`${loaded.rel}:${loaded.locate(e.instancePath)}: ${e.instancePath || '/'}: ${message}`);
  }
  return false;
}

async function list(dir, test) {
  try {
    return (await readdir(dir)).filter(test).sort();
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------- settings
let paths = { catalog: 'catalog', environments: 'environments' };
for (const name of ['lockstep.yml', 'lockstep.yaml']) {
  const file = join(root, '.github', name);
  const found = await list(join(root, '.github'), (f) => f === name);
  if (found.length === 0) continue;
  const loaded = await load(file);
  if (loaded && validate(loaded, 'settings')) paths = { ...paths, ...(loaded.data?.paths ?? {}) };
}

// ---------------------------------------------------------------- catalog
const catalogDir = join(root, paths.catalog);
const catalogFiles = await list(catalogDir, (f) => /\.(ya?ml|json)$/.test(f));
if (catalogFiles.length === 0) errors.push(`${relative(process.cwd(), catalogDir)}: no catalog files`);
const catalog = { platform: new Map(), suites: new Map(), capabilities: new Map(), advisories: new Map() };
const canonical = (v) =>
  JSON.stringify(v, (_, x) => (x && typeof x === 'object' && !Array.isArray(x) ? sortKeys(x) : x));
const sortKeys = (o) =>
  Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
const withDefaults = (r) => ({ yanked: false, ...r });

function addRelease(map, label, release, where) {
  const key = release.version;
  const prev = map.get(key);
  if (prev && canonical(withDefaults(prev.release)) !== canonical(withDefaults(release))) {
    errors.push(`${where}: ${label} ${key} is also given, with different content, in ${prev.where}`);
  } else if (!prev) map.set(key, { release, where });
}

for (const f of catalogFiles) {
  const loaded = await load(join(catalogDir, f));
  if (!loaded || !validate(loaded, 'catalog')) continue;
  const { data, rel } = loaded;
  for (const [i, r] of (data.platform ?? []).entries()) {
    addRelease(catalog.platform, 'platform', r, `${rel}:${loaded.locate(`/platform/${i}`)}`);
  }
  for (const kind of ['suites', 'capabilities']) {
    for (const [name, releases] of Object.entries(data[kind] ?? {})) {
      if (!catalog[kind].has(name)) catalog[kind].set(name, new Map());
      for (const [i, r] of releases.entries()) {
        addRelease(
          catalog[kind].get(name),
          `${kind} ${name}`,
          r,
          `${rel}:${loaded.locate(`/${kind}/${name}/${i}`)}`,
        );
      }
    }
  }
  for (const [i, a] of (data.advisories ?? []).entries()) {
    const where = `${rel}:${loaded.locate(`/advisories/${i}`)}`;
    const prev = catalog.advisories.get(a.id);
    if (prev && canonical(prev.advisory) !== canonical(a)) {
      errors.push(`${where}: advisory ${a.id} is also given, with different content, in ${prev.where}`);
    } else if (!prev) catalog.advisories.set(a.id, { advisory: a, where });
  }
}

/** Non-yanked versions of a release map. */
const live = (map) =>
  [...(map?.values() ?? [])].filter((e) => !e.release.yanked).map((e) => e.release.version);
const satisfiable = (versions, range) => versions.some((v) => semver.satisfies(v, range));

for (const { release, where } of catalog.platform.values()) {
  if (release.yanked) continue;
  for (const [suite, range] of Object.entries(release.suites)) {
    if (!catalog.suites.has(suite))
      errors.push(`${where}: platform ${release.version}: unknown suite ${suite}`);
    else if (!satisfiable(live(catalog.suites.get(suite)), range)) {
      errors.push(
        `${where}: platform ${release.version}: no non-yanked release of suite ${suite} in ${range}`,
      );
    }
  }
}
for (const [suite, releases] of catalog.suites) {
  for (const { release, where } of releases.values()) {
    if (release.yanked) continue;
    for (const [cap, range] of Object.entries(release.capabilities)) {
      if (!catalog.capabilities.has(cap)) {
        errors.push(`${where}: suite ${suite} ${release.version}: unknown capability ${cap}`);
      } else if (!satisfiable(live(catalog.capabilities.get(cap)), range)) {
        errors.push(
          `${where}: suite ${suite} ${release.version}: no non-yanked release of ${cap} in ${range}`,
        );
      }
    }
  }
}
for (const { advisory: a, where } of catalog.advisories.values()) {
  const [kind, name] = a.capability
    ? ['capabilities', a.capability]
    : a.suite
      ? ['suites', a.suite]
      : ['platform', null];
  const map = kind === 'platform' ? catalog.platform : catalog[kind].get(name);
  if (!map) {
    errors.push(`${where}: advisory ${a.id}: unknown ${kind === 'suites' ? 'suite' : 'capability'} ${name}`);
    continue;
  }
  const versions = [...map.keys()];
  if (!satisfiable(versions, a.affected))
    warnings.push(`${where}: advisory ${a.id}: affects no known release`);
  if (versions.every((v) => semver.satisfies(v, a.affected))) {
    warnings.push(`${where}: advisory ${a.id}: every known release is affected (no fix available)`);
  }
}

// ---------------------------------------------------------------- environments and manifests
const envDir = join(root, paths.environments);
const envFiles = await list(envDir, (f) => /\.ya?ml$/.test(f));
if (envFiles.length === 0) errors.push(`${relative(process.cwd(), envDir)}: no environment configs`);
for (const f of envFiles) {
  const loaded = await load(join(envDir, f));
  if (!loaded || !validate(loaded, 'environment')) continue;
  const { data, rel, locate } = loaded;
  const fileName = basename(f).replace(/\.ya?ml$/, '');
  if (data.name !== fileName)
    errors.push(`${rel}:${locate('/name')}: name ${data.name} differs from the file name`);
  const pins = data.pins ?? {};
  if (pins.platform && !satisfiable(live(catalog.platform), pins.platform)) {
    errors.push(`${rel}:${locate('/pins/platform')}: no non-yanked platform release in ${pins.platform}`);
  }
  for (const kind of ['suites', 'capabilities']) {
    for (const [name, range] of Object.entries(pins[kind] ?? {})) {
      const at = `${rel}:${locate(`/pins/${kind}/${name}`)}`;
      if (!catalog[kind].has(name))
        errors.push(`${at}: pin on unknown ${kind === 'suites' ? 'suite' : 'capability'} ${name}`);
      else if (!satisfiable(live(catalog[kind].get(name)), range)) {
        errors.push(`${at}: no non-yanked release of ${name} in ${range}`);
      }
    }
  }
  for (const [i, w] of (data.security?.waivers ?? []).entries()) {
    if (!catalog.advisories.has(w.advisory)) {
      errors.push(
        `${rel}:${locate(`/security/waivers/${i}/advisory`)}: waiver of unknown advisory ${w.advisory}`,
      );
    }
  }
  for (const [i, w] of (data.freeze ?? []).entries()) {
    if (Date.parse(w.until) <= Date.parse(w.from)) {
      errors.push(`${rel}:${locate(`/freeze/${i}`)}: freeze window ends before it starts`);
    }
  }
}
for (const f of await list(envDir, (f) => f.endsWith('.manifest.json'))) {
  const loaded = await load(join(envDir, f));
  if (loaded) validate(loaded, 'manifest');
}

// ---------------------------------------------------------------- report
for (const w of warnings) console.error(`warning: ${w}`);
for (const e of errors) console.error(e);
const counted = `${catalogFiles.length} catalog file(s), ${envFiles.length} environment(s)`;
if (errors.length > 0) {
  console.error(`${errors.length} error(s) in ${relative(process.cwd(), root) || '.'} (${counted})`);
  process.exit(1);
}
console.log(`${relative(process.cwd(), root) || '.'}: ${counted}: all valid`);
