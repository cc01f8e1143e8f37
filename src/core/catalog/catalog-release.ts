import { SemVer } from 'semver';
import type { SourceFile } from '../load/source.js';
import type { CapabilityRelease, Origin, PlatformRelease, Release, SuiteRelease } from './catalog-index.js';

/**
 * A release as read from a catalog file. A large catalog holds 150,000 of them and compile compares
 * only a few per item with a range, so the parsed version and the origin path are made on first use.
 */
export class CatalogRelease implements Release {
  #sv: SemVer | undefined;
  constructor(
    readonly version: string,
    readonly yanked: boolean,
    /** The release as written, to compare a duplicate with. */
    readonly raw: unknown,
    readonly source: SourceFile,
    readonly where: readonly [section: string, name: string | undefined, index: number],
  ) {}
  get sv(): SemVer {
    this.#sv ??= new SemVer(this.version);
    return this.#sv;
  }
  get origin(): Origin {
    const [section, name, index] = this.where;
    return { source: this.source, path: name === undefined ? [section, index] : [section, name, index] };
  }
}

export class CatalogPlatformRelease extends CatalogRelease implements PlatformRelease {
  readonly suites: ReadonlyMap<string, string>;
  constructor(
    r: { version: string; yanked?: boolean; suites: Record<string, string> },
    source: SourceFile,
    index: number,
  ) {
    super(r.version, r.yanked ?? false, r, source, ['platform', undefined, index]);
    this.suites = new Map(Object.entries(r.suites));
  }
}

export class CatalogSuiteRelease extends CatalogRelease implements SuiteRelease {
  readonly capabilities: ReadonlyMap<string, string>;
  constructor(
    r: { version: string; yanked?: boolean; capabilities: Record<string, string> },
    source: SourceFile,
    name: string,
    index: number,
  ) {
    super(r.version, r.yanked ?? false, r, source, ['suites', name, index]);
    this.capabilities = new Map(Object.entries(r.capabilities));
  }
}

export class CatalogCapabilityRelease extends CatalogRelease implements CapabilityRelease {
  readonly artifact: string;
  readonly digest?: string;
  constructor(
    r: { version: string; yanked?: boolean; artifact: string; digest?: string },
    source: SourceFile,
    name: string,
    index: number,
  ) {
    super(r.version, r.yanked ?? false, r, source, ['capabilities', name, index]);
    this.artifact = r.artifact;
    if (r.digest) this.digest = r.digest;
  }
}
