import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeployTagTakenError, digestTrailer } from '../../src/github/deploy-tags.js';
import { finishPort, type PortContext, startPort } from './port-context.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const message = (n: number, digest = DIGEST) => `Deploy staging #${n}\n\nLockstep-Digest: ${digest}\n`;

describe('deploy tags over Octokit', () => {
  let ctx: PortContext;
  beforeEach(async () => {
    ctx = await startPort();
  });
  afterEach(() => finishPort(ctx));

  it('creates an annotated tag and its ref in two calls, and lists it back', async () => {
    const created = await ctx.port.createDeployTag({
      tag: 'deploy/staging/1',
      commit: ctx.mainSha,
      message: message(1),
    });
    expect(created).toEqual({ created: true });
    expect(ctx.calls()).toEqual(['git/create-tag', 'git/create-ref']);
    const tags = await ctx.port.deployTags('deploy', 'staging');
    expect(tags).toEqual([
      { tag: 'deploy/staging/1', environment: 'staging', n: 1, commit: ctx.mainSha, digest: DIGEST },
    ]);
    expect(ctx.calls()).toEqual(['git/list-matching-refs', 'git/get-tag']);
  });

  it('is idempotent: a second identical call keeps the one tag (created: false)', async () => {
    const input = { tag: 'deploy/staging/1', commit: ctx.mainSha, message: message(1) };
    await ctx.port.createDeployTag(input);
    expect(await ctx.port.createDeployTag(input)).toEqual({ created: false });
    expect([...ctx.repo.git.refs.keys()].filter((r) => r.startsWith('refs/tags/'))).toEqual([
      'refs/tags/deploy/staging/1',
    ]);
    expect(ctx.calls().slice(2)).toEqual([
      'git/create-tag',
      'git/create-ref 422',
      'git/get-ref',
      'git/get-tag',
    ]);
  });

  it('refuses a number another deploy took, naming the tag and the commit it holds', async () => {
    const other = ctx.repo.git.commitFiles('main', { 'x.txt': 'x\n' }, 'another change');
    await ctx.port.createDeployTag({ tag: 'deploy/staging/1', commit: ctx.mainSha, message: message(1) });
    const attempt = ctx.port.createDeployTag({ tag: 'deploy/staging/1', commit: other, message: message(1) });
    await expect(attempt).rejects.toBeInstanceOf(DeployTagTakenError);
    await expect(attempt).rejects.toMatchObject({
      code: 'E_STATE',
      tag: 'deploy/staging/1',
      existingCommit: ctx.mainSha,
      message: expect.stringContaining('another deploy took that number; retry with the next one'),
    });
  });

  it('lists tags by number, skipping lightweight tags, tags without a digest and other environments', async () => {
    const git = ctx.repo.git;
    const tag = (name: string, text: string) => {
      const sha = git.putTag({
        tag: name,
        message: text,
        object: ctx.mainSha,
        objectType: 'commit',
        tagger: git.person(),
      });
      git.refs.set(`refs/tags/${name}`, sha);
    };
    tag('deploy/staging/10', message(10));
    tag('deploy/staging/2', message(2, `sha256:${'cd'.repeat(32)}`));
    tag('deploy/staging/3', 'no trailer\n');
    tag('deploy/staging/latest', message(4));
    tag('deploy/staging-eu/1', message(1));
    tag('deploy/prod-eu/1', message(1));
    git.refs.set('refs/tags/deploy/staging/5', ctx.mainSha);
    const tags = await ctx.port.deployTags('deploy', 'staging');
    expect(tags.map((t) => [t.tag, t.n, t.digest.slice(7, 9)])).toEqual([
      ['deploy/staging/2', 2, 'cd'],
      ['deploy/staging/10', 10, 'ab'],
    ]);
    // One list, then one read per annotated numbered tag of this environment.
    expect(ctx.calls()).toEqual(['git/list-matching-refs', 'git/get-tag', 'git/get-tag', 'git/get-tag']);
    expect(await ctx.port.deployTags('deploy', 'dev')).toEqual([]);
  });

  it('reads the digest trailer only in its exact form', () => {
    expect(digestTrailer(message(1))).toBe(DIGEST);
    expect(digestTrailer(`x\nLockstep-Digest: sha256:${'A'.repeat(64)}\n`)).toBeUndefined();
    expect(digestTrailer('Lockstep-Digest: sha256:abc')).toBeUndefined();
  });

  it('retries a 502 on git/create-ref transparently', async () => {
    ctx.fake.faults.inject({ operationId: 'git/create-ref', kind: 'status', status: 502 });
    const created = await ctx.port.createDeployTag({
      tag: 'deploy/dev/1',
      commit: ctx.mainSha,
      message: message(1),
    });
    expect(created).toEqual({ created: true });
    expect(ctx.calls()).toEqual(['git/create-tag', 'git/create-ref 502', 'git/create-ref']);
    expect(ctx.fake.faults.pending()).toEqual([]);
  });

  it('waits out a secondary rate limit (retry-after: 1), logging it', async () => {
    ctx.fake.faults.inject({
      method: 'POST',
      path: /\/git\/refs$/,
      kind: 'secondary-rate-limit',
      retryAfter: 1,
    });
    const started = Date.now();
    await ctx.port.createDeployTag({ tag: 'deploy/dev/1', commit: ctx.mainSha, message: message(1) });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(ctx.calls()).toEqual(['git/create-tag', 'git/create-ref 403', 'git/create-ref']);
    expect(ctx.logs.filter((l) => l.includes('rate limit'))).toEqual([
      'warn: GitHub secondary rate limit on POST /repos/{owner}/{repo}/git/refs; retrying in 1s (retry 1 of 3)',
    ]);
    expect(ctx.logs.filter((l) => !l.startsWith('debug:'))).toHaveLength(2);
  });

  it('gives up after the configured retries and surfaces the 5xx', async () => {
    ctx.fake.faults.inject({ operationId: 'git/create-ref', kind: 'status', status: 503, times: 4 });
    await expect(
      ctx.port.createDeployTag({ tag: 'deploy/dev/1', commit: ctx.mainSha, message: message(1) }),
    ).rejects.toMatchObject({ status: 503 });
    expect(ctx.calls().filter((c) => c.startsWith('git/create-ref'))).toHaveLength(4);
  });
});
