// Generates docs/formats.md, the file-format reference, from schemas/*.schema.json: for each document kind
// an intro, a table of every field by dotted path (following $refs into common.schema.json and local
// $defs) and a complete example. The examples live here and are validated against the schemas, so the
// page cannot show an invalid file. `--check` exits 1 when docs/formats.md differs from what it would be.
// Usage: node scripts/gen-docs.mjs [--check]
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import semver from 'semver';
import YAML from 'yaml';

const root = new URL('../', import.meta.url);
const outFile = new URL('docs/formats.md', root);
const outName = 'docs/formats.md';

const schemas = {};
for (const name of ['common', 'catalog', 'environment', 'manifest', 'settings']) {
  schemas[`${name}.schema.json`] = JSON.parse(
    await readFile(new URL(`schemas/${name}.schema.json`, root), 'utf8'),
  );
}
const common = schemas['common.schema.json'];

// ------------------------------------------------------------------------------------------ examples

const catalogExample = `apiVersion: lockstep/v1
kind: Catalog
platform:
  - version: 3.4.0
    suites: { billing: ^2.1.0, identity: ~1.8.0 }     # suite -> range compatible with this release
suites:
  billing:
    - version: 2.1.3
      capabilities: { invoicing: ^4.0.0, payments: ^1.2.0 }
capabilities:
  payments:
    - version: 1.2.7
      artifact: registry.example.com/acme/payments:1.2.7   # opaque, handed to the driver
      digest: sha256:e5ddd3f79980105cdf69f2f2ad01c4d9d2d5ad9e7fdc3496c98fa73b1175d37b   # optional
      yanked: false                                       # yanked releases are never chosen
advisories:
  - id: ACME-2026-0042
    severity: critical               # low | moderate | high | critical
    capability: payments             # or suite: NAME, or platform: true
    affected: "<1.2.7"               # semver range
    summary: Payment token replay
    published: 2026-11-20
`;

const environmentExample = `apiVersion: lockstep/v1
kind: Environment
name: prod-eu
channel: manual-approval             # auto-update | manual-approval | frozen
pins:                                # semver ranges; an exact version is a hard pin
  platform: ~3.4.0
  suites: { billing: 2.1.x }
  capabilities: { payments: 1.2.5 }
approvals: { required: 2, approvers: [alice, "@acme/release-managers"] }
freeze:                              # windows in which the environment behaves as frozen
  - { from: 2026-12-20T00:00:00Z, until: 2027-01-04T00:00:00Z, reason: Year-end }
security:
  enforce: critical                  # lowest severity enforced regardless of channel and pins (default)
  waivers:
    - { advisory: ACME-2026-0042, until: 2026-12-01, reason: "Token replay mitigated at the gateway", approvedBy: bob }
deploy: { driver: directory }        # directory (default) | command | webhook
hold: { reason: "rolled back from deploy/prod-eu/42", since: 2026-11-24 }   # set by a rollback
`;

const settingsExample = `# .github/lockstep.yml: every field is optional
paths:
  catalog: catalog
  environments: environments
tagPrefix: deploy                    # deploy tags: deploy/<env>/<n>
bot:
  planComment: true
  rollbackOnFailure: true            # open a rollback PR when a deployment fails
  securityMerge: when-green          # auto-merge | when-green | manual
  dashboard: true
  commanders: ["@acme/release-managers", carol]
`;

