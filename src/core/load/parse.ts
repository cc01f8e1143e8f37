import { load as loadYaml } from 'js-yaml';
import type { Diagnostic } from '../errors.js';
import type { SourceFile } from './source.js';
import { explainSyntaxError } from './syntax-error.js';

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
  if (utf8Length(source.text) > MAX_FILE_BYTES) {
    return fail(0, 0, `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; split it into several files`);
  }
  // A byte order mark is an encoding detail, not content (JSON.parse would refuse it).
  const text = source.text.charCodeAt(0) === 0xfeff ? source.text.slice(1) : source.text;
  if (text.trim() === '') return fail(1, 1, 'file is empty');
  if (source.path.endsWith('.json')) {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (error) {
      // Node's message ends in a quoted excerpt over several lines; the position says more.
      const message = error instanceof Error ? error.message : String(error);
      const reason = message.replace(/,\s*(\.\.\.)?".*$|\s+in JSON at position[\s\S]*$/s, '');
      // Some Node messages give the offset; otherwise `yaml` finds the place (JSON is YAML).
      const offset = /position (\d+)/.exec(message)?.[1];
      const where = offset !== undefined ? lineCol(text, Number(offset)) : explainSyntaxError(text, false);
      return fail(where?.line ?? 1, where?.col ?? 1, `invalid JSON: ${reason}`);
    }
  }
  let value: unknown;
  try {
    value = loadYaml(text, { filename: source.path, maxAliases: MAX_ALIASES, maxDepth: MAX_DEPTH });
  } catch (error) {
    const e = error as { reason?: string; mark?: { line: number; column: number } };
    const reason = e.reason ?? (error instanceof Error ? error.message : String(error));
    if (/maxAliases/.test(reason))
      return fail(1, 1, `more than ${MAX_ALIASES} aliases in one file; write the data out instead`);
    if (/maxDepth|nesting/.test(reason))
      return fail(
        (e.mark?.line ?? 0) + 1,
        (e.mark?.column ?? 0) + 1,
        `nested deeper than ${MAX_DEPTH} levels`,
      );
    const where = explainSyntaxError(text);
    if (where) return fail(where.line, where.col, `invalid YAML: ${where.message}`);
    return fail((e.mark?.line ?? 0) + 1, (e.mark?.column ?? 0) + 1, `invalid YAML: ${reason}`);
  }
  // An anchor is needed for an alias; only then can shared nodes multiply on expansion.
  if (text.includes('&') && expandedSize(value) > MAX_EXPANDED_NODES) {
    return fail(
      1,
      1,
      `YAML aliases expand to more than ${MAX_EXPANDED_NODES} nodes; write the data out instead`,
    );
  }
  return { ok: true, value };
}

/** 1-based line and column of an offset. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

/** UTF-8 length of a text; counted only when it could matter, since most files are far below. */
function utf8Length(text: string): number {
  if (text.length * 3 <= MAX_FILE_BYTES) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair (two UTF-16 units) is one 4-byte character.
    const pair = c >= 0xd800 && c < 0xdc00;
    if (pair) i++;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
  }
  return bytes;
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
