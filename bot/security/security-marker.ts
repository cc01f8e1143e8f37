/** Where the security PR of an environment lives. */
export const SECURITY_BRANCH_PREFIX = 'lockstep/security/';

/** The branch of an environment's security PR. */
export function securityBranch(environment: string): string {
  return `${SECURITY_BRANCH_PREFIX}${environment}`;
}

/** What the bot writes into a security PR's body (hidden) to find out later what the PR holds and why. */
export interface PullMarker {
  environment: string;
  /** The recompiled manifest's digest the branch carries. */
  digest: string;
  /** The fingerprint of the manifest on the default branch it was built against. */
  onMain: string;
  /** The default branch's commit the branch is based on. */
  base: string;
  /** The advisories the PR fixes. */
  advisories: string[];
  /** What caused the last change of the branch (who or what). */
  trigger: string;
  /** The policy's expected verdict: only an `allowed` PR merges without `lockstep/approval`. */
  verdict: 'allowed' | 'needs-approval' | 'blocked';
}

const MARKER = /<!-- lockstep:security (\{.*?\}) -->/;

/** The hidden first line of a security PR's body. */
export function markerLine(marker: PullMarker): string {
  // JSON never holds a raw "<" or ">" here, so a trigger text cannot end the HTML comment early.
  const json = JSON.stringify(marker).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return `<!-- lockstep:security ${json} -->`;
}

/** The marker of a security PR's body, or undefined when the body is not the bot's. */
export function parseMarker(body: string): PullMarker | undefined {
  const m = MARKER.exec(body);
  if (!m?.[1]) return undefined;
  try {
    const data = JSON.parse(m[1]) as Partial<PullMarker>;
    if (typeof data.environment !== 'string' || typeof data.digest !== 'string') return undefined;
    return {
      environment: data.environment,
      digest: data.digest,
      onMain: typeof data.onMain === 'string' ? data.onMain : '',
      base: typeof data.base === 'string' ? data.base : '',
      advisories: Array.isArray(data.advisories) ? data.advisories.filter((a) => typeof a === 'string') : [],
      trigger: typeof data.trigger === 'string' ? data.trigger : '',
      // Unknown means the stricter rule: merge only with lockstep/approval green.
      verdict: data.verdict === 'allowed' || data.verdict === 'blocked' ? data.verdict : 'needs-approval',
    };
  } catch {
    return undefined;
  }
}

/** What the commit on a security branch says about itself (trailers), so a rerun can tell it is current. */
export interface CommitFacts {
  environment: string;
  digest: string;
  onMain: string;
}

/** The commit message of a security branch: a title, the advisories, and machine-readable trailers. */
export function commitMessage(title: string, facts: CommitFacts, advisories: readonly string[]): string {
  return [
    title,
    '',
    `Recompiled by Lockstep for ${advisories.join(', ')}.`,
    '',
    `Lockstep-Security: ${facts.environment}`,
    `Lockstep-Manifest-Digest: ${facts.digest}`,
    `Lockstep-On-Main: ${facts.onMain}`,
  ].join('\n');
}

/** The trailers of a security branch's commit, or undefined when someone else made it. */
export function commitFacts(message: string): CommitFacts | undefined {
  const trailer = (name: string) => new RegExp(`^${name}: (\\S+)$`, 'm').exec(message)?.[1];
  const environment = trailer('Lockstep-Security');
  const digest = trailer('Lockstep-Manifest-Digest');
  const onMain = trailer('Lockstep-On-Main');
  return environment && digest && onMain ? { environment, digest, onMain } : undefined;
}