// A frozen environment in which the critical advisory ACME-2026-0042 forced payments from its pinned,
// affected 1.2.5 to 1.2.7, overriding the pin and the channel; a high advisory on sso is waived.
const manifestObject = {
  apiVersion: 'lockstep/v1',
  kind: 'Manifest',
  environment: 'prod-eu',
  channel: 'frozen',
  platform: '3.4.0',
  suites: { billing: '2.1.3', identity: '1.8.2' },
  capabilities: {
    'audit-log': {
      version: '1.1.2',
      requiredBy: ['billing', 'identity'],
      artifact: 'registry.example.com/acme/audit-log:1.1.2',
      digest: 'sha256:f5aaa70bff305b9e50233e2d12d06d931418a107b3b2ec108b04fc9ad6f983ad',
    },
    directory: {
      version: '2.4.5',
      requiredBy: ['identity'],
      artifact: 'registry.example.com/acme/directory:2.4.5',
      digest: 'sha256:b21d1dbb7b00ce84b9cefe3c98ef3a00e3fa8a44f7e9c5047a5a9d33fd25283c',
    },
    invoicing: {
      version: '4.1.2',
      requiredBy: ['billing'],
      artifact: 'registry.example.com/acme/invoicing:4.1.2',
    },
    payments: {
      version: '1.2.7',
      requiredBy: ['billing'],
      artifact: 'registry.example.com/acme/payments:1.2.7',
      digest: 'sha256:e5ddd3f79980105cdf69f2f2ad01c4d9d2d5ad9e7fdc3496c98fa73b1175d37b',
    },
    sso: {
      version: '5.1.3',
      requiredBy: ['identity'],
      artifact: 'registry.example.com/acme/sso:5.1.3',
      digest: 'sha256:42e5bda1517c4755bf3e5ec3ff8fc31ee89b0486cdec36af8b00fa13aab896d9',
    },
  },
  security: {
    patches: [
      {
        advisory: 'ACME-2026-0042',
        severity: 'critical',
        item: 'capability:payments',
        from: '1.2.5',
        to: '1.2.7',
        overrides: ["pins.capabilities.payments '1.2.5'", 'channel frozen'],
      },
    ],
    waivers: [
      {
        advisory: 'ACME-2026-0051',
        until: '2027-06-30',
        reason: 'IdP-initiated SAML logins are disabled; platform 3.4.1 upgrade planned for Q1 2027',
        approvedBy: 'mkeller',
      },
    ],
  },
};

/** Canonical JSON: sorted keys, two-space indent, final newline. */
function canonical(value) {
  const sort = (v) =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort(v[k])]),
          )
        : v;
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}
const manifestDigest = `sha256:${createHash('sha256').update(canonical(manifestObject)).digest('hex')}`;
const manifestExample = canonical({ ...manifestObject, digest: manifestDigest });

const kinds = [
  {
    title: 'Catalog',
    schema: 'catalog.schema.json',
    intro: [
      'The catalog lists the releases of the platform, its suites and capabilities, and the advisories',
      'against them. It is every `*.yaml`, `*.yml` and `*.json` file in `catalog/` (the folder is',
      '`paths.catalog` in the settings). The files are merged, so releases may be spread over several',
      'files (release tooling often writes JSON); the same release given twice with different content is',
      'an error. Every file carries `apiVersion` and `kind`.',
      '',
      'YAML files are read with the YAML 1.2 core schema: `yes`, `2026-11-20` and a full version like',
      '`1.10.0` stay strings, but a two-part `1.10` is the number 1.1, so versions are always written',
      'MAJOR.MINOR.PATCH (the error message says so). Duplicate keys are an error',
      'in YAML; a JSON file is read as `JSON.parse` reads it, so a duplicated key keeps its last value',
      '(ADR 0002). A file may not exceed 64 MiB, 1,000 aliases or 64 levels of nesting.',
    ],
    exampleLang: 'yaml',
    example: catalogExample,
  },
  {
    title: 'Environment',
    schema: 'environment.schema.json',
    intro: [
      'One config per environment, `environments/<name>.yaml`, with `name` equal to the file name. It',
      'sets the update channel, the pins, who approves, the freeze windows, the security policy and the',
      'deploy target. A `hold` is written by every rollback and removed by a person; while it is there',
      'the environment behaves as frozen (enforced security patches still apply).',
    ],
    exampleLang: 'yaml',
    example: environmentExample,
  },
  {
    title: 'Manifest',
    schema: 'manifest.schema.json',
    intro: [
      'The compiled, locked deployment of one environment, `environments/<name>.manifest.json`, written',
      'by `lockstep compile`, committed, reviewed in pull requests and deployed as is. It is canonical',
      'JSON (sorted keys, two-space indent, final newline) without timestamps, and `digest` is the',
      '`sha256:` of the canonical JSON without `digest`, so the same meaning always gives the same bytes.',
    ],
    exampleIntro: [
      'A frozen environment in which the critical advisory ACME-2026-0042 forced `payments` from its',
      'pinned, affected 1.2.5 to 1.2.7, overriding the pin and the channel, and in which a high',
      'advisory against `sso` is waived:',
    ],
    exampleLang: 'json',
    example: manifestExample,
  },
  {
    title: 'Settings',
    schema: 'settings.schema.json',
    intro: [
      'Optional repository settings in `.github/lockstep.yml`: where Lockstep finds its files, the',
      'prefix of deploy tags and the behaviour of the GitHub App. Every field is optional; a missing',
      'file means all defaults.',
    ],
    exampleLang: 'yaml',
    example: settingsExample,
  },
];

