import semver from 'semver';
import type { ItemKey } from '../catalog/catalog-index.js';
import type { Manifest } from '../generated/schema-types.js';
import { manifestVersions } from '../manifest/build-manifest.js';
import { itemOrder } from '../resolve/patch-records.js';
import { listItems } from '../resolve/versions.js';

/** How one item changed between two manifests. */
export type ChangeClass = 'upgrade' | 'downgrade' | 'added' | 'removed' | 'security-patch';

/** One changed item. */
export interface Change {
  item: ItemKey;
  from: string | null;
  to: string | null;
  class: ChangeClass;
  /** The advisory, for a security patch. */
  advisory?: string;
  /** Why it changed, in a few words: the advisory, the pin or the channel. */
  why: string;
}

/** The whole change from one manifest to another. */
export interface ChangeSet {
  changes: Change[];
  /** The new manifest is the manifest of an earlier deploy of this environment. */
  rollback: boolean;
  /** The deploy tag whose manifest it restores, for a rollback. */
  rollbackTo?: string;
  /** Nothing was deployed or committed before: the first deploy of the environment. */
  initial: boolean;
}

/** An earlier deploy: its tag and its manifest's digest. */
export interface DeployRecord {
  tag: string;
  digest: string;
}

/**
 * Classifies each changed item (SPEC section 4). An item the new manifest records as an enforced patch
 * is a security-patch; a new manifest equal to an earlier deploy's is a rollback as a whole.
 */
export function classifyChange(
  before: Manifest | undefined,
  after: Manifest,
  earlier: readonly DeployRecord[] = [],
): ChangeSet {
  const old = new Map(before ? listItems(manifestVersions(before)) : []);
  const now = new Map(listItems(manifestVersions(after)));
  const patches = new Map(after.security.patches.map((p) => [p.item, p]));
  const oldPatches = new Map((before?.security.patches ?? []).map((p) => [p.item, p]));
  const changes: Change[] = [];
  for (const item of [...new Set([...old.keys(), ...now.keys()])].sort(itemOrder)) {
    const from = old.get(item) ?? null;
    const to = now.get(item) ?? null;
    if (from === to) continue;
    // A security patch is a move the advisory forced: from where the item was (or from where an
    // earlier recorded patch had put it). A pin change that lands on a patched version is not.
    const patch = patches.get(item);
    if (patch && patch.to === to && (patch.from === from || oldPatches.get(item)?.to === from)) {
      changes.push({
        item,
        from,
        to,
        class: 'security-patch',
        advisory: patch.advisory,
        why: `${patch.advisory} (${patch.severity})${patch.reason ? `: ${patch.reason}` : ''}`,
      });
    } else if (from === null) {
      changes.push({ item, from, to, class: 'added', why: 'newly required' });
    } else if (to === null) {
      changes.push({ item, from, to, class: 'removed', why: 'no longer required' });
    } else {
      const up = semver.gt(to, from);
      changes.push({
        item,
        from,
        to,
        class: up ? 'upgrade' : 'downgrade',
        why: up ? 'newer release within pins and ranges' : 'older release (pin or range changed)',
      });
    }
  }
  const restored =
    before && before.digest !== after.digest ? earlier.find((d) => d.digest === after.digest) : undefined;
  if (restored)
    for (const c of changes) if (c.class !== 'security-patch') c.why = `rollback to ${restored.tag}`;
  return {
    changes,
    rollback: restored !== undefined,
    ...(restored ? { rollbackTo: restored.tag } : {}),
    initial: before === undefined,
  };
}
