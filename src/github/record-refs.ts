import type { Octokit } from '@octokit/rest';
import type { RepoCoordinates } from './github-port.js';
import { statusOf } from './request-errors.js';

/** A small JSON record the bot keeps in the repository itself, under `refs/lockstep/...`. */
export interface RefRecord<T> {
  /** The full ref, e.g. `refs/lockstep/freeze/prod-eu`. */
  ref: string;
  /** The commit the ref points at. */
  commit: string;
  data: T;
}

/**
 * The bot is stateless (several replicas, or a serverless function): what it must remember between
 * events lives in GitHub. A record is a parentless commit whose message is a title line and the JSON
 * data, with the same JSON as `record.json` in its tree so the ref can be inspected with plain git
 * (`git fetch origin 'refs/lockstep/*:refs/lockstep/*'`). Creating the ref is atomic: when two events
 * race, GitHub accepts one create and answers 422 to the other, which then reads the winner's record.
 */
export async function createRecord<T>(
  octokit: Octokit,
  { owner, repo }: RepoCoordinates,
  input: { ref: string; title: string; data: T },
): Promise<{ created: boolean; record: RefRecord<T> }> {
  const json = `${JSON.stringify(input.data, null, 2)}\n`;
  // Two calls build the commit: a tree with the content inline (no separate blob), then the commit.
  const { data: tree } = await octokit.rest.git.createTree({
    owner,
    repo,
    tree: [{ path: 'record.json', mode: '100644', type: 'blob', content: json }],
  });
  const { data: commit } = await octokit.rest.git.createCommit({
    owner,
    repo,
    message: `${input.title}\n\n${json}`,
    tree: tree.sha,
    parents: [],
  });
  try {
    await octokit.rest.git.createRef({ owner, repo, ref: input.ref, sha: commit.sha });
    return { created: true, record: { ref: input.ref, commit: commit.sha, data: input.data } };
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    // "Reference already exists": another event (or a redelivery) got there first; keep its record.
    const existing = await readRecord<T>(octokit, { owner, repo }, input.ref);
    if (!existing) throw error;
    return { created: false, record: existing };
  }
}

/** One record, or undefined when the ref does not exist. Two calls: the ref, then its commit. */
export async function readRecord<T>(
  octokit: Octokit,
  coordinates: RepoCoordinates,
  ref: string,
): Promise<RefRecord<T> | undefined> {
  const { owner, repo } = coordinates;
  let sha: string;
  try {
    const { data } = await octokit.rest.git.getRef({ owner, repo, ref: ref.replace(/^refs\//, '') });
    sha = data.object.sha;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
  return recordAt<T>(octokit, coordinates, ref, sha);
}

/** Every record under `prefix` (e.g. `refs/lockstep/freeze/`): one call lists them, one per record reads it. */
export async function listRecords<T>(
  octokit: Octokit,
  coordinates: RepoCoordinates,
  prefix: string,
): Promise<RefRecord<T>[]> {
  const { owner, repo } = coordinates;
  const refs = await octokit.paginate(octokit.rest.git.listMatchingRefs, {
    owner,
    repo,
    ref: prefix.replace(/^refs\//, ''),
    per_page: 100,
  });
  const records = await Promise.all(
    refs
      .filter((r) => r.object.type === 'commit')
      .map((r) => recordAt<T>(octokit, coordinates, r.ref, r.object.sha)),
  );
  return records.filter((r): r is RefRecord<T> => r !== undefined);
}

/** Deletes a record; false when it was already gone (a redelivery, or a racing event). */
export async function deleteRecord(
  octokit: Octokit,
  { owner, repo }: RepoCoordinates,
  ref: string,
): Promise<boolean> {
  try {
    await octokit.rest.git.deleteRef({ owner, repo, ref: ref.replace(/^refs\//, '') });
    return true;
  } catch (error) {
    // GitHub answers 422 "Reference does not exist" (404 on some versions) for a ref already deleted.
    const status = statusOf(error);
    if (status === 422 || status === 404) return false;
    throw error;
  }
}

async function recordAt<T>(
  octokit: Octokit,
  { owner, repo }: RepoCoordinates,
  ref: string,
  sha: string,
): Promise<RefRecord<T> | undefined> {
  const { data } = await octokit.rest.git.getCommit({ owner, repo, commit_sha: sha });
  const parsed = parseRecordMessage<T>(data.message);
  return parsed === undefined ? undefined : { ref, commit: sha, data: parsed };
}

/** The data of a record's commit message (a title, a blank line, JSON); undefined when it is not one. */
export function parseRecordMessage<T>(message: string): T | undefined {
  const blank = message.indexOf('\n\n');
  if (blank < 0) return undefined;
  try {
    return JSON.parse(message.slice(blank + 2)) as T;
  } catch {
    // Not one of ours (someone pushed another commit to the ref): ignore it rather than guess.
    return undefined;
  }
}
