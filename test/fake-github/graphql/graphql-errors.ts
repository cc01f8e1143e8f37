/** An error GitHub's GraphQL API reports in `errors[]` with a `type` (NOT_FOUND, FORBIDDEN, ...). */
export class GraphqlFieldError extends Error {
  readonly type: string;
  constructor(message: string, type: string) {
    super(message);
    this.name = 'GraphqlFieldError';
    this.type = type;
  }
}

/** A field the fake does not implement: a defect of the fake (or an unexpected query), never GitHub's answer. */
export class UnimplementedFieldError extends Error {
  constructor(field: string) {
    super(`the fake GitHub does not implement the GraphQL field ${field}`);
    this.name = 'UnimplementedFieldError';
  }
}