// Every example must be valid, or the page would teach an invalid file.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
ajv.addFormat('semver', {
  type: 'string',
  validate: (x) => semver.valid(x) === x, // as src/core/load/schema-check.ts: no 'v', no build metadata
});
ajv.addFormat('semver-range', { type: 'string', validate: (x) => semver.validRange(x) !== null });
for (const schema of Object.values(schemas)) ajv.addSchema(schema);
for (const kind of kinds) {
  const data = kind.exampleLang === 'json' ? JSON.parse(kind.example) : YAML.parse(kind.example);
  const check = ajv.getSchema(schemas[kind.schema].$id);
  if (!check(data)) {
    for (const e of check.errors)
      console.error(`${kind.title} example: ${e.instancePath || '/'}: ${e.message}`);
    process.exit(1);
  }
}

// ------------------------------------------------------------------------------------------ schema walk

/** Finds the schema a $ref points to; returns it with the file its own $refs are relative to. */
function lookup(ref, file) {
  const [target, pointer = ''] = ref.split('#');
  const targetFile = target === '' ? file : target.split('/').pop();
  let node = schemas[targetFile];
  if (!node) throw new Error(`${file}: unknown $ref ${ref}`);
  for (const part of pointer.split('/').slice(1)) {
    node = node[part.replaceAll('~1', '/').replaceAll('~0', '~')];
    if (node === undefined) throw new Error(`${file}: unresolved $ref ${ref}`);
  }
  return { node, file: targetFile, defName: pointer.startsWith('/$defs/') ? pointer.slice(7) : undefined };
}

/** Follows $ref chains; keywords next to a $ref (description, default) win over the target's. */
function deref(node, file) {
  if (!node || typeof node !== 'object' || !node.$ref) return { node, file };
  const { $ref, ...siblings } = node;
  for (const key of Object.keys(siblings)) {
    if (!['description', 'default', 'title'].includes(key))
      throw new Error(`${file}: unsupported "${key}" next to $ref`);
  }
  const target = lookup($ref, file);
  const inner = deref(target.node, target.file);
  return { node: { ...inner.node, ...siblings }, file: inner.file };
}

const isMap = (n) =>
  n.type === 'object' && !n.properties && n.additionalProperties && n.additionalProperties !== false;
const isObject = (n) => n.type === 'object' && !isMap(n);
const code = (v) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;
const formats = {
  semver: 'semver version',
  'semver-range': 'semver range',
  date: 'date `YYYY-MM-DD`',
  'date-time': 'RFC 3339 date-time',
  uri: 'URI',
};

// anyOf/oneOf without a type are alternatives (string | null); with a type they only add rules.
const alternatives = (n) => (n.type === undefined ? (n.anyOf ?? n.oneOf) : undefined);

