import { stringify } from 'yaml';
import type { Severity } from '../../src/core/catalog/catalog-index.js';
import { type CompileOutcome, compileEnvironment } from '../../src/core/compile.js';
import type {
  Advisory,
  CapabilityRelease,
  Catalog,
  Environment,
  PlatformRelease,
  SuiteRelease,
} from '../../src/core/generated/schema-types.js';
import { loadRepository, type Repository } from '../../src/core/load/load-repository.js';
import { createValidators, type Validators } from '../../src/core/load/schema-check.js';
import { memoryReader } from './memory-reader.js';

/** The fixed clock of the resolve, security and policy tests. */
export const NOW = new Date('2026-12-01T12:00:00Z');

/** An advisory as tests write it: summary and published have defaults. */
export type AdvisorySpec = { id: string; severity: Severity; affected: string } & (
  | { capability: string }
  | { suite: string }
  | { platform: true }
) & { summary?: string; published?: string };

/** Builds a catalog as the plain object a catalog file holds. */
export class CatalogBuilder {
  readonly #platform: PlatformRelease[] = [];
  readonly #suites: Record<string, SuiteRelease[]> = {};
  readonly #capabilities: Record<string, CapabilityRelease[]> = {};
  readonly #advisories: Advisory[] = [];

  /** A platform release: suite -> compatible range. */
  platform(version: string, suites: Record<string, string>, opts: { yanked?: boolean } = {}): this {
    this.#platform.push({ version, suites, ...(opts.yanked ? { yanked: true } : {}) });
    return this;
  }

  /** A suite release: capability -> required range. */
  suite(
    name: string,
    version: string,
    capabilities: Record<string, string> = {},
    opts: { yanked?: boolean } = {},
  ): this {
    listAt(this.#suites, name).push({ version, capabilities, ...(opts.yanked ? { yanked: true } : {}) });
    return this;
  }

  /** Capability releases; the artifact defaults to `reg/<name>:<version>`. */
  capability(
    name: string,
    versions: string | readonly string[],
    opts: { yanked?: boolean; digest?: string; artifact?: string } = {},
  ): this {
    const list = listAt(this.#capabilities, name);
    for (const version of typeof versions === 'string' ? [versions] : versions) {
      list.push({
        version,
        artifact: opts.artifact ?? `reg/${name}:${version}`,
        ...(opts.digest ? { digest: opts.digest } : {}),
        ...(opts.yanked ? { yanked: true } : {}),
      });
    }
    return this;
  }

  advisory(spec: AdvisorySpec): this {
    const { summary, published, ...rest } = spec;
    this.#advisories.push({
      ...rest,
      summary: summary ?? `${spec.id} summary`,
      published: published ?? '2026-11-20',
    });
    return this;
  }

  /** The catalog as one plain document. */
  build(): Catalog {
    return structuredClone({
      apiVersion: 'lockstep/v1',
      kind: 'Catalog',
      platform: this.#platform,
      suites: this.#suites,
      capabilities: this.#capabilities,
      advisories: this.#advisories,
    } satisfies Catalog);
  }
}

export function catalog(): CatalogBuilder {
  return new CatalogBuilder();
}

/** An environment config as tests write it: everything after `name`, channel defaulting to auto-update. */
export type EnvSpec = Partial<Omit<Environment, 'apiVersion' | 'kind' | 'name'>>;

export function environmentDoc(name: string, spec: EnvSpec = {}): Environment {
  return {
    apiVersion: 'lockstep/v1',
    kind: 'Environment',
    name,
    channel: 'auto-update',
    ...structuredClone(spec),
  };
}

/** How a document is written out: same meaning, different bytes. */
export interface TextStyle {
  format: 'yaml' | 'json';
  /** YAML only: flow (`{ a: 1 }`) or block collections. */
  flow?: boolean;
  /** YAML only: indent width. */
  indent?: number;
  /** YAML only: how strings are quoted. */
  quote?: 'plain' | 'double' | 'single';
  /** Shuffles mapping keys with this seed, and list order too unless `shuffleLists` is false. */
  shuffleSeed?: number;
  shuffleLists?: boolean;
}

export function renderDocument(value: unknown, style: TextStyle = { format: 'yaml' }): string {
  const data =
    style.shuffleSeed === undefined
      ? value
      : shuffleDeep(value, mulberry32(style.shuffleSeed), style.shuffleLists ?? true);
  if (style.format === 'json') return `${JSON.stringify(data, null, style.indent ?? 2)}\n`;
  const quote = { plain: 'PLAIN', double: 'QUOTE_DOUBLE', single: 'QUOTE_SINGLE' } as const;
  return stringify(data, {
    indent: style.indent ?? 2,
    collectionStyle: style.flow ? 'flow' : 'block',
    defaultStringType: quote[style.quote ?? 'plain'],
    defaultKeyType: 'PLAIN',
  });
}

/** How a catalog is spread over files. */
export interface CatalogLayout {
  /** File index of the n-th entry (platform, suite, capability releases, then advisories); cycled. */
  assign?: readonly number[];
  /** Style of each file, cycled; its format decides the extension. */
  styles?: readonly TextStyle[];
}

