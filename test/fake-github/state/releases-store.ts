import { notFound, validationFailed } from '../types.js';
import type { RepoState } from './repo-state.js';

/** An uploaded release asset with its bytes. */
export interface AssetRecord {
  id: number;
  releaseId: number;
  name: string;
  label: string | null;
  contentType: string;
  data: Buffer;
  uploader: string;
  downloadCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One release. */
export interface ReleaseRecord {
  id: number;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: string;
  createdAt: Date;
  publishedAt: Date | null;
  updatedAt: Date;
  assets: AssetRecord[];
}

/** Releases and their assets for one repository. */
export class ReleasesStore {
  readonly repo: RepoState;
  /** Oldest first. */
  readonly releases: ReleaseRecord[] = [];

  constructor(repo: RepoState) {
    this.repo = repo;
  }

  /** Creates a release; GitHub allows one release per tag. */
  create(
    input: Pick<
      ReleaseRecord,
      'tagName' | 'targetCommitish' | 'name' | 'body' | 'draft' | 'prerelease' | 'author'
    >,
  ): ReleaseRecord {
    if (this.byTag(input.tagName)) throw validationFailed('Release', 'tag_name', 'already_exists');
    const now = this.repo.global.clock.now();
    const release: ReleaseRecord = {
      ...input,
      id: this.repo.global.nextId(),
      createdAt: now,
      publishedAt: input.draft ? null : now,
      updatedAt: now,
      assets: [],
    };
    this.releases.push(release);
    return release;
  }

  get(id: number): ReleaseRecord {
    const release = this.releases.find((r) => r.id === id);
    if (!release) throw notFound();
    return release;
  }

  byTag(tag: string): ReleaseRecord | undefined {
    return this.releases.find((r) => r.tagName === tag);
  }

  delete(release: ReleaseRecord): void {
    this.releases.splice(this.releases.indexOf(release), 1);
  }

  /** Adds an asset; a second asset with the same name is GitHub's 422 already_exists. */
  addAsset(
    release: ReleaseRecord,
    input: Pick<AssetRecord, 'name' | 'label' | 'contentType' | 'data' | 'uploader'>,
  ): AssetRecord {
    if (release.assets.some((a) => a.name === input.name))
      throw validationFailed('ReleaseAsset', 'name', 'already_exists');
    const now = this.repo.global.clock.now();
    const asset: AssetRecord = {
      ...input,
      id: this.repo.global.nextId(),
      releaseId: release.id,
      downloadCount: 0,
      createdAt: now,
      updatedAt: now,
    };
    release.assets.push(asset);
    return asset;
  }

  asset(id: number): AssetRecord {
    for (const r of this.releases) {
      const asset = r.assets.find((a) => a.id === id);
      if (asset) return asset;
    }
    throw notFound();
  }
}
