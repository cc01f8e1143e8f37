import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';

/**
 * The project's own workflows (.github/workflows/*.yml) and the example workflows for users
 * (every ```yaml block of docs/workflows.md) are parsed and checked against action.yml: a workflow
 * that GitHub rejects, or a `with:` key the Action does not declare (GitHub only warns about it and
 * the value is silently ignored), would otherwise be found by users, not by CI.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WORKFLOWS_DIR = join(ROOT, '.github', 'workflows');
const DOCS = join(ROOT, 'docs', 'workflows.md');
/** The Action as users reference it in the docs (`<owner>` stands for the repository's owner). */
const LOCKSTEP_USES = /^[^/\s]+\/lockstep@v1$/;
/** The commands the Action accepts (issue 4; SPEC 5 minus the CLI-only ones). */
const COMMANDS = ['compile', 'validate', 'plan', 'deploy', 'report'];

type Mapping = Record<string, unknown>;

interface Workflow {
  /** Where it comes from: a file, or docs/workflows.md with the block's line. */
  name: string;
  text: string;
}

interface Step {
  uses?: string;
  with?: Mapping;
  run?: string;
}

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function projectWorkflows(): Workflow[] {
  return readdirSync(WORKFLOWS_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ name: `.github/workflows/${f}`, text: readFileSync(join(WORKFLOWS_DIR, f), 'utf8') }));
}

