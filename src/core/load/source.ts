import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { Diagnostic } from '../errors.js';

/** A file's text as read from a repository; the core never reads files itself. */
export interface SourceFile {
  /** Repository-relative path, used in every message. */
  path: string;
  text: string;
}

/** A path into a parsed document: keys and indices. */
export type FieldPath = readonly (string | number)[];

/** Renders a field path as users write it: `pins.capabilities.payments`, `freeze[0].until`. */
export function fieldName(path: FieldPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

/**
 * Finds the line and column of a field. Positions are computed only when a message needs one: the
 * fast path parses without them (ADR 0002), so this parses the text again with `yaml`, which keeps
 * source ranges. JSON is YAML, so one routine serves both. `key` points at the key rather than the value.
 */
export function locate(source: SourceFile, path: FieldPath, key = false): { line: number; col: number } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, uniqueKeys: false });
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(part),
      );
      if (!pair) break;
      const keyStart = rangeStart(pair.key);
      offset = (last && key ? keyStart : (rangeStart(pair.value) ?? keyStart)) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else break;
  }
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, col: pos.col };
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

/** A diagnostic at a field of a file. */
export function diagnosticAt(source: SourceFile, path: FieldPath, message: string, key = false): Diagnostic {
  const { line, col } = locate(source, path, key);
  return { file: source.path, line, col, field: fieldName(path), message };
}
