import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Route } from './route-table.js';
import { isRecord, type OpenApiDocument } from './spec.js';

/** The id under which the whole description is registered, so `#/components/...` refs resolve inside it. */
const DOC_ID = 'github';

/** Checks requests and responses against GitHub's schemas; validators are compiled on first use. */
export class OpenApiValidator {
  readonly #ajv: Ajv;
  readonly #doc: OpenApiDocument;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    this.#doc = doc;
    // strict: false because OpenAPI adds keywords (example, discriminator, x-github) that JSON Schema lacks.
    this.#ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, validateFormats: false });
    this.#ajv.addSchema(doc as object, DOC_ID);
  }

  /**
   * GitHub's detail line for a request that breaks the description (after "Invalid request.\n\n"),
   * or undefined when the request is valid.
   */
  checkRequest(
    route: Route,
    params: Record<string, string>,
    query: Record<string, string>,
    body: unknown,
  ): string | undefined {
    for (const parameter of route.parameters) {
      if (parameter.in !== 'path' && parameter.in !== 'query') continue;
      const raw = parameter.in === 'path' ? params[parameter.name] : query[parameter.name];
      if (raw === undefined) {
        if (parameter.required) return `"${parameter.name}" wasn't supplied.`;
        continue;
      }
      const value = coerce(raw, this.#schemaAt(parameter.schemaPointer));
      const validate = this.#validator(parameter.schemaPointer);
      if (!validate(value))
        return `For '${parameter.name}', ${describe(value)} is not valid: ${firstMessage(validate.errors)}.`;
    }
    if (!route.bodyPointer) return undefined;
    if (body === undefined)
      return route.bodyRequired ? "For 'links/0/schema', nil is not an object." : undefined;
    const validate = this.#validator(route.bodyPointer);
    return validate(body) ? undefined : githubMessage(validate.errors ?? [], body);
  }

  /** A description of how `body` breaks the documented response for `status`, or undefined when it fits. */
  checkResponse(route: Route, status: number, body: unknown): string | undefined {
    const key = route.responses.has(String(status))
      ? String(status)
      : route.responses.has('default')
        ? 'default'
        : undefined;
    if (key === undefined && status >= 400 && status < 500) return this.#checkError(status, body);
    if (key === undefined)
      return `status ${status} is not documented for ${route.operationId} (documented: ${[...route.responses.keys()].join(', ')})`;
    const pointer = route.responses.get(key);
    if (!pointer) {
      if (body === undefined || body === '') return undefined;
      // A 4xx documented without a body (create-deployment's 409) still carries GitHub's error body.
      if (status >= 400 && status < 500) return this.#checkError(status, body);
      return `status ${status} of ${route.operationId} has no JSON body`;
    }
    const validate = this.#validator(pointer);
    if (validate(body)) return undefined;
    const errors = (validate.errors ?? [])
      .slice(0, 10)
      .map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
    return `${route.operationId} ${status} response does not match the description: ${errors.join('; ')}`;
  }

  /**
   * GitHub documents only some of the 4xx it sends (a status for a missing commit is a 422 that
   * create-commit-status does not list), so an undocumented 4xx, or one documented without a body, is
   * held to GitHub's common error shapes.
   */
  #checkError(status: number, body: unknown): string | undefined {
    const shapes = status === 422 ? ERROR_422 : ERROR_4XX;
    if (shapes.some((pointer) => this.#validator(pointer)(body))) return undefined;
    return `the ${status} body is not one of GitHub's error shapes: ${JSON.stringify(body)}`;
  }

  #validator(pointer: string): ValidateFunction {
    let validate = this.#compiled.get(pointer);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
      this.#compiled.set(pointer, validate);
    }
    return validate;
  }

  #schemaAt(pointer: string): unknown {
    let node: unknown = this.#doc;
    for (const token of pointer.split('/').slice(1)) {
      const key = token.replaceAll('~1', '/').replaceAll('~0', '~');
      // Inline parameter schemas sit in the `parameters` array (e.g. checks/list-for-ref's app_id).
      node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
    }
    return node;
  }
}

/** The error bodies GitHub sends for a 422, and for any other 4xx. */
const ERROR_422 = ['/components/schemas/validation-error', '/components/schemas/validation-error-simple'];
const ERROR_4XX = ['/components/schemas/basic-error', ...ERROR_422];

/** Query and path values arrive as strings; the description types them (per_page is an integer). */
function coerce(raw: string, schema: unknown): unknown {
  const type = isRecord(schema) ? schema.type : undefined;
  if ((type === 'integer' || type === 'number') && raw.trim() !== '' && !Number.isNaN(Number(raw)))
    return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

/** Renders a value the way GitHub's messages do (Ruby's nil for null). */
function describe(value: unknown): string {
  return value === null ? 'nil' : JSON.stringify(value);
}

function firstMessage(errors: ErrorObject[] | null | undefined): string {
  return errors?.[0]?.message ?? 'invalid';
}

function valueAt(body: unknown, instancePath: string): unknown {
  let node = body;
  for (const token of instancePath.split('/').slice(1)) {
    const key = token.replaceAll('~1', '/').replaceAll('~0', '~');
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/** The detail GitHub writes after "Invalid request.\n\n", built from the most specific ajv error. */
function githubMessage(errors: ErrorObject[], body: unknown): string {
  const error = errors.find((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf') ?? errors[0];
  if (!error) return 'Invalid request.';
  const where = `properties${error.instancePath}`;
  const value = describe(valueAt(body, error.instancePath));
  switch (error.keyword) {
    case 'required':
      return `"${String(error.params.missingProperty)}" wasn't supplied.`;
    case 'additionalProperties':
      return `"${String(error.params.additionalProperty)}" is not a permitted key.`;
    case 'type': {
      const type = String(error.params.type);
      return `For '${where}', ${value} is not ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}.`;
    }
    case 'enum':
      return `For '${where}', ${value} is not a member of ${JSON.stringify(error.params.allowedValues)}.`;
    default:
      return `For '${where}', ${value} ${error.message ?? 'is not valid'}.`;
  }
}