/** Every fenced ```yaml block of docs/workflows.md, named by the line it starts on. */
function documentedWorkflows(): Workflow[] {
  const lines = readFileSync(DOCS, 'utf8').split('\n');
  const blocks: Workflow[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i] ?? '')) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end] ?? '')) end++;
    blocks.push({ name: `docs/workflows.md:${start}`, text: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** Parses strictly: any YAML error or warning (duplicate keys included) fails. */
function parseWorkflow(w: Workflow): Mapping {
  const doc = parseDocument(w.text, { uniqueKeys: true, prettyErrors: true });
  const problems = [...doc.errors, ...doc.warnings].map((e) => e.message);
  expect(problems, `${w.name}: YAML problems`).toEqual([]);
  const value = doc.toJS() as unknown;
  expect(isMapping(value), `${w.name}: a workflow is a mapping`).toBe(true);
  return value as Mapping;
}

function jobsOf(workflow: Mapping): [string, Mapping][] {
  const jobs = workflow.jobs;
  return isMapping(jobs) ? Object.entries(jobs).map(([id, job]) => [id, isMapping(job) ? job : {}]) : [];
}

function stepsOf(job: Mapping): Step[] {
  return Array.isArray(job.steps) ? (job.steps.filter(isMapping) as Step[]) : [];
}

const lockstepSteps = (job: Mapping) => stepsOf(job).filter((s) => LOCKSTEP_USES.test(String(s.uses ?? '')));

/** What action.yml declares. */
interface ActionInterface {
  inputs: Set<string>;
  outputs: Set<string>;
}

/**
 * Every problem of one parsed workflow, as sentences: jobs without runs-on or steps, undeclared
 * permissions, inputs action.yml does not declare, unknown commands, outputs it does not set, deploy
 * jobs outside a per-environment concurrency group or without write permissions.
 */
function workflowProblems(workflow: Mapping, action: ActionInterface): string[] {
  const problems: string[] = [];
  // YAML 1.2 (the yaml package's default, like GitHub's parser): `on` is a string key, not true.
  if (!('on' in workflow)) problems.push("no 'on'");
  const jobs = jobsOf(workflow);
  if (!jobs.length) problems.push("no 'jobs'");
  for (const [id, job] of jobs) {
    if (!job['runs-on']) problems.push(`job ${id}: no runs-on`);
    if (!stepsOf(job).length) problems.push(`job ${id}: no steps`);
    for (const step of stepsOf(job))
      if (Boolean(step.uses) === Boolean(step.run)) problems.push(`job ${id}: a step needs uses or run`);

    const permissions = job.permissions ?? workflow.permissions;
    if (!isMapping(permissions)) problems.push(`job ${id}: no permissions (workflow or job level)`);
    else
      for (const [scope, level] of Object.entries(permissions))
        if (!['read', 'write', 'none'].includes(String(level)))
          problems.push(`job ${id}: permission ${scope}: ${String(level)}`);

    for (const step of lockstepSteps(job)) {
      for (const key of Object.keys(step.with ?? {}))
        if (!action.inputs.has(key)) problems.push(`job ${id}: input '${key}' is not in action.yml`);
      const command = step.with?.command;
      if (!COMMANDS.includes(String(command))) problems.push(`job ${id}: command '${String(command)}'`);
      if (command === 'deploy') problems.push(...deployJobProblems(id, job, step, workflow));
    }
  }
  problems.push(...outputProblems(workflow, action));
  return problems;
}

/** A deploy job: one group per environment, never cancelled, with the writes it needs. */
function deployJobProblems(id: string, job: Mapping, step: Step, workflow: Mapping): string[] {
  const problems: string[] = [];
  const environments = String(step.with?.environments ?? '').trim();
  if (!environments) problems.push(`job ${id}: a deploy must name its environment`);
  const concurrency = job.concurrency;
  if (!isMapping(concurrency)) {
    problems.push(`job ${id}: a deploy job needs concurrency: {group, cancel-in-progress: false}`);
  } else {
    // The same expression (or name) as the deployed environment: one group per environment.
    if (!environments || !String(concurrency.group ?? '').includes(environments))
      problems.push(`job ${id}: the concurrency group does not contain the environment '${environments}'`);
    if (concurrency['cancel-in-progress'] !== false)
      problems.push(`job ${id}: cancel-in-progress must be false (a cancelled deploy stops halfway)`);
  }
  const permissions = job.permissions ?? workflow.permissions;
  const granted = isMapping(permissions) ? permissions : {};
  for (const scope of ['contents', 'deployments'])
    if (granted[scope] !== 'write') problems.push(`job ${id}: a deploy needs ${scope}: write`);
  return problems;
}

/** `steps.<id>.outputs.<name>` of a Lockstep step must name an output of action.yml. */
function outputProblems(workflow: Mapping, action: ActionInterface): string[] {
  const ids = new Set(
    jobsOf(workflow).flatMap(([, job]) => lockstepSteps(job).map((s) => String((s as Mapping).id ?? ''))),
  );
  const text = JSON.stringify(workflow);
  const problems = new Set<string>();
  for (const m of text.matchAll(/steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
    const [, stepId = '', name = ''] = m;
    if (ids.has(stepId) && !action.outputs.has(name))
      problems.add(`steps.${stepId}.outputs.${name}: '${name}' is not an output of action.yml`);
  }
  return [...problems];
}

function actionInterface(): ActionInterface {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs?: Mapping;
    outputs?: Mapping;
  };
  return {
    inputs: new Set(Object.keys(action.inputs ?? {})),
    outputs: new Set(Object.keys(action.outputs ?? {})),
  };
}

const ALL = [...projectWorkflows(), ...documentedWorkflows()];

describe('workflows', () => {
  it('finds the project workflows and the three documented ones', () => {
    const names = projectWorkflows().map((w) => w.name);
    expect(names).toEqual(
      expect.arrayContaining(['.github/workflows/check-dist.yml', '.github/workflows/ci.yml']),
    );
    const commands = documentedWorkflows().flatMap((w) =>
      jobsOf(parseWorkflow(w)).flatMap(([, job]) => lockstepSteps(job).map((s) => String(s.with?.command))),
    );
    expect(new Set(commands)).toEqual(new Set(['validate', 'plan', 'deploy', 'report']));
  });

  it.each(ALL.map((w) => [w.name, w] as const))('%s is valid and fits action.yml', (_name, w) => {
    expect(workflowProblems(parseWorkflow(w), actionInterface())).toEqual([]);
  });

  it('finds each kind of problem (the checks above can fail)', () => {
    const bad = parseWorkflow({
      name: 'bad',
      text: [
        'name: bad',
        'on: push',
        'jobs:',
        '  deploy:',
        '    runs-on: ubuntu-latest',
        '    concurrency: { group: lockstep-deploy, cancel-in-progress: true }',
        '    steps:',
        '      - id: d',
        '        uses: acme/lockstep@v1',
        '        with: { command: deploy, environments: prod, colour: blue }',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, not a template
        '      - run: echo ${{ steps.d.outputs.nope }}',
        '      - uses: acme/lockstep@v1',
        '        with: { command: rollback }',
        '  empty:',
        '    permissions: { contents: admin }',
        '    steps: []',
      ].join('\n'),
    });
    expect(workflowProblems(bad, actionInterface())).toEqual([
      'job deploy: no permissions (workflow or job level)',
      "job deploy: input 'colour' is not in action.yml",
      "job deploy: the concurrency group does not contain the environment 'prod'",
      'job deploy: cancel-in-progress must be false (a cancelled deploy stops halfway)',
      'job deploy: a deploy needs contents: write',
      'job deploy: a deploy needs deployments: write',
      "job deploy: command 'rollback'",
      'job empty: no runs-on',
      'job empty: no steps',
      'job empty: permission contents: admin',
      "steps.d.outputs.nope: 'nope' is not an output of action.yml",
    ]);
    expect(
      workflowProblems(parseWorkflow({ name: 'no jobs', text: 'name: x\n' }), actionInterface()),
    ).toEqual(["no 'on'", "no 'jobs'"]);
  });

  it('rejects invalid YAML and duplicate keys', () => {
    for (const text of ['on: push\njobs: {\n', 'on: push\non: pull_request\njobs: {}\n']) {
      const doc = parseDocument(text, { uniqueKeys: true });
      expect(doc.errors.length + doc.warnings.length, text).toBeGreaterThan(0);
    }
  });
});
