import type { BotContext } from '../bot-context.js';

/** The check run with the verdict (SPEC 6). */
export const POLICY_CHECK = 'lockstep/policy';
/** The check run with the approvals (SPEC 6). */
export const APPROVAL_CHECK = 'lockstep/approval';

/** GitHub takes at most 50 annotations per create or update request. */
const ANNOTATIONS_PER_REQUEST = 50;

/** A check run annotation, as the checks API takes it. */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

/** What a check run says. `action_required` and `failure` keep a required check from passing. */
export interface CheckOutput {
  conclusion: 'success' | 'failure' | 'action_required';
  title: string;
  summary: string;
  annotations: readonly Annotation[];
  /** Where "Details" leads (the pull request), for an action_required run. */
  detailsUrl?: string;
}

/** One of the bot's own check runs on a commit, as listed. */
export interface OwnRun {
  id: number;
  name: string;
  conclusion: string | null;
  title: string;
  summary: string;
  annotationsCount: number;
}

/**
 * The bot's own Lockstep check runs on `sha`, newest first, in one call (both names at once).
 * `appId` keeps out runs another app or a workflow created under the same name: those must never be
 * trusted (recompute-approval reads its requirements from the policy run) nor updated.
 */
export async function ownCheckRuns(
  ctx: BotContext,
  sha: string,
  appId: number | undefined,
): Promise<OwnRun[]> {
  const { owner, repo } = ctx.coordinates;
  const { data } = await ctx.octokit.rest.checks.listForRef({
    owner,
    repo,
    ref: sha,
    filter: 'all',
    per_page: 100,
    ...(appId !== undefined ? { app_id: appId } : {}),
  });
  return data.check_runs
    .filter((r) => r.name === POLICY_CHECK || r.name === APPROVAL_CHECK)
    .filter((r) => appId === undefined || r.app?.id === appId)
    .sort((a, b) => b.id - a.id)
    .map((r) => ({
      id: r.id,
      name: r.name,
      conclusion: r.conclusion,
      title: r.output.title ?? '',
      summary: r.output.summary ?? '',
      annotationsCount: r.output.annotations_count,
    }));
}

/**
 * Sets check run `name` on `sha` to `output`: creates it when the bot has none there, else updates
 * every run of that name it has (normally one; two racing first deliveries may both have created
 * one, and updating both keeps them from disagreeing). A run that already says exactly this is not
 * touched, so a redelivered webhook writes nothing. Returns the runs as they now are, and whether
 * anything was written.
 */
export async function writeCheckRun(
  ctx: BotContext,
  sha: string,
  name: string,
  existing: readonly OwnRun[],
  output: CheckOutput,
): Promise<{ runs: OwnRun[]; wrote: boolean }> {
  const { owner, repo } = ctx.coordinates;
  const text = { title: output.title, summary: output.summary };
  const details = output.detailsUrl !== undefined ? { details_url: output.detailsUrl } : {};
  const batches = chunk(output.annotations, ANNOTATIONS_PER_REQUEST);
  const after = (id: number): OwnRun => ({
    id,
    name,
    conclusion: output.conclusion,
    ...text,
    annotationsCount: output.annotations.length,
  });
  /** GitHub appends annotations on each update: the rest go 50 at a time after the first request. */
  const rest = async (id: number, from: readonly Annotation[][]) => {
    for (const annotations of from)
      await ctx.octokit.rest.checks.update({
        owner,
        repo,
        check_run_id: id,
        output: { ...text, annotations },
      });
  };
  /**
   * The API cannot remove annotations and appends what an update sends: a run that has some (its
   * content changed since, e.g. a new deploy tag) gets only those it lacks. Rare, so one more call.
   */
  const missing = async (id: number): Promise<Annotation[]> => {
    if (!output.annotations.length) return [];
    const have = await ctx.octokit.paginate(ctx.octokit.rest.checks.listAnnotations, {
      owner,
      repo,
      check_run_id: id,
      per_page: 100,
    });
    const keys = new Set(have.map((a) => `${a.path}:${a.start_line}:${a.message}`));
    return output.annotations.filter((a) => !keys.has(`${a.path}:${a.start_line}:${a.message}`));
  };
  const runs = existing.filter((r) => r.name === name);
  if (!runs.length) {
    const { data } = await ctx.octokit.rest.checks.create({
      owner,
      repo,
      name,
      head_sha: sha,
      status: 'completed',
      conclusion: output.conclusion,
      ...details,
      output: { ...text, annotations: batches[0] ?? [] },
    });
    await rest(data.id, batches.slice(1));
    return { runs: [after(data.id)], wrote: true };
  }
  const stale = runs.filter(
    (r) => r.conclusion !== output.conclusion || r.title !== output.title || r.summary !== output.summary,
  );
  await Promise.all(
    stale.map(async (run) => {
      const send =
        run.annotationsCount === 0 ? batches : chunk(await missing(run.id), ANNOTATIONS_PER_REQUEST);
      await ctx.octokit.rest.checks.update({
        owner,
        repo,
        check_run_id: run.id,
        status: 'completed',
        conclusion: output.conclusion,
        ...details,
        output: { ...text, annotations: send[0] ?? [] },
      });
      await rest(run.id, send.slice(1));
    }),
  );
  return {
    runs: runs.map((r) => (stale.includes(r) ? after(r.id) : r)),
    wrote: stale.length > 0,
  };
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
