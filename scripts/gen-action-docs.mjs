// Generates the README's Action usage block (an example step, the inputs table and the outputs table)
// from action.yml, between the markers <!-- action-usage:start --> and <!-- action-usage:end -->, so
// the README cannot document an input the Action does not have. `--check` exits 1 when it is stale.
// Usage: node scripts/gen-action-docs.mjs [--check]
import { readFile, writeFile } from 'node:fs/promises';
import YAML from 'yaml';

const root = new URL('../', import.meta.url);
const readmeFile = new URL('README.md', root);
const START = '<!-- action-usage:start -->';
const END = '<!-- action-usage:end -->';

const action = YAML.parse(await readFile(new URL('action.yml', root), 'utf8'));
const readme = await readFile(readmeFile, 'utf8');

const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) {
  console.error(`README.md lacks the markers ${START} ... ${END}; add them where the usage block goes`);
  process.exit(1);
}

/** One table cell: a single line, pipes escaped. */
const cell = (text) =>
  String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replaceAll('|', '\\|');
const code = (value) => (value === undefined || value === '' ? '' : `\`${value}\``);

const inputs = Object.entries(action.inputs ?? {});
const outputs = Object.entries(action.outputs ?? {});
const block = [
  START,
  '<!-- generated from action.yml by scripts/gen-action-docs.mjs: edit action.yml, then run it -->',
  '',
  '```yaml',
  `- uses: <owner>/lockstep@v1`,
  '  with:',
  '    command: plan',
  '```',
  '',
  '| input | description | default |',
  '| --- | --- | --- |',
  ...inputs.map(
    ([name, spec]) => `| \`${name}\` | ${cell(spec.description)} | ${cell(code(spec.default))} |`,
  ),
  '',
  '| output | description |',
  '| --- | --- |',
  ...outputs.map(([name, spec]) => `| \`${name}\` | ${cell(spec.description)} |`),
  '',
  `Runs on \`${action.runs.using}\` from \`${action.runs.main}\`.`,
  END,
].join('\n');

const next = readme.slice(0, start) + block + readme.slice(end + END.length);
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md action usage is stale: run npm run gen');
    process.exit(1);
  }
  console.log('README.md action usage matches action.yml');
} else if (next !== readme) {
  await writeFile(readmeFile, next);
  console.log('README.md action usage written');
} else {
  console.log('README.md action usage unchanged');
}
