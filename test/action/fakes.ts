import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnnotationProperties } from '@actions/core';
import type { ActionIo } from '../../src/action/action-io.js';
import type { Settings } from '../../src/action/settings.js';
import type { CommandFreeze } from '../../src/github/command-freeze.js';
import type { DeployTag, GitHubPort } from '../../src/github/github-port.js';
import { memoryReader } from '../helpers/memory-reader.js';

export const EXAMPLES = fileURLToPath(new URL('../../examples', import.meta.url));
/** The examples' clock: inside prod-eu's world, before any waiver expires (like the CLI tests). */
export const NOW = new Date('2026-11-24T12:00:00Z');

/** Everything the pipeline wrote to the runner, in order. */
export interface RecordingIo extends ActionIo {
  annotations: {
    level: 'error' | 'warning';
    message: string;
    properties: AnnotationProperties | undefined;
  }[];
  outputs: Record<string, string>;
  summaries: string[];
  failures: string[];
  infos: string[];
}

export function recordingIo(): RecordingIo {
  const io: RecordingIo = {
    annotations: [],
    outputs: {},
    summaries: [],
    failures: [],
    infos: [],
    info: (message) => void io.infos.push(message),
    error: (message, properties) => void io.annotations.push({ level: 'error', message, properties }),
    warning: (message, properties) => void io.annotations.push({ level: 'warning', message, properties }),
    setOutput: (name, value) => {
      io.outputs[name] = value;
    },
    setFailed: (message) => void io.failures.push(message),
    summary: async (markdown) => void io.summaries.push(markdown),
  };
  return io;
}

/** A deploy tag and the repository files it points at. */
export interface FakeDeploy {
  tag: DeployTag;
  files: Record<string, string>;
}

/**
 * An in-memory GitHubPort with deploy tags only: validate and plan read nothing else, and any other
 * call fails the test (they must not write).
 */
export function fakePort(
  deploys: readonly FakeDeploy[] = [],
  freezes: readonly CommandFreeze[] = [],
): GitHubPort & { calls: string[] } {
  const calls: string[] = [];
  const unused = (name: string) => () => {
    throw new Error(`fake port: ${name} must not be called by validate or plan`);
  };
  return {
    calls,
    coordinates: { owner: 'acme', repo: 'deploy' },
    readerAt(ref) {
      calls.push(`readerAt ${ref}`);
      const deploy = deploys.find((d) => d.tag.tag === ref || d.tag.commit === ref);
      if (!deploy) throw new Error(`fake port: no ref ${ref}`);
      return memoryReader(deploy.files);
    },
    async commandFreezes() {
      calls.push('commandFreezes');
      return new Map(freezes.map((f) => [f.environment, f]));
    },
    async deployTags(prefix, environment) {
      calls.push(`deployTags ${prefix} ${environment}`);
      return deploys
        .map((d) => d.tag)
        .filter((t) => t.environment === environment && t.tag.startsWith(`${prefix}/${environment}/`));
    },
    createDeployTag: unused('createDeployTag'),
    pullForCommit: unused('pullForCommit'),
    reviews: unused('reviews'),
    teamMembers: unused('teamMembers'),
    deployments: unused('deployments'),
    compareCommits: unused('compareCommits'),
    createDeployment: unused('createDeployment'),
    setDeploymentStatus: unused('setDeploymentStatus'),
    upsertRelease: unused('upsertRelease'),
    releases: unused('releases'),
    setCommitStatus: unused('setCommitStatus'),
  };
}

/** The examples' deploy history (.lockstep/<env>/deploys/*.json) as deploy tags on GitHub. */
export async function exampleDeploys(root = EXAMPLES): Promise<FakeDeploy[]> {
  const out: FakeDeploy[] = [];
  for (const env of await readdir(join(root, '.lockstep'))) {
    const dir = join(root, '.lockstep', env, 'deploys');
    for (const name of await readdir(dir)) {
      const r = JSON.parse(await readFile(join(dir, name), 'utf8')) as {
        n: number;
        tag: string;
        digest: string;
        files: Record<string, string>;
      };
      out.push({
        tag: { tag: r.tag, environment: env, n: r.n, commit: fakeCommit(r.tag), digest: r.digest },
        files: r.files,
      });
    }
  }
  return out;
}

/** A temporary copy of examples/ to damage. */
export async function copyExamples(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lockstep-action-'));
  await cp(EXAMPLES, dir, { recursive: true });
  return dir;
}

/** Settings as readSettings would give them for `root`. */
export function settingsFor(root: string, more: Partial<Settings> = {}): Settings {
  return {
    command: 'validate',
    environments: [],
    root,
    rootInWorkspace: '',
    token: 'ghs_test',
    apiUrl: 'http://127.0.0.1:1',
    repository: { owner: 'acme', repo: 'deploy' },
    rollbackOnFailure: false,
    reportFormat: 'md',
    reportPath: join(root, 'lockstep-report.md'),
    overdueDays: 7,
    ...more,
  };
}

/** A distinct commit sha per deploy tag, so that a read at a tag's commit finds that tag's files. */
export function fakeCommit(tag: string): string {
  return createHash('sha1').update(tag).digest('hex');
}
