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
  // Every object is built with its keys in canonical (sorted) order, so JSON.stringify alone writes
  // canonical JSON: no generic key-sorting copy of a manifest of a thousand capabilities.
  const needs = requiredBy(catalog, versions);
  const capabilities: Manifest['capabilities'] = {};
  for (const name of [...versions.capabilities.keys()].sort()) {
    const version = versions.capabilities.get(name)!;
    const release = capabilityRelease(catalog, name, version);
    capabilities[name] = {
      artifact: release?.artifact ?? '',
      ...(release?.digest ? { digest: release.digest } : {}),
      requiredBy: [...(needs.get(name) ?? [])].sort(),
      version,
    };
  }
  const suites: Manifest['suites'] = {};
  for (const name of [...versions.suites.keys()].sort()) suites[name] = versions.suites.get(name)!;
  const placeholder = `sha256:${'0'.repeat(64)}`;
  const draft: Manifest = {
    apiVersion: 'lockstep/v1',
    capabilities,
    channel: config.channel,
    digest: placeholder,
    environment: config.name,
    kind: 'Manifest',
    platform: versions.platform,
    security: {
      patches: patches.map((p) => ({
        advisory: p.advisory,
        from: p.from,
        item: p.item,
        overrides: p.overrides,
        ...(p.reason ? { reason: p.reason } : {}),
        severity: p.severity,
        to: p.to,
      })),
      waivers: [...waivers]
        .map((w) => ({ advisory: w.advisory, approvedBy: w.approvedBy, reason: w.reason, until: w.until }))
        .sort((a, b) =>
          [a.advisory, a.until, a.reason, a.approvedBy]
            .join('\0')
            .localeCompare([b.advisory, b.until, b.reason, b.approvedBy].join('\0')),
        ),
    },
    suites,
  };
  // In canonical JSON the top-level digest is a line of its own; without that line the text is the
  // canonical JSON of the body, which is what the digest covers. One serialisation gives both.
  const text = `${JSON.stringify(draft, null, 2)}\n`;
  const line = `\n  "digest": "${placeholder}",\n`;
  const digest = sha256(text.replace(line, '\n'));
  return { manifest: { ...draft, digest }, text: text.replace(line, `\n  "digest": "${digest}",\n`) };
}

/** sha256 of the canonical JSON of a manifest without its digest field. */
export function manifestDigest(manifest: Omit<Manifest, 'digest'> & { digest?: string }): string {
  const { digest: _ignored, ...body } = manifest;
  return sha256(canonicalJson(body));
}

/** The versions a manifest records. */
export function manifestVersions(m: Manifest): Versions {
  return {
    platform: m.platform,
    suites: new Map(Object.entries(m.suites)),
    capabilities: new Map(Object.entries(m.capabilities).map(([name, c]) => [name, c.version])),
  };
}