function typeOf(n, file) {
  if (alternatives(n)) {
    return [...new Set(alternatives(n).map((alt) => typeOf(deref(alt, file).node, file)))].join(' | ');
  }
  if (n.const !== undefined) return n.const === null ? 'null' : typeof n.const;
  if (isMap(n)) return `map of ${typeOf(deref(n.additionalProperties, file).node, file)}`;
  if (n.type === 'array') return n.items ? `array of ${typeOf(deref(n.items, file).node, file)}` : 'array';
  if (Array.isArray(n.type)) return n.type.join(' | ');
  return n.type ?? (n.enum ? typeof n.enum[0] : 'any');
}

/** The constraints on a value, in words. */
function allowed(n, file) {
  if (alternatives(n)) {
    return alternatives(n)
      .map((alt) => {
        const a = deref(alt, file).node;
        return a.type === 'null' ? '`null`' : allowed(a, file);
      })
      .filter(Boolean)
      .join(', or ');
  }
  const out = [];
  if (n.const !== undefined) out.push(code(n.const));
  if (n.enum) out.push(n.enum.map(code).join(', '));
  if (n.format) out.push(formats[n.format] ?? `format ${code(n.format)}`);
  if (n.pattern) out.push(`pattern ${code(n.pattern)}`);
  if (n.not?.enum) out.push(`not ${n.not.enum.map(code).join(', ')}`);
  if (n.minimum !== undefined && n.maximum !== undefined) out.push(`${n.minimum} to ${n.maximum}`);
  else if (n.minimum !== undefined) out.push(`at least ${n.minimum}`);
  else if (n.maximum !== undefined) out.push(`at most ${n.maximum}`);
  if (n.minLength !== undefined && n.maxLength !== undefined)
    out.push(`${n.minLength} to ${n.maxLength} characters`);
  else if (n.minLength !== undefined)
    out.push(`at least ${n.minLength} character${n.minLength === 1 ? '' : 's'}`);
  else if (n.maxLength !== undefined) out.push(`at most ${n.maxLength} characters`);
  if (n.minItems !== undefined) out.push(`at least ${n.minItems} item${n.minItems === 1 ? '' : 's'}`);
  if (n.uniqueItems) out.push('unique items');
  if (n.type === 'array' && n.items) {
    const items = deref(n.items, file).node;
    if (!isObject(items) && !isMap(items)) {
      const a = allowed(items, file);
      if (a) out.push(`items: ${a}`);
    }
  }
  if (isMap(n) && n.propertyNames) {
    const keys = allowed(deref(n.propertyNames, file).node, file);
    if (keys) out.push(`keys: ${keys}`);
  }
  return out.join('; ');
}

/** Required labels of an object's properties, including if/then and exactly-one-of rules. */
function requiredLabels(n) {
  const labels = {};
  for (const key of Object.keys(n.properties ?? {})) labels[key] = 'no';
  for (const key of n.required ?? []) labels[key] = 'yes';
  for (const rule of n.allOf ?? []) {
    const cond = Object.entries(rule.if?.properties ?? {}).find(([, v]) => v.const !== undefined);
    if (!cond || !rule.then?.required) continue;
    for (const key of rule.then.required) labels[key] = `when \`${cond[0]}\` is ${code(cond[1].const)}`;
  }
  const branches = n.oneOf ?? [];
  if (branches.length > 0 && branches.every((b) => b.required?.length === 1)) {
    const keys = branches.map((b) => b.required[0]);
    for (const key of keys) labels[key] = `exactly one of ${keys.map((k) => `\`${k}\``).join(', ')}`;
  }
  return labels;
}

// Descriptions are Markdown text: '<name>' would be read as an HTML tag.
const describe = (n) =>
  (n.description ?? '').replace(/\s+/g, ' ').trim().replaceAll('&', '&amp;').replaceAll('<', '&lt;');

/** Rows for a value at `path`; then, for objects, maps and arrays, rows for what they contain. */
function walk(path, raw, file, required, rows) {
  const { node: n, file: at } = deref(raw, file);
  let description = describe(n);
  if (n.type === 'array' && n.items) {
    // One row for the list, named path[]; the item's own fields follow as path[].field.
    const items = deref(n.items, at);
    if (!n.items.$ref && items.node.description && isObject(items.node)) {
      description = `${description} Each item: ${describe(items.node).replace(/^./, (c) => c.toLowerCase())}`;
    }
    rows.push(row(`${path}[]`, n, at, required, description || describe(items.node)));
    if (isObject(items.node) || isMap(items.node)) children(`${path}[]`, items.node, items.file, rows);
    return;
  }
  rows.push(row(path, n, at, required, description));
  if (isObject(n) || isMap(n)) children(path, n, at, rows);
}

function children(path, n, file, rows) {
  if (isMap(n)) {
    walk(`${path}.<name>`, n.additionalProperties, file, '', rows);
    return;
  }
  const labels = requiredLabels(n);
  for (const [key, prop] of Object.entries(n.properties ?? {})) {
    walk(path ? `${path}.${key}` : key, prop, file, labels[key], rows);
  }
}

function row(path, n, file, required, description) {
  const dflt = n.default === undefined ? '' : code(n.default);
  return [`\`${path}\``, typeOf(n, file), required || '', dflt, allowed(n, file), description];
}

