import { fileURLToPath } from 'node:url';
import { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, seedRepository, startFakeGitHub } from './index.js';

const examples = fileURLToPath(new URL('../../examples', import.meta.url));
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe('the fake GitHub GraphQL endpoint', () => {
  let fake: FakeGitHub;
  let octokit: Octokit;
  beforeEach(async () => {
    fake = await startFakeGitHub();
    seedRepository(fake.state, { owner: 'acme', name: 'platform', dir: examples });
    octokit = new Octokit({ baseUrl: fake.url, auth: fake.tokenFor('dana'), log: quiet });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('reads objects by expression and refs by prefix', async () => {
    const repo = fake.state.repo('acme', 'platform');
    const main = repo?.git.branch('main') ?? '';
    repo?.git.refs.set('refs/tags/deploy/dev/1', main);
    const data = await octokit.graphql<{
      repository: {
        head: { oid: string };
        file: { text: string; byteSize: number; isBinary: boolean };
        dir: { entries: { name: string; type: string; mode: number; path: string }[] };
        missing: null;
        refs: { totalCount: number; nodes: { name: string; target: { oid: string } }[] };
      };
    }>(
      `query($owner: String!, $name: String!) {
        repository(owner: $owner, name: $name) {
          head: object(expression: "main") { oid }
          file: object(expression: "main:environments/dev.yaml") { ... on Blob { text byteSize isBinary } }
          dir: object(expression: "main:environments") { ... on Tree { entries { name type mode path } } }
          missing: object(expression: "main:nope.txt") { oid }
          refs(refPrefix: "refs/tags/deploy/", first: 10) { totalCount nodes { name target { oid } } }
        }
      }`,
      { owner: 'acme', name: 'platform' },
    );
    expect(data.repository.head.oid).toBe(main);
    expect(data.repository.file.text).toBe(repo?.git.readFile('main', 'environments/dev.yaml'));
    expect(data.repository.dir.entries.map((e) => e.name)).toContain('dev.yaml');
    expect(data.repository.dir.entries[0]).toMatchObject({ type: 'blob', mode: 33188 });
    expect(data.repository.dir.entries[0]?.path).toMatch(/^environments\//);
    expect(data.repository.missing).toBeNull();
    expect(data.repository.refs).toEqual({
      totalCount: 1,
      nodes: [{ name: 'dev/1', target: { oid: main } }],
    });
    fake.assertClean();
  });

  it('rejects a query GitHub schema rejects, and records it', async () => {
    await expect(
      octokit.graphql('query { repository(owner: "acme", name: "platform") { noSuchField } }'),
    ).rejects.toThrow(/Cannot query field "noSuchField" on type "Repository"/);
    expect(fake.clearProblems()).toEqual([
      expect.objectContaining({ kind: 'rejected', operationId: 'graphql' }),
    ]);
  });

  it('records a valid field the fake does not implement', async () => {
    await expect(
      octokit.graphql('query { repository(owner: "acme", name: "platform") { stargazerCount } }'),
    ).rejects.toThrow(/does not implement the GraphQL field Repository.stargazerCount/);
    expect(fake.clearProblems()).toEqual([
      expect.objectContaining({
        kind: 'unimplemented',
        message: 'GraphQL fields: Repository.stargazerCount',
      }),
    ]);
  });

  it('answers NOT_FOUND for a repository that does not exist, and refuses bad credentials', async () => {
    await expect(
      octokit.graphql('query { repository(owner: "acme", name: "nope") { name } }'),
    ).rejects.toThrow("Could not resolve to a Repository with the name 'acme/nope'.");
    const stranger = new Octokit({ baseUrl: fake.url, auth: 'not-a-token', log: quiet });
    await expect(
      stranger.graphql('query { repository(owner: "acme", name: "platform") { name } }'),
    ).rejects.toMatchObject({
      status: 401,
    });
    fake.assertClean();
  });
});
