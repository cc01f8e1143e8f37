/** What an injected fault does to a request. */
export type FaultKind =
  | { kind: 'status'; status: 500 | 502 | 503 }
  | { kind: 'secondary-rate-limit'; retryAfter?: number }
  | { kind: 'primary-rate-limit'; status?: 403 | 429; resetInSeconds?: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'drop' };

/** Which requests a fault hits: an operation, or a method and a path pattern (string = exact path). */
export type FaultTarget = { operationId: string } | { method?: string; path: string | RegExp };

/** A fault for the next `times` matching requests (default 1). */
export type FaultSpec = FaultTarget & FaultKind & { times?: number };

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

/** Faults waiting for their requests; each applies before the handler and counts down. */
export class Faults {
  readonly #active: ActiveFault[] = [];
  /** Every fault that fired, in order, for tests to inspect. */
  readonly fired: { fault: FaultKind['kind']; method: string; path: string; operationId: string }[] = [];

  inject(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new Error(`fault times must be a positive integer, got ${times}`);
    this.#active.push({ spec, remaining: times });
  }

  /** Faults not yet used up (a test may assert that all of them fired). */
  pending(): FaultSpec[] {
    return this.#active.map((a) => a.spec);
  }

  clear(): void {
    this.#active.splice(0);
  }

  /** The fault for this request, if one matches; consumes one of its `times`. */
  take(method: string, path: string, operationId: string): FaultSpec | undefined {
    const index = this.#active.findIndex((a) => matches(a.spec, method, path, operationId));
    const active = this.#active[index];
    if (!active) return undefined;
    active.remaining -= 1;
    if (active.remaining === 0) this.#active.splice(index, 1);
    this.fired.push({ fault: active.spec.kind, method, path, operationId });
    return active.spec;
  }
}

function matches(spec: FaultSpec, method: string, path: string, operationId: string): boolean {
  if ('operationId' in spec) return spec.operationId === operationId;
  if (spec.method && spec.method.toUpperCase() !== method) return false;
  return typeof spec.path === 'string' ? spec.path === path : spec.path.test(path);
}
