import { isMap, isScalar, type Node, parseDocument, stringify } from 'yaml';
import { LockstepError } from '../errors.js';

/** The `hold` a rollback sets (schemas/environment.schema.json): why, and since when (a date). */
export interface Hold {
  reason: string;
  /** `YYYY-MM-DD`. */
  since: string;
}

/**
 * The environment file's text with `hold` set: the bytes as they were, plus the hold block
 * (replacing the file's own hold, if it had one), so a rollback changes nothing else in the file:
 * comments, key order and formatting stay as at the tag.
 */
export function withHold(text: string, hold: Hold, path: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents))
    throw new LockstepError('E_STATE', `${path} at that tag is not a valid environment file`);
  // lineWidth 0: a long reason stays on one line instead of being folded.
  const block = stringify({ hold: { reason: hold.reason, since: hold.since } }, { lineWidth: 0 });
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'hold');
  const start = (pair?.key as Node | undefined)?.range?.[0];
  const end = (pair?.value as Node | undefined)?.range?.[2];
  if (start === undefined || end === undefined) return `${text}${text.endsWith('\n') ? '' : '\n'}${block}`;
  const rest = text.slice(end);
  return `${text.slice(0, start)}${block}${rest.startsWith('\n') ? rest.slice(1) : rest}`;
}
