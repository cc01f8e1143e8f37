import type { CatalogIndex } from '../catalog/catalog-index.js';
import { type CatalogDocument, mergeCatalog } from '../catalog/merge-catalog.js';
import { type Diagnostic, InputError, LockstepError } from '../errors.js';
import type { Catalog, Environment, Manifest, Settings } from '../generated/schema-types.js';
import { parseSource } from './parse.js';
import { checkSchema, type DocumentKind, type Validators } from './schema-check.js';
import { diagnosticAt, type SourceFile } from './source.js';

/** How the core reads a repository: from disk (CLI, Action) or through the GitHub API (bot). */
export interface RepoReader {
  /** Names of the files directly inside a folder; [] when the folder does not exist. */
  list(dir: string): Promise<string[]>;
  /** A file's text, or undefined when there is no such file. */
  read(path: string): Promise<string | undefined>;
}

/** `.github/lockstep.yml` with every default filled in. */
export interface ResolvedSettings {
  catalogDir: string;
  environmentsDir: string;
  tagPrefix: string;
  bot: Required<NonNullable<Settings['bot']>>;
}

/** One environment: its config, and its committed manifest when there is one. */
export interface EnvironmentEntry {
  name: string;
  config: Environment;
  source: SourceFile;
  manifestPath: string;
  manifest?: Manifest;
  manifestSource?: SourceFile;
}

/** Everything compile, validate and plan need from a repository. */
export interface Repository {
  settings: ResolvedSettings;
  catalog: CatalogIndex;
  environments: ReadonlyMap<string, EnvironmentEntry>;
}

export const SETTINGS_PATH = '.github/lockstep.yml';
const CATALOG_FILE = /\.(ya?ml|json)$/;
const ENVIRONMENT_FILE = /^(.+)\.ya?ml$/;

/**
 * Loads and checks settings, catalog and environments. Every problem in every file is collected and
 * thrown together as one InputError, so a user fixes them in one pass.
 */
export async function loadRepository(
  reader: RepoReader,
  validators: Validators,
  options: { environments?: readonly string[] } = {},
): Promise<Repository> {
  const diagnostics: Diagnostic[] = [];
  const parse = <T>(source: SourceFile, kind: DocumentKind): T | undefined => {
    const parsed = parseSource(source);
    if (!parsed.ok) {
      diagnostics.push(...parsed.diagnostics);
      return undefined;
    }
    const problems = checkSchema(validators, kind, parsed.value, source);
    diagnostics.push(...problems);
    return problems.length ? undefined : (parsed.value as T);
  };

  const settingsText = await reader.read(SETTINGS_PATH);
  const rawSettings =
    settingsText === undefined
      ? {}
      : parse<Settings>({ path: SETTINGS_PATH, text: settingsText }, 'settings');
  const settings = resolveSettings(rawSettings ?? {});

  const catalogFiles = (await reader.list(settings.catalogDir)).filter((f) => CATALOG_FILE.test(f)).sort();
  if (catalogFiles.length === 0) {
    diagnostics.push({
      file: settings.catalogDir,
      line: 0,
      col: 0,
      field: '',
      message:
        'no catalog files (*.yaml, *.yml, *.json) found; add the catalog or set paths.catalog in .github/lockstep.yml',
    });
  }
  const documents: CatalogDocument[] = [];
  for (const file of catalogFiles) {
    const source = await readSource(reader, `${settings.catalogDir}/${file}`);
    const value = parse<Catalog>(source, 'catalog');
    if (value) documents.push({ source, value });
  }
  const merged = mergeCatalog(documents);
  diagnostics.push(...merged.diagnostics);

  const available = new Map<string, string>();
  for (const file of (await reader.list(settings.environmentsDir)).sort()) {
    const m = ENVIRONMENT_FILE.exec(file);
    if (m?.[1] && !available.has(m[1])) available.set(m[1], file);
  }
  const wanted = options.environments?.length ? options.environments : [...available.keys()];
  const unknown = wanted.filter((name) => !available.has(name));
  if (unknown.length) {
    const known = [...available.keys()].join(', ') || 'none';
    throw new LockstepError(
      'E_USAGE',
      `unknown environment ${unknown.map((n) => `'${n}'`).join(', ')} (known: ${known})`,
    );
  }

  const environments = new Map<string, EnvironmentEntry>();
  for (const name of wanted) {
    const source = await readSource(reader, `${settings.environmentsDir}/${available.get(name)}`);
    const config = parse<Environment>(source, 'environment');
    const manifestPath = `${settings.environmentsDir}/${name}.manifest.json`;
    const manifestText = await reader.read(manifestPath);
    const manifestSource =
      manifestText === undefined ? undefined : { path: manifestPath, text: manifestText };
    const manifest = manifestSource && parse<Manifest>(manifestSource, 'manifest');
    if (!config) continue;
    if (config.name !== name) {
      diagnostics.push(
        diagnosticAt(
          source,
          ['name'],
          `name: '${config.name}' must equal the file name '${name}'; rename the file or the environment`,
        ),
      );
      continue;
    }
    if (manifest && manifest.environment !== name) {
      diagnostics.push(
        diagnosticAt(
          manifestSource,
          ['environment'],
          `environment: '${manifest.environment}' belongs in another file; run lockstep compile ${name}`,
        ),
      );
    }
    environments.set(name, {
      name,
      config,
      source,
      manifestPath,
      ...(manifest && manifestSource ? { manifest, manifestSource } : {}),
    });
  }

  if (diagnostics.length) throw new InputError(diagnostics);
  return { settings, catalog: merged.catalog, environments };
}

async function readSource(reader: RepoReader, path: string): Promise<SourceFile> {
  return { path, text: (await reader.read(path)) ?? '' };
}

/** Fills in the defaults documented in schemas/settings.schema.json. */
export function resolveSettings(s: Settings): ResolvedSettings {
  return {
    catalogDir: trimSlashes(s.paths?.catalog ?? 'catalog'),
    environmentsDir: trimSlashes(s.paths?.environments ?? 'environments'),
    tagPrefix: s.tagPrefix ?? 'deploy',
    bot: {
      planComment: s.bot?.planComment ?? true,
      rollbackOnFailure: s.bot?.rollbackOnFailure ?? false,
      securityMerge: s.bot?.securityMerge ?? 'when-green',
      dashboard: s.bot?.dashboard ?? true,
      commanders: s.bot?.commanders ?? [],
    },
  };
}

function trimSlashes(p: string): string {
  return p.replace(/^\.\/+/, '').replace(/\/+$/, '');
}
