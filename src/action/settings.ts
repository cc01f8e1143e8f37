import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { LockstepError } from '../core/errors.js';
import { DEFAULT_OVERDUE_DAYS } from '../core/report/overdue-critical.js';

/** The commands this version of the Action accepts (`command` input). */
export const ACTION_COMMANDS = ['compile', 'validate', 'plan', 'deploy', 'report'] as const;
export type ActionCommand = (typeof ACTION_COMMANDS)[number];

/** The formats of `report` (`report-format`). */
export const REPORT_FORMATS = ['md', 'json', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Environment names, as schemas/common.schema.json defines them. */
const ENV_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
/** Deploy tag prefixes, as schemas/settings.schema.json defines them. */
const TAG_PREFIX = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Everything the Action takes from its inputs and the runner's variables, read once and checked. */
export interface Settings {
  /** What to run (`command`). */
  command: ActionCommand;
  /** Environments to cover (`environments`); empty means all. */
  environments: string[];
  /** Absolute path of the deployment repository (`root`, resolved against the workspace). */
  root: string;
  /** `root` relative to the workspace (the checkout) with forward slashes, '' when equal: annotations and
   * reads at deploy tags (whole-repository snapshots) need it. */
  rootInWorkspace: string;
  /** Token for the GitHub API (`token`). */
  token: string;
  /** REST API base url (`github-api-url`). */
  apiUrl: string;
  /** Deploy tag prefix (`tag-prefix`); absent: from .github/lockstep.yml. */
  tagPrefix?: string;
  /** The repository the workflow runs in (GITHUB_REPOSITORY). */
  repository: { owner: string; repo: string };
  /** The commit the workflow runs on (GITHUB_SHA), when known. */
  sha?: string;
  /** Link to the workflow run, when the runner says where it is. */
  runUrl?: string;
  /** Path of the webhook event payload (GITHUB_EVENT_PATH), when known. */
  eventPath?: string;
  /** deploy: redeploy the last deploy tag when the driver or the health check fails (`rollback-on-failure`). */
  rollbackOnFailure: boolean;
  /** deploy: the Deployment statuses' log link (`log-url`, else the run's URL). */
  logUrl?: string;
  /** report: the format (`report-format`). */
  reportFormat: ReportFormat;
  /** report: absolute path the json or html report is written to (`report-path`, against the workspace). */
  reportPath: string;
  /** report: critical advisories published more than this many days ago and still deployed are
   * overdue (`overdue-days`, default 7). */
  overdueDays: number;
}

/** Reads one input by its action.yml name; '' when not given (like core.getInput). */
export type InputReader = (name: string) => string;
/** The runner's variables (process.env in main.ts; a plain object in tests). */
export type ActionEnv = Readonly<Record<string, string | undefined>>;

/**
 * Reads and checks every input and runner variable at once. All problems are reported together, each
 * naming the input and the form it expects. An empty input counts as absent (changesets/action).
 */
export function readSettings(input: InputReader, env: ActionEnv, cwd: string): Settings {
  const problems: string[] = [];
  const get = (name: string): string | undefined => input(name).trim() || undefined;

  // Absent means the default of action.yml, so a direct `node dist/action.js` behaves like the runner.
  const commandValue = get('command') ?? 'validate';
  let command: ActionCommand = 'validate';
  if ((ACTION_COMMANDS as readonly string[]).includes(commandValue)) {
    command = commandValue as ActionCommand;
  } else {
    problems.push(`input 'command' is '${commandValue}': expected one of ${ACTION_COMMANDS.join(', ')}`);
  }

  const environments = splitList(get('environments') ?? '');
  const badNames = environments.filter((n) => !ENV_NAME.test(n));
  if (badNames.length) {
    problems.push(
      `input 'environments' has invalid name(s) ${badNames.map((n) => `'${n}'`).join(', ')}: names are lower-case letters, digits, '.', '_' and '-', separated by commas or new lines`,
    );
  }

  if (command === 'deploy' && environments.length !== 1) {
    problems.push(
      `input 'environments' ${environments.length ? `names ${environments.length} environments` : 'is empty'}: deploy takes exactly one environment, such as environments: staging (use a matrix to deploy several)`,
    );
  }
  if (command === 'deploy' && !env.GITHUB_SHA)
    problems.push('variable GITHUB_SHA is not set: deploy needs the commit to deploy (the runner sets it)');

  const rollbackValue = get('rollback-on-failure') ?? 'false';
  const rollbackOnFailure = /^(true|True|TRUE)$/.test(rollbackValue);
  if (!rollbackOnFailure && !/^(false|False|FALSE)$/.test(rollbackValue))
    problems.push(`input 'rollback-on-failure' is '${rollbackValue}': expected true or false`);

  const logUrlValue = get('log-url');
  if (logUrlValue !== undefined && !/^https?:\/\/\S+$/.test(logUrlValue))
    problems.push(`input 'log-url' is '${logUrlValue}': expected an http(s) URL (default: the run's URL)`);

  const formatValue = get('report-format') ?? 'md';
  const reportFormat = (REPORT_FORMATS as readonly string[]).includes(formatValue)
    ? (formatValue as ReportFormat)
    : 'md';
  if (reportFormat !== formatValue)
    problems.push(`input 'report-format' is '${formatValue}': expected one of ${REPORT_FORMATS.join(', ')}`);

  const overdueValue = get('overdue-days') ?? String(DEFAULT_OVERDUE_DAYS);
  const overdueDays = /^\d+$/.test(overdueValue) ? Number(overdueValue) : Number.NaN;
  if (!Number.isSafeInteger(overdueDays))
    problems.push(
      `input 'overdue-days' is '${overdueValue}': expected a whole number of days, 0 or more (default ${DEFAULT_OVERDUE_DAYS})`,
    );

  const workspace = env.GITHUB_WORKSPACE || cwd;
  const reportPath = resolve(workspace, get('report-path') ?? `lockstep-report.${reportFormat}`);
  const rootValue = get('root') ?? '.';
  const root = resolve(workspace, rootValue);
  if (!isDirectory(root)) problems.push(`input 'root' is '${rootValue}': no such folder (${root})`);
  const inWorkspace = relative(workspace, root);
  const rootInWorkspace =
    inWorkspace.startsWith('..') || isAbsolute(inWorkspace) ? '' : inWorkspace.split(sep).join('/');

  const token = get('token') ?? '';
  if (!token) {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the workflow expression users write
    problems.push("input 'token' is empty: pass token: ${{ github.token }} or a PAT");
  }

  const apiUrl = (get('github-api-url') ?? env.GITHUB_API_URL ?? 'https://api.github.com').replace(
    /\/+$/,
    '',
  );
  if (!/^https?:\/\/[^\s]+$/.test(apiUrl))
    problems.push(
      `input 'github-api-url' is '${apiUrl}': expected an http(s) URL such as https://api.github.com`,
    );

  const tagPrefix = get('tag-prefix');
  if (tagPrefix !== undefined && !TAG_PREFIX.test(tagPrefix)) {
    problems.push(
      `input 'tag-prefix' is '${tagPrefix}': expected letters, digits, '.', '_' or '-' (no '/'), such as deploy`,
    );
  }

  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || rest.length) {
    problems.push(
      `variable GITHUB_REPOSITORY is '${env.GITHUB_REPOSITORY ?? ''}': expected owner/repo (the runner sets it)`,
    );
  }

  if (problems.length) {
    throw new LockstepError('E_USAGE', `invalid action input:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
  const server = env.GITHUB_SERVER_URL?.replace(/\/+$/, '');
  const runUrl =
    server && env.GITHUB_RUN_ID ? `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  const logUrl = logUrlValue ?? runUrl;
  return {
    command,
    environments,
    root,
    rootInWorkspace,
    token,
    apiUrl,
    ...(tagPrefix ? { tagPrefix } : {}),
    repository: { owner: owner!, repo: repo! },
    ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
    ...(runUrl ? { runUrl } : {}),
    ...(env.GITHUB_EVENT_PATH ? { eventPath: env.GITHUB_EVENT_PATH } : {}),
    rollbackOnFailure,
    ...(logUrl ? { logUrl } : {}),
    reportFormat,
    reportPath,
    overdueDays,
  };
}

/** Splits a list given on several lines or with commas; blanks are dropped, duplicates kept once. */
export function splitList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
