import type { ErrorObject, ValidateFunction } from 'ajv';
import { closest } from '../did-you-mean.js';
import type { Diagnostic } from '../errors.js';
import * as compiled from '../generated/validators.js';
import { diagnosticAt, type FieldPath, locate, type SourceFile } from './source.js';

/** The document kinds Lockstep reads. */
export type DocumentKind = 'catalog' | 'environment' | 'manifest' | 'settings';

/** Compiled validators, one per document kind. Create once per process and pass around. */
export type Validators = Record<DocumentKind, ValidateFunction>;

/**
 * The validators of the JSON Schemas in schemas/, compiled ahead of time by scripts/gen-validators.mjs
 * (ADR 0008): nothing is compiled at run time.
 */
export function createValidators(): Validators {
  return {
    catalog: compiled.catalog,
    environment: compiled.environment,
    manifest: compiled.manifest,
    settings: compiled.settings,
  };
}

/** Checks a parsed document; returns one diagnostic per problem, with line and column. */
export function checkSchema(
  validators: Validators,
  kind: DocumentKind,
  value: unknown,
  source: SourceFile,
): Diagnostic[] {
  const validate = validators[kind];
  if (validate(value)) return [];
  return explainErrors(validate.errors ?? [], value, source);
}

function explainErrors(errors: readonly ErrorObject[], value: unknown, source: SourceFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  // Errors of the branches of a oneOf are noise once the oneOf itself is reported.
  const oneOfPaths = errors
    .filter((e) => e.keyword === 'oneOf')
    .map((e) => `${e.instancePath}|${e.schemaPath}/`);
  // A missing field that a typo next to it explains is said once, by the typo's message.
  const explained = new Set(
    errors
      .filter((e) => e.keyword === 'additionalProperties')
      .map((e) => {
        const allowed = Object.keys(objectAt(e.parentSchema?.properties));
        return `${e.instancePath}|${closest(String((e.params as Record<string, unknown>).additionalProperty), allowed)}`;
      }),
  );
  for (const error of errors) {
    // 'if' only selects a branch; 'propertyNames' repeats what its sub-error says about the key.
    if (error.keyword === 'if' || error.keyword === 'propertyNames') continue;
    const missing = (error.params as Record<string, unknown>).missingProperty;
    if (error.keyword === 'required' && explained.has(`${error.instancePath}|${String(missing)}`)) continue;
    if (oneOfPaths.some((p) => `${error.instancePath}|${error.schemaPath}`.startsWith(p))) continue;
    const path = toPath(error.instancePath, value);
    const { message, at, key } = describe(error, path, value, source);
    const d = diagnosticAt(source, at, message, key);
    const id = `${d.line}:${d.col}:${d.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(d);
    }
  }
  return out;
}

function describe(
  error: ErrorObject,
  path: FieldPath,
  root: unknown,
  source: SourceFile,
): { message: string; at: FieldPath; key: boolean } {
  const field = path.length ? pathText(path) : 'the document';
  const data = valueAt(root, path);
  const params = error.params as Record<string, unknown>;
  const propertyName = (error as { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    const at = [...path, propertyName];
    return { message: `${pathText(at)}: '${propertyName}' is not a valid name: ${NAME_RULE}`, at, key: true };
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const at = [...path, name];
      const allowed = Object.keys(objectAt(error.parentSchema?.properties));
      const guess = closest(name, allowed);
      const hint = guess
        ? `; did you mean '${guess}'?`
        : allowed.length
          ? ` (allowed: ${allowed.join(', ')})`
          : '';
      return { message: `${pathText(at)}: unknown field '${name}'${hint}`, at, key: true };
    }
    case 'required':
      return {
        message: `${field}: missing required field '${String(params.missingProperty)}'`,
        at: path,
        key: false,
      };
    case 'enum':
      return {
        message: `${field}: ${show(data)} is not allowed; use one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`,
        at: path,
        key: false,
      };
    case 'const':
      return {
        message: `${field}: must be ${show(params.allowedValue)}, got ${show(data)}`,
        at: path,
        key: false,
      };
    case 'type':
      return {
        message: `${field}: must be ${article(String(params.type))}, got ${show(data)}${quoteHint(error, data, path, source)}`,
        at: path,
        key: false,
      };
    case 'minimum':
    case 'maximum':
      return {
        message: `${field}: must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params.limit)}, got ${show(data)}`,
        at: path,
        key: false,
      };
    case 'uniqueItems': {
      const items = Array.isArray(data) ? data : [];
      return {
        message: `${field}: lists ${show(items[Number(params.j)])} twice; keep one`,
        at: [...path, Number(params.i)],
        key: false,
      };
    }
    case 'minItems':
      return { message: `${field}: must list at least ${String(params.limit)}`, at: path, key: false };
    case 'minLength':
      return { message: `${field}: must not be empty`, at: path, key: false };
    case 'maxLength':
      return {
        message: `${field}: is longer than ${String(params.limit)} characters; shorten it`,
        at: path,
        key: false,
      };
    case 'format':
      return {
        message: `${field}: ${show(data)} ${FORMAT_RULES[String(params.format)] ?? `is not a valid ${String(params.format)}`}`,
        at: path,
        key: false,
      };
    case 'pattern':
    case 'not':
      return {
        message: `${field}: ${show(data)} ${isNameField(error) ? `is not a valid name: ${NAME_RULE}` : `does not match ${String(params.pattern ?? 'the expected form')}`}`,
        at: path,
        key: false,
      };
    case 'oneOf':
      return {
        message: `${field}: an advisory names exactly one of 'capability', 'suite' or 'platform: true'`,
        at: path,
        key: false,
      };
    default:
      return { message: `${field}: ${error.message ?? 'is invalid'}`, at: path, key: false };
  }
}

/**
 * A number where a string belongs: YAML read `1.10` as the number 1.1, so quote the text as written,
 * and for a version say the form it needs.
 */
function quoteHint(error: ErrorObject, data: unknown, path: FieldPath, source: SourceFile): string {
  if (error.params.type !== 'string' || typeof data !== 'number') return '';
  const { line, col } = locate(source, path);
  const raw =
    /^[^\s,}\]#]+/.exec(source.text.split('\n')[line - 1]?.slice(col - 1) ?? '')?.[0] ?? String(data);
  const format = (error.parentSchema as { format?: string } | undefined)?.format;
  if (format === 'semver') {
    const parts = raw.split('.');
    while (parts.length < 3) parts.push('0');
    return `; write the version in quotes as MAJOR.MINOR.PATCH, for example "${parts.slice(0, 3).join('.')}"`;
  }
  return ` (write it in quotes: "${raw}")`;
}

const NAME_RULE =
  "use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit (not 'constructor' or 'prototype')";
const FORMAT_RULES: Record<string, string> = {
  semver: 'is not a semantic version; write MAJOR.MINOR.PATCH, for example 1.2.0',
  'semver-range': 'is not a semver range; write for example ^1.2.0, ~1.2.0, 1.2.x or 1.2.3',
  date: 'is not a date; write YYYY-MM-DD',
  'date-time': 'is not a date and time; write for example 2026-12-20T00:00:00Z',
  uri: 'is not a URL',
};

function isNameField(error: ErrorObject): boolean {
  return (
    error.schemaPath.includes('/$defs/name/') || error.schemaPath.startsWith('common.schema.json#/$defs/name')
  );
}

function toPath(pointer: string, root: unknown): (string | number)[] {
  if (!pointer) return [];
  const out: (string | number)[] = [];
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    const step = Array.isArray(node) ? Number(part) : part;
    out.push(step);
    node = valueAt(node, [step]);
  }
  return out;
}

function valueAt(root: unknown, path: FieldPath): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

function objectAt(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
}

function pathText(path: FieldPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return `'${v.length > 60 ? `${v.slice(0, 57)}...` : v}'`;
  if (v !== null && typeof v === 'object') return Array.isArray(v) ? 'a list' : 'a mapping';
  return String(v);
}

function article(type: string): string {
  return (
    {
      object: 'a mapping',
      array: 'a list',
      string: 'a string',
      integer: 'a whole number',
      number: 'a number',
      boolean: 'true or false',
    }[type] ?? type
  );
}
