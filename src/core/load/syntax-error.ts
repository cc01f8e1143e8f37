import { LineCounter, parseDocument } from 'yaml';

/** Where and what a syntax error is, in words for the person who wrote the file. */
export interface SyntaxProblem {
  line: number;
  col: number;
  message: string;
}

/**
 * Explains a file the fast parser refused. The `yaml` package reports YAML (and JSON, which is YAML)
 * errors with clearer words than js-yaml or JSON.parse; this keeps its message, moves the position
 * from where the parser gave up to where the mistake is (the unclosed quote or bracket, the first
 * copy of a duplicate key) and says what to do.
 */
export function explainSyntaxError(text: string, findOpener = true): SyntaxProblem | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (!error) return undefined;
  let offset = error.pos[0];
  let message = error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '');
  switch (error.code) {
    case 'MISSING_CHAR':
    case 'BAD_INDENT': {
      const quote = /closing (["'])quote/.exec(message)?.[1];
      const opener =
        quote ?? (/end with a \}/.test(message) ? '{' : /end with a \]/.test(message) ? '[' : undefined);
      if (opener && findOpener) {
        offset = unclosed(text, offset, opener);
        message = quote
          ? `unterminated quoted string: close it with ${quote}`
          : `'${opener}' is not closed: add '${opener === '{' ? '}' : ']'}'`;
      }
      break;
    }
    case 'DUPLICATE_KEY': {
      const key = /^\s*["']?([^"':\n]+)/.exec(text.slice(offset))?.[1]?.trim() ?? '';
      const first = firstKeyLine(text, offset, key);
      message = `duplicate key '${key}'${first ? ` (first at line ${first})` : ''}; keep one`;
      break;
    }
    case 'MULTIPLE_DOCS':
      message =
        "a file holds one document: remove this '---' and what follows, or move it to a file of its own";
      break;
  }
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, col: pos.col, message: message.charAt(0).toLowerCase() + message.slice(1) };
}

/** Offset of the quote or bracket left open before `end` (scanning back, skipping closed pairs). */
function unclosed(text: string, end: number, opener: string): number {
  if (opener === '"' || opener === "'") {
    const at = text.lastIndexOf(opener, end - 1);
    return at >= 0 ? at : end;
  }
  const closer = opener === '{' ? '}' : ']';
  let depth = 0;
  for (let i = Math.min(end, text.length) - 1; i >= 0; i--) {
    if (text[i] === closer) depth++;
    else if (text[i] === opener) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return end;
}

/** 1-based line of the first `key:` at the same indentation before `offset`, if any. */
function firstKeyLine(text: string, offset: number, key: string): number | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const indent = text.slice(lineStart, offset);
  const lines = text.slice(0, lineStart).split('\n');
  const index = lines.findIndex(
    (l) => l.startsWith(`${indent}${key}:`) || l.startsWith(`${indent}"${key}":`),
  );
  return index >= 0 ? index + 1 : undefined;
}
