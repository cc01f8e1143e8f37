import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LockstepError } from '../../src/core/errors.js';
import { createValidators } from '../../src/core/load/schema-check.js';
import { pickRollbackTarget } from '../../src/core/rollback/pick-rollback-target.js';
import { verifyReleaseManifest, verifyTagFiles } from '../../src/core/rollback/verify-rollback-files.js';
import { withHold } from '../../src/core/rollback/with-hold.js';

const validators = createValidators();
const manifestText = readFileSync(
  new URL('../../examples/environments/dev.manifest.json', import.meta.url),
  'utf8',
);
const digest = (JSON.parse(manifestText) as { digest: string }).digest;
const deploys = [1, 2, 3].map((n) => ({ tag: `deploy/dev/${n}`, n }));

describe('the rollback logic shared by the CLI and the bot (src/core/rollback)', () => {
  it('picks the deploy before the last, or the one named by tag or number', () => {
    expect(pickRollbackTarget(deploys, undefined, 'dev').tag).toBe('deploy/dev/2');
    expect(pickRollbackTarget(deploys, 'deploy/dev/1', 'dev').tag).toBe('deploy/dev/1');
    expect(pickRollbackTarget(deploys, '3', 'dev').tag).toBe('deploy/dev/3');
    expect(() => pickRollbackTarget(deploys.slice(0, 1), undefined, 'dev', '`to <tag>`')).toThrow(
      'dev has 1 deploy(s); a rollback needs an earlier one (or name it with `to <tag>`)',
    );
    expect(() => pickRollbackTarget(deploys, 'deploy/dev/9', 'dev')).toThrow(LockstepError);
  });

  it('sets the hold and changes nothing else: comments, order, an earlier hold replaced', () => {
    const text = 'name: dev # keep\nchannel: auto-update\n# trailing comment\n';
    const hold = { reason: `rolled back ${'very '.repeat(20)}far (acme/platform#12)`, since: '2026-12-02' };
    expect(withHold(text, hold, 'environments/dev.yaml')).toBe(
      `${text}hold:\n  reason: ${hold.reason}\n  since: 2026-12-02\n`,
    );
    const held = 'name: dev\nhold:\n  reason: old\n  since: 2026-01-01\nchannel: frozen\n';
    expect(withHold(held, { reason: 'new', since: '2026-12-02' }, 'p')).toBe(
      'name: dev\nhold:\n  reason: new\n  since: 2026-12-02\nchannel: frozen\n',
    );
  });

  it('accepts a tag and a release whose manifest carries the recorded digest, and nothing else', () => {
    const files = {
      tag: 'deploy/dev/1',
      digest,
      configPath: 'environments/dev.yaml',
      manifestPath: 'environments/dev.manifest.json',
      configText: 'name: dev\n',
      manifestText,
    };
    expect(verifyTagFiles(files, validators).manifest.digest).toBe(digest);
    const other = `sha256:${'1'.repeat(64)}`;
    expect(() => verifyTagFiles({ ...files, digest: other }, validators)).toThrow('the tag was altered');
    expect(() => verifyTagFiles({ ...files, configText: undefined }, validators)).toThrow(
      'does not hold a valid',
    );
    const release = { tag: 'deploy/dev/1', digest, assetName: 'dev.manifest.json', text: manifestText };
    expect(verifyReleaseManifest(release, validators).digest).toBe(digest);
    const altered = manifestText.replace('"platform": "', '"platform": "9');
    expect(() => verifyReleaseManifest({ ...release, text: altered }, validators)).toThrow(
      `(its digest field says ${digest})`,
    );
    expect(() => verifyReleaseManifest({ ...release, text: undefined }, validators)).toThrow(
      'the release of the tag has no dev.manifest.json',
    );
  });
});
