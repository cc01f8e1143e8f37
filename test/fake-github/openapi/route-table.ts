import { isRecord, type OpenApiDocument, type OpenApiOperation } from './spec.js';

/** A parameter of an operation, with a JSON pointer to its schema in the document. */
export interface RouteParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schemaPointer: string;
}

/** One operation: where its schemas live in the document, for the validator. */
export interface Route {
  method: string;
  template: string;
  operationId: string;
  documentationUrl: string;
  parameters: RouteParameter[];
  /** Pointer to the JSON request body schema, if the operation takes one. */
  bodyPointer: string | undefined;
  bodyRequired: boolean;
  /** Status ('200', 'default', ...) -> pointer to the JSON response schema, or null for no JSON body. */
  responses: Map<string, string | null>;
}

/** The outcome of matching a method and path. */
export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method'; template: string }
  | { kind: 'unknown-path' };

interface CompiledPath {
  template: string;
  segments: string[];
  /** The last segment is a parameter that may hold slashes (refs, file paths, compare ranges). */
  greedyTail: boolean;
  literalCount: number;
  byMethod: Map<string, Route>;
}

/** Last parameters whose values may hold unencoded slashes, as GitHub routes them (refs, file paths, ranges). */
const GREEDY_PARAMS = new Set(['{ref}', '{path}', '{basehead}']);

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

/** Every operation of the document, matched by method and concrete path. */
export class RouteTable {
  readonly #paths: CompiledPath[] = [];
  readonly #byOperationId = new Map<string, Route>();

  constructor(doc: OpenApiDocument) {
    for (const [template, item] of Object.entries(doc.paths)) {
      const segments = template.split('/').slice(1);
      const byMethod = new Map<string, Route>();
      for (const method of METHODS) {
        const op = item[method];
        if (!isRecord(op)) continue;
        const route = buildRoute(doc, template, method, op as unknown as OpenApiOperation);
        byMethod.set(method.toUpperCase(), route);
        this.#byOperationId.set(route.operationId, route);
      }
      const last = segments.at(-1) ?? '';
      this.#paths.push({
        template,
        segments,
        greedyTail: GREEDY_PARAMS.has(last),
        literalCount: segments.filter((s) => !isParam(s)).length,
        byMethod,
      });
    }
  }

  /** The operation for `operationId`, e.g. to check that a handler table names real operations. */
  byOperationId(operationId: string): Route | undefined {
    return this.#byOperationId.get(operationId);
  }

  match(method: string, path: string): RouteMatch {
    const parts = path.split('/').slice(1);
    let best: { path: CompiledPath; params: Record<string, string>; score: number } | undefined;
    let wrongMethod: string | undefined;
    for (const candidate of this.#paths) {
      const params = matchSegments(candidate, parts);
      if (!params) continue;
      if (!candidate.byMethod.has(method)) {
        wrongMethod ??= candidate.template;
        continue;
      }
      // Literal segments beat parameters ("/git/refs" over "/{owner}/{repo}"); exact beats greedy.
      const score = candidate.literalCount * 2 + (candidate.segments.length === parts.length ? 1 : 0);
      if (!best || score > best.score) best = { path: candidate, params, score };
    }
    if (best) {
      const route = best.path.byMethod.get(method);
      if (route) return { kind: 'found', route, params: best.params };
    }
    return wrongMethod ? { kind: 'wrong-method', template: wrongMethod } : { kind: 'unknown-path' };
  }
}

function isParam(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

function matchSegments(candidate: CompiledPath, parts: string[]): Record<string, string> | undefined {
  const { segments } = candidate;
  const fits = parts.length === segments.length || (candidate.greedyTail && parts.length > segments.length);
  if (!fits) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const part = i === segments.length - 1 ? parts.slice(i).join('/') : (parts[i] as string);
    if (isParam(segment)) {
      if (part === '') return undefined;
      params[segment.slice(1, -1)] = safeDecode(part);
    } else if (segment !== part) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** JSON pointer escaping (RFC 6901). */
function escapePointer(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Follows `$ref`s to components (parameters, responses, request bodies); returns the target and its pointer. */
function deref(doc: OpenApiDocument, value: unknown, pointer: string): { value: unknown; pointer: string } {
  let current = value;
  let at = pointer;
  while (isRecord(current) && typeof current.$ref === 'string') {
    const [, kind, name] = /^#\/components\/([^/]+)\/(.+)$/.exec(current.$ref) ?? [];
    if (!kind || !name) break;
    current = doc.components[kind]?.[name];
    at = `/components/${kind}/${escapePointer(name)}`;
  }
  return { value: current, pointer: at };
}

function jsonSchemaPointer(content: unknown, pointer: string): string | undefined {
  if (!isRecord(content)) return undefined;
  const type = Object.keys(content).find((t) => t === 'application/json' || t.endsWith('+json'));
  if (!type) return undefined;
  const media = content[type];
  return isRecord(media) && media.schema !== undefined
    ? `${pointer}/content/${escapePointer(type)}/schema`
    : undefined;
}

function buildRoute(doc: OpenApiDocument, template: string, method: string, op: OpenApiOperation): Route {
  const opPointer = `/paths/${escapePointer(template)}/${method}`;
  const parameters: RouteParameter[] = (op.parameters ?? []).map((raw, i) => {
    const { value, pointer } = deref(doc, raw, `${opPointer}/parameters/${i}`);
    const p = isRecord(value) ? value : {};
    return {
      name: String(p.name),
      in: p.in as RouteParameter['in'],
      required: p.required === true,
      schemaPointer: `${pointer}/schema`,
    };
  });
  const body = deref(doc, op.requestBody, `${opPointer}/requestBody`);
  const bodyRecord = isRecord(body.value) ? body.value : undefined;
  const responses = new Map<string, string | null>();
  for (const [status, raw] of Object.entries(op.responses)) {
    const { value, pointer } = deref(doc, raw, `${opPointer}/responses/${escapePointer(status)}`);
    responses.set(status, (isRecord(value) && jsonSchemaPointer(value.content, pointer)) || null);
  }
  return {
    method: method.toUpperCase(),
    template,
    operationId: op.operationId,
    documentationUrl: op.externalDocs?.url ?? 'https://docs.github.com/rest',
    parameters,
    bodyPointer: bodyRecord ? jsonSchemaPointer(bodyRecord.content, body.pointer) : undefined,
    bodyRequired: bodyRecord?.required === true,
    responses,
  };
}
