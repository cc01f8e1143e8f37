// Fallback peak-memory probe for bench/run.mjs when /usr/bin/time is missing: loaded with
// `node --import`, it writes the process's maximum resident set size (kB) to $LOCKSTEP_BENCH_RSS_FILE
// when the process exits (process.exit() included).
import { writeFileSync } from 'node:fs';

const out = process.env.LOCKSTEP_BENCH_RSS_FILE;
if (out) process.on('exit', () => writeFileSync(out, `${process.resourceUsage().maxRSS}\n`));