const cell = (s) => String(s).replaceAll('|', '\\|') || ' ';
function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

// ------------------------------------------------------------------------------------------ page

const lines = [
  '<!-- Generated by scripts/gen-docs.mjs from schemas/*.schema.json. Do not edit: run npm run gen. -->',
  '',
  '# File formats',
  '',
  '_This page is generated from the JSON Schemas in `schemas/` by `scripts/gen-docs.mjs`; do not edit it by hand._',
  '',
  'Lockstep reads and writes four kinds of files. Each is checked against its JSON Schema (draft 2020-12)',
  'in `schemas/`; a field not listed here is an error. YAML and JSON are both accepted for the catalog.',
  '',
  'In the tables, `a.b` is field `b` of object `a`, `a[]` is the list `a` (and `a[].b` field `b` of each',
  'item), and `a.<name>` is each entry of the map `a`, keyed by a name. "Required" applies within the',
  'enclosing object; a blank Default means none.',
  '',
  ...kinds.map((k) => `- [${k.title}](#${k.title.toLowerCase()})`),
  '- [Shared definitions](#shared-definitions)',
  '',
];

const header = ['Field', 'Type', 'Required', 'Default', 'Allowed values', 'Description'];
for (const kind of kinds) {
  const schema = schemas[kind.schema];
  const rows = [];
  children('', schema, kind.schema, rows);
  lines.push(
    `## ${kind.title}`,
    '',
    ...kind.intro,
    '',
    `Schema: [\`schemas/${kind.schema}\`](../schemas/${kind.schema}). ${describe(schema)}`,
    '',
    table(header, rows),
    '',
    '### Example',
    '',
    ...(kind.exampleIntro ? [...kind.exampleIntro, ''] : []),
    `\`\`\`${kind.exampleLang}`,
    kind.example.trimEnd(),
    '```',
    '',
  );
}

lines.push(
  '## Shared definitions',
  '',
  `From [\`schemas/common.schema.json\`](../schemas/common.schema.json). ${describe(common)}`,
  '',
  table(
    ['Definition', 'Type', 'Allowed values', 'Description'],
    Object.entries(common.$defs).map(([name, def]) => {
      const { node, file } = deref(def, 'common.schema.json');
      return [`\`${name}\``, typeOf(node, file), allowed(node, file), describe(node)];
    }),
  ),
  '',
  'Custom formats: `semver` is a version that `semver.valid` accepts, without a leading `v`;',
  '`semver-range` is a range that `semver.validRange` accepts (npm syntax).',
  '',
);

const text = lines.join('\n');

if (process.argv.includes('--check')) {
  const current = await readFile(outFile, 'utf8').catch(() => '');
  if (current !== text) {
    console.error(`${outName} is stale: run npm run gen`);
    process.exit(1);
  }
} else {
  await mkdir(new URL('docs/', root), { recursive: true });
  await writeFile(outFile, text);
  console.log(`wrote ${outName}`);
}
