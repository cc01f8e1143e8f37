/** A small repository in the SPEC's own shape: platform 3.4.x, billing and identity suites. */
export const CATALOG = `apiVersion: lockstep/v1
kind: Catalog
platform:
  - version: 3.3.0
    suites: { billing: ^2.0.0, identity: ~1.7.0 }
  - version: 3.4.0
    suites: { billing: ^2.1.0, identity: ~1.8.0 }
  - version: 3.5.0
    yanked: true
    suites: { billing: ^3.0.0, identity: ~1.8.0 }
suites:
  billing:
    - version: 2.0.0
      capabilities: { invoicing: ^4.0.0, payments: ^1.1.0 }
    - version: 2.1.3
      capabilities: { invoicing: ^4.0.0, payments: ^1.2.0 }
    - version: 2.2.0
      capabilities: { invoicing: ^4.1.0, payments: ^1.2.0 }
  identity:
    - version: 1.7.4
      capabilities: { sso: ^2.0.0 }
    - version: 1.8.2
      capabilities: { sso: ^2.1.0, payments: ">=1.2.0 <2.0.0" }
capabilities:
  invoicing:
    - { version: 4.0.0, artifact: "reg/invoicing:4.0.0" }
    - { version: 4.1.0, artifact: "reg/invoicing:4.1.0" }
  payments:
    - { version: 1.1.0, artifact: "reg/payments:1.1.0" }
    - { version: 1.2.5, artifact: "reg/payments:1.2.5" }
    - { version: 1.2.6, artifact: "reg/payments:1.2.6", yanked: true }
    - { version: 1.2.7, artifact: "reg/payments:1.2.7", digest: "sha256:${'a'.repeat(64)}" }
    - { version: 1.3.0, artifact: "reg/payments:1.3.0" }
  sso:
    - { version: 2.0.0, artifact: "reg/sso:2.0.0" }
    - { version: 2.1.0, artifact: "reg/sso:2.1.0" }
    - { version: 2.2.0, artifact: "reg/sso:2.2.0" }
advisories:
  - id: ACME-2026-0042
    severity: critical
    capability: payments
    affected: "<1.2.7"
    summary: Payment token replay
    published: 2026-11-20
`;

export function environment(name: string, body = 'channel: auto-update\n'): string {
  return `apiVersion: lockstep/v1\nkind: Environment\nname: ${name}\n${body}`;
}

/** Files of a repository with the catalog and the given environments (name -> body after the header). */
export function repoFiles(
  envs: Record<string, string>,
  extra: Record<string, string> = {},
): Record<string, string> {
  const files: Record<string, string> = { 'catalog/catalog.yaml': CATALOG, ...extra };
  for (const [name, body] of Object.entries(envs))
    files[`environments/${name}.yaml`] = environment(name, body);
  return files;
}
