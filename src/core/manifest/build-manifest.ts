import type { CatalogIndex } from '../catalog/catalog-index.js';
import type { Environment, Manifest } from '../generated/schema-types.js';
import type { PatchRecord } from '../resolve/apply-security.js';
import type { Waiver } from '../resolve/context.js';
import { capabilityRelease, requiredBy } from '../resolve/requirements.js';
import type { Versions } from '../resolve/versions.js';
import { canonicalJson, sha256 } from './canonical-json.js';

/** The manifest of resolved versions with its digest, and its file's bytes. No timestamps: the same meaning, the same bytes. */
export function buildManifest(
  config: Environment,
  catalog: CatalogIndex,
  versions: Versions,
  patches: readonly PatchRecord[],
  waivers: readonly Waiver[],
): { manifest: Manifest; text: string } {
  const needs = requiredBy(catalog, versions);
  const capabilities: Manifest['capabilities'] = {};
  for (const [name, version] of versions.capabilities) {
    const release = capabilityRelease(catalog, name, version);
    capabilities[name] = {
      version,
      requiredBy: [...(needs.get(name) ?? [])].sort(),
      artifact: release?.artifact ?? '',
      ...(release?.digest ? { digest: release.digest } : {}),
    };
  }
  const body: Omit<Manifest, 'digest'> = {
    apiVersion: 'lockstep/v1',
    kind: 'Manifest',
    environment: config.name,
    channel: config.channel,
    platform: versions.platform,
    suites: Object.fromEntries(versions.suites),
    capabilities,
    security: {
      patches: patches.map((p) => ({ ...p })),
      waivers: [...waivers]
        .map((w) => ({ advisory: w.advisory, until: w.until, reason: w.reason, approvedBy: w.approvedBy }))
        .sort((a, b) =>
          [a.advisory, a.until, a.reason, a.approvedBy]
            .join('\0')
            .localeCompare([b.advisory, b.until, b.reason, b.approvedBy].join('\0')),
        ),
    },
  };
  return serialize(body);
}

/**
 * The manifest and its bytes, serialised once: in canonical JSON the top-level `digest` is a line of
 * its own, and without that line the text is exactly the canonical JSON of the body, which is what
 * the digest covers. (Serialising twice cost a fifth of compile on a large catalog.)
 */
function serialize(body: Omit<Manifest, 'digest'>): { manifest: Manifest; text: string } {
  const placeholder = `sha256:${'0'.repeat(64)}`;
  const draft = canonicalJson({ ...body, digest: placeholder });
  const line = `\n  "digest": "${placeholder}",\n`;
  const digest = sha256(draft.replace(line, '\n'));
  return { manifest: { ...body, digest }, text: draft.replace(line, `\n  "digest": "${digest}",\n`) };
}

/** sha256 of the canonical JSON of a manifest without its digest field. */
export function manifestDigest(manifest: Omit<Manifest, 'digest'> & { digest?: string }): string {
  const { digest: _ignored, ...body } = manifest;
  return sha256(canonicalJson(body));
}

/** The bytes written to environments/<name>.manifest.json. */
export function manifestText(manifest: Manifest): string {
  return canonicalJson(manifest);
}

/** The versions a manifest records. */
export function manifestVersions(m: Manifest): Versions {
  return {
    platform: m.platform,
    suites: new Map(Object.entries(m.suites)),
    capabilities: new Map(Object.entries(m.capabilities).map(([name, c]) => [name, c.version])),
  };
}
