import { LockstepError } from '../errors.js';
import type { Manifest } from '../generated/schema-types.js';
import { parseSource } from '../load/parse.js';
import { checkSchema, type Validators } from '../load/schema-check.js';
import { manifestDigest } from '../manifest/build-manifest.js';

/** An environment's files as a deploy tag holds them, and the digest the deploy recorded. */
export interface TagFiles {
  tag: string;
  /** The digest the deploy recorded (the tag's `Lockstep-Digest` trailer). */
  digest: string;
  configPath: string;
  manifestPath: string;
  /** undefined when the file is not there. */
  configText: string | undefined;
  manifestText: string | undefined;
}

/** The files a rollback restores, checked: both present, the manifest valid and carrying the digest. */
export interface VerifiedTagFiles {
  configText: string;
  manifestText: string;
  manifest: Manifest;
}

/**
 * Checks that a deploy tag's files are what its deploy recorded: the manifest is valid, its `digest`
 * field and the digest of its content both equal the recorded digest. A mismatch means the tag (or
 * what it points at) was altered: nothing may be restored from it. `nameOption` is how the user
 * names another tag, for the message.
 */
export function verifyTagFiles(
  files: TagFiles,
  validators: Validators,
  nameOption = '--to',
): VerifiedTagFiles {
  const { tag, digest, configPath, manifestPath, configText, manifestText } = files;
  const manifest = parseManifest(validators, manifestPath, manifestText);
  if (!manifest || configText === undefined || manifestText === undefined) {
    throw new LockstepError(
      'E_STATE',
      `${tag} does not hold a valid ${manifestPath} and ${configPath}; pick another tag with ${nameOption}`,
    );
  }
  if (manifest.digest !== digest || manifestDigest(manifest) !== digest) {
    throw new LockstepError(
      'E_STATE',
      `${tag}: ${manifestPath} does not match the digest recorded at deploy (${digest}); the tag was altered, pick another with ${nameOption}`,
    );
  }
  return { configText, manifestText, manifest };
}

/**
 * Checks the manifest attached to a deploy tag's release (`<env>.manifest.json`) against the digest
 * the deploy recorded: a second, independent record of what was deployed (SPEC 6), so an altered
 * tag and an altered release cannot both go unnoticed.
 */
export function verifyReleaseManifest(
  release: { tag: string; digest: string; assetName: string; text: string | undefined },
  validators: Validators,
  nameOption = '--to',
): Manifest {
  const { tag, digest, assetName, text } = release;
  if (text === undefined)
    throw new LockstepError(
      'E_STATE',
      `${tag}: the release of the tag has no ${assetName} to verify the manifest against; attach the deployed manifest to the release, or pick another tag with ${nameOption}`,
    );
  const manifest = parseManifest(validators, assetName, text);
  if (!manifest)
    throw new LockstepError(
      'E_STATE',
      `${tag}: the release's ${assetName} is not a valid manifest; the release was altered, pick another tag with ${nameOption}`,
    );
  const actual = manifestDigest(manifest);
  if (actual !== digest || manifest.digest !== digest)
    throw new LockstepError(
      'E_STATE',
      `${tag}: the release's ${assetName} has digest ${actual}${manifest.digest !== actual ? ` (its digest field says ${manifest.digest})` : ''}, not the digest recorded at deploy (${digest}); the release or the tag was altered, pick another tag with ${nameOption}`,
    );
  return manifest;
}

/** A manifest file's document, or undefined when absent or not a valid manifest. */
function parseManifest(validators: Validators, path: string, text: string | undefined): Manifest | undefined {
  if (text === undefined) return undefined;
  const source = { path, text };
  const parsed = parseSource(source);
  if (!parsed.ok || checkSchema(validators, 'manifest', parsed.value, source).length) return undefined;
  return parsed.value as Manifest;
}