/** Splits a catalog into `catalog/part-<i>.<ext>` files; every file is a complete Catalog document. */
export function catalogFiles(doc: Catalog, layout: CatalogLayout = {}): Record<string, string> {
  const assign = layout.assign?.length ? layout.assign : [0];
  const styles = layout.styles?.length ? layout.styles : [{ format: 'yaml' as const }];
  const parts = new Map<number, Catalog>();
  const part = (n: number): Catalog => {
    const index = assign[n % assign.length]!;
    let c = parts.get(index);
    if (!c) {
      c = { apiVersion: 'lockstep/v1', kind: 'Catalog' };
      parts.set(index, c);
    }
    return c;
  };
  let n = 0;
  for (const r of doc.platform ?? []) {
    const c = part(n++);
    c.platform = [...(c.platform ?? []), r];
  }
  for (const [name, list] of Object.entries(doc.suites ?? {})) {
    for (const r of list) {
      const c = part(n++);
      c.suites = { ...c.suites, [name]: [...(c.suites?.[name] ?? []), r] };
    }
  }
  for (const [name, list] of Object.entries(doc.capabilities ?? {})) {
    for (const r of list) {
      const c = part(n++);
      c.capabilities = { ...c.capabilities, [name]: [...(c.capabilities?.[name] ?? []), r] };
    }
  }
  for (const a of doc.advisories ?? []) {
    const c = part(n++);
    c.advisories = [...(c.advisories ?? []), a];
  }
  if (parts.size === 0) part(0);
  const files: Record<string, string> = {};
  for (const [index, c] of parts) {
    const style = styles[index % styles.length]!;
    files[`catalog/part-${index}.${style.format}`] = renderDocument(c, style);
  }
  return files;
}

/** Builds the files of a deployment repository and loads them. */
export class RepoBuilder {
  readonly #catalog: Catalog;
  readonly #files: Record<string, string> = {};
  #layout: CatalogLayout = {};

  constructor(cat: Catalog | CatalogBuilder) {
    this.#catalog = cat instanceof CatalogBuilder ? cat.build() : structuredClone(cat);
  }

  /** An environment from a spec (rendered as YAML), or its exact text. */
  env(name: string, spec: EnvSpec | string = {}, style: TextStyle = { format: 'yaml' }): this {
    this.#files[`environments/${name}.yaml`] =
      typeof spec === 'string' ? spec : renderDocument(environmentDoc(name, spec), style);
    return this;
  }

  /** The committed manifest of an environment. */
  manifest(name: string, text: string): this {
    this.#files[`environments/${name}.manifest.json`] = text;
    return this;
  }

  layout(layout: CatalogLayout): this {
    this.#layout = layout;
    return this;
  }

  files(): Record<string, string> {
    return { ...catalogFiles(this.#catalog, this.#layout), ...this.#files };
  }

  load(): Promise<Repository> {
    return loadFiles(this.files());
  }
}

export function repo(cat: Catalog | CatalogBuilder): RepoBuilder {
  return new RepoBuilder(cat);
}

let validators: Validators | undefined;

/** Loads in-memory files; the validators are compiled once per test file. */
export function loadFiles(files: Record<string, string>): Promise<Repository> {
  validators ??= createValidators();
  return loadRepository(memoryReader(files), validators);
}

/** Compiles one environment of a loaded repository at the fixed clock (or `now`). */
export function compileIn(repository: Repository, name: string, now: Date = NOW): CompileOutcome {
  const entry = repository.environments.get(name);
  if (!entry) throw new Error(`test setup: no environment '${name}'`);
  return compileEnvironment(entry, repository.catalog, now);
}

/** Loads the files and compiles one environment. */
export async function compileFiles(
  files: Record<string, string>,
  name: string,
  now: Date = NOW,
): Promise<CompileOutcome> {
  return compileIn(await loadFiles(files), name, now);
}

/** The versions of a compiled manifest, in a shape easy to compare. */
export function versionsOf(outcome: CompileOutcome): {
  platform: string;
  suites: Record<string, string>;
  capabilities: Record<string, string>;
} {
  const m = outcome.manifest;
  return {
    platform: m.platform,
    suites: { ...m.suites },
    capabilities: Object.fromEntries(Object.entries(m.capabilities).map(([k, c]) => [k, c.version])),
  };
}

/** The list under a key, created empty when missing. */
export function listAt<T>(map: Record<string, T[]>, key: string): T[] {
  const list = map[key] ?? [];
  map[key] = list;
  return list;
}

/** Small deterministic PRNG, so shuffles are reproducible from a seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(list: readonly T[], rand: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// Catalog lists (releases, advisories) are sets: the loader sorts them. Config lists (freeze windows,
// waivers, approvers) are sets in meaning too, but see manifest-canonical.test.ts for their order.
function shuffleDeep(value: unknown, rand: () => number, lists: boolean): unknown {
  if (Array.isArray(value))
    return (lists ? shuffle(value, rand) : value).map((v) => shuffleDeep(v, rand, lists));
  if (value === null || typeof value !== 'object') return value;
  const entries = shuffle(Object.entries(value), rand);
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleDeep(v, rand, lists)]));
}
