import { fileURLToPath } from 'node:url';
import { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultHandlers } from './handlers/index.js';
import { pullHandlers } from './handlers/pulls.js';
import { seedRepository } from './seed.js';
import { type FakeGitHub, startFakeGitHub } from './server.js';
import { steppingClock } from './state/clock.js';
import { FakeState } from './state/store.js';

const examples = fileURLToPath(new URL('../../examples', import.meta.url));

describe('git, contents and pulls through @octokit/rest', () => {
  let fake: FakeGitHub;
  let author: Octokit;
  let reviewer: Octokit;
  const repo = { owner: 'acme', repo: 'platform' };

  beforeEach(async () => {
    const state = new FakeState(steppingClock());
    seedRepository(state, { owner: 'acme', name: 'platform', dir: examples });
    fake = await startFakeGitHub({ state, handlers: { ...defaultHandlers(), ...pullHandlers } });
    state.repo('acme', 'platform')?.collaborators.set('reviewer', 'write');
    author = new Octokit({ baseUrl: fake.url, auth: fake.tokenFor('author') });
    reviewer = new Octokit({ baseUrl: fake.url, auth: fake.tokenFor('reviewer') });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('plays branch, file update, PR, approval and merge with valid requests and responses', async () => {
    const main = await author.rest.git.getRef({ ...repo, ref: 'heads/main' });
    await author.rest.git.createRef({ ...repo, ref: 'refs/heads/update', sha: main.data.object.sha });
    const file = await author.rest.repos.getContent({ ...repo, path: 'README.md', ref: 'update' });
    if (Array.isArray(file.data) || file.data.type !== 'file') throw new Error('README.md is not a file');
    await author.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'README.md',
      branch: 'update',
      message: 'Update README',
      content: Buffer.from('updated\n').toString('base64'),
      sha: file.data.sha,
    });
    const pr = await author.rest.pulls.create({ ...repo, title: 'Update', head: 'update', base: 'main' });
    const review = await reviewer.rest.pulls.createReview({
      ...repo,
      pull_number: pr.data.number,
      event: 'APPROVE',
    });
    expect(review.data.commit_id).toBe(pr.data.head.sha);
    const files = await author.rest.pulls.listFiles({ ...repo, pull_number: pr.data.number });
    expect(files.data.map((f) => f.filename)).toEqual(['README.md']);
    const merged = await author.rest.pulls.merge({
      ...repo,
      pull_number: pr.data.number,
      sha: pr.data.head.sha,
    });
    const branch = await author.rest.repos.getBranch({ ...repo, branch: 'main' });
    expect(branch.data.commit.sha).toBe(merged.data.sha);
    expect(branch.data.commit.parents).toHaveLength(2);
    const compare = await author.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: `${main.data.object.sha}...main`,
    });
    expect(compare.data.ahead_by).toBe(2);
    fake.assertClean();
  });

  it('answers the git data, branch, tag and list routes with bodies the description accepts', async () => {
    const main = await author.rest.git.getRef({ ...repo, ref: 'heads/main' });
    const sha = main.data.object.sha;
    const blob = await author.rest.git.createBlob({ ...repo, content: 'hi' });
    await author.rest.git.getBlob({ ...repo, file_sha: blob.data.sha });
    const commit = await author.rest.git.getCommit({ ...repo, commit_sha: sha });
    const tree = await author.rest.git.createTree({
      ...repo,
      base_tree: commit.data.tree.sha,
      tree: [{ path: 'x/hi.txt', mode: '100644', type: 'blob', sha: blob.data.sha }],
    });
    await author.rest.git.getTree({ ...repo, tree_sha: tree.data.sha, recursive: 'true' });
    const next = await author.rest.git.createCommit({
      ...repo,
      message: 'hi',
      tree: tree.data.sha,
      parents: [sha],
    });
    await author.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: next.data.sha });
    const tag = await author.rest.git.createTag({
      ...repo,
      tag: 'v1',
      message: 'v1',
      object: next.data.sha,
      type: 'commit',
    });
    await author.rest.git.getTag({ ...repo, tag_sha: tag.data.sha });
    await author.rest.git.createRef({ ...repo, ref: 'refs/tags/v1', sha: tag.data.sha });
    await author.rest.git.listMatchingRefs({ ...repo, ref: 'tags/' });
    expect((await author.rest.repos.listTags(repo)).data.map((t) => t.commit.sha)).toEqual([next.data.sha]);
    await author.rest.repos.listBranches(repo);
    await author.rest.repos.getCommit({ ...repo, ref: 'v1' });
    await author.rest.repos.getContent({ ...repo, path: 'x' });
    await author.rest.git.createRef({ ...repo, ref: 'refs/heads/topic', sha });
    await author.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'y.txt',
      message: 'y',
      content: 'eQ==',
      branch: 'topic',
    });
    const pr = await author.rest.pulls.create({ ...repo, title: 'Y', head: 'topic', base: 'main' });
    await author.rest.pulls.list({ ...repo, state: 'all' });
    await author.rest.pulls.listCommits({ ...repo, pull_number: pr.data.number });
    await reviewer.rest.pulls.createReview({
      ...repo,
      pull_number: pr.data.number,
      event: 'REQUEST_CHANGES',
      body: 'no',
    });
    await author.rest.pulls.listReviews({ ...repo, pull_number: pr.data.number });
    await author.rest.pulls.merge({ ...repo, pull_number: pr.data.number, merge_method: 'squash' });
    await author.rest.pulls.get({ ...repo, pull_number: pr.data.number });
    const file = await author.rest.repos.getContent({ ...repo, path: 'y.txt' });
    if (Array.isArray(file.data)) throw new Error('y.txt is a directory');
    await author.rest.repos.deleteFile({ ...repo, path: 'y.txt', message: 'rm', sha: file.data.sha });
    fake.assertClean();
  });

  it('reports GitHub errors as Octokit RequestErrors', async () => {
    const main = await author.rest.git.getRef({ ...repo, ref: 'heads/main' });
    await expect(
      author.rest.git.createRef({ ...repo, ref: 'refs/heads/main', sha: main.data.object.sha }),
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('Reference already exists'),
    });
    await expect(author.rest.repos.getContent({ ...repo, path: 'missing.txt' })).rejects.toMatchObject({
      status: 404,
    });
    fake.clearProblems();
  });
});
