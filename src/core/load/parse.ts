import { load as loadYaml } from 'js-yaml';
import type { Diagnostic } from '../errors.js';
import type { SourceFile } from './source.js';

/** Files larger than this are refused before parsing (a catalog of 1,000 capabilities is ~11 MB). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Aliases (`*ref`) allowed in one YAML file. */
export const MAX_ALIASES = 1000;
/** Nodes a document may grow to once aliases are expanded: refuses "billion laughs" documents. */
export const MAX_EXPANDED_NODES = 4_000_000;
const MAX_DEPTH = 64;

/** Parsed value, or the reasons it could not be parsed. */
export type ParseResult = { ok: true; value: unknown } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Parses a YAML (1.2 core schema) or JSON file into plain data. This is the fast path: js-yaml and
 * JSON.parse keep no source positions, which are computed only for messages (ADR 0002).
 */
export function parseSource(source: SourceFile): ParseResult {
  const fail = (line: number, col: number, message: string): ParseResult => ({
    ok: false,
    diagnostics: [{ file: source.path, line, col, field: '', message }],
  });
  if (source.text.length > MAX_FILE_BYTES) {
    return fail(0, 0, `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; split it into several files`);
  }
  if (source.text.trim() === '') return fail(1, 1, 'file is empty');
  if (source.path.endsWith('.json')) return parseJson(source, fail);
  let value: unknown;
  try {
    value = loadYaml(source.text, { filename: source.path, maxAliases: MAX_ALIASES, maxDepth: MAX_DEPTH });
  } catch (error) {
    const e = error as { reason?: string; mark?: { line: number; column: number } };
    const reason = e.reason ?? (error instanceof Error ? error.message : String(error));
    return fail((e.mark?.line ?? 0) + 1, (e.mark?.column ?? 0) + 1, `invalid YAML: ${reason}`);
  }
  // An anchor is needed for an alias; only then can shared nodes multiply on expansion.
  if (source.text.includes('&') && expandedSize(value) > MAX_EXPANDED_NODES) {
    return fail(
      1,
      1,
      `YAML aliases expand to more than ${MAX_EXPANDED_NODES} nodes; write the data out instead`,
    );
  }
  return { ok: true, value };
}

function parseJson(
  source: SourceFile,
  fail: (line: number, col: number, m: string) => ParseResult,
): ParseResult {
  try {
    return { ok: true, value: JSON.parse(source.text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    const { line, col } = at ? lineCol(source.text, Number(at[1])) : { line: 1, col: 1 };
    return fail(line, col, `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`);
  }
}

function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

/** Node count with shared (aliased) subtrees counted once per reference, memoised per object. */
function expandedSize(root: unknown): number {
  const memo = new Map<object, number>();
  const size = (node: unknown): number => {
    if (node === null || typeof node !== 'object') return 1;
    const known = memo.get(node);
    if (known !== undefined) return known;
    let total = 1;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      total += size(child);
      if (total > MAX_EXPANDED_NODES) break;
    }
    memo.set(node, total);
    return total;
  };
  return size(root);
}
