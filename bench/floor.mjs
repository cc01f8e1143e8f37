// The benchmark floor: what any compile must at least do with the same input, without YAML and without
// compiling. Reads the JSON catalog (catalog/*.json) and a JSON rendering of the environment configs
// (.bench-floor/environments/*.json, written by bench/generate.mjs with the same data as
// environments/*.yaml; Lockstep itself only reads the YAML files) and JSON.parses each file.
//
//   node bench/floor.mjs DIR      (DIR: a repository generated with --format json)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node bench/floor.mjs DIR');
  process.exit(2);
}
let items = 0;
for (const sub of ['catalog', join('.bench-floor', 'environments')]) {
  const folder = join(dir, sub);
  for (const f of readdirSync(folder).sort()) {
    if (!f.endsWith('.json')) continue;
    const data = JSON.parse(readFileSync(join(folder, f), 'utf8'));
    items += Object.keys(data).length;
  }
}
if (items === 0) {
  console.error(`floor: no JSON files under ${dir}`);
  process.exit(1);
}
