/** One problem with a request body, as the edge reports it (`path` is the zod path). */
export interface ServerIssue {
  path: string;
  message: string;
}

/** The edge answered with an error (after retries, when the status was retryable). */
export class HeadroomApiError extends Error {
  override readonly name = 'HeadroomApiError';
  /** HTTP status, e.g. 400, 401, 429, 503. */
  readonly status: number;
  /** The edge's error code, e.g. `invalid_body`, `unauthorized`, `rate_limited`. */
  readonly code: string;
  readonly issues: readonly ServerIssue[];
  /** Attempts made, retries included. */
  readonly attempts: number;

  constructor(
    status: number,
    code: string,
    message: string,
    issues: readonly ServerIssue[],
    attempts: number,
  ) {
    super(`${status} ${code}: ${message}`);
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.attempts = attempts;
  }
}

/** The edge could not be reached (or timed out) on every attempt. */
export class HeadroomNetworkError extends Error {
  override readonly name = 'HeadroomNetworkError';
  readonly attempts: number;

  constructor(message: string, attempts: number, cause: unknown) {
    super(message, { cause });
    this.attempts = attempts;
  }
}

/** The edge took the request but refused the event, e.g. an unknown meter or a future `ts`. */
export class HeadroomEventRejectedError extends Error {
  override readonly name = 'HeadroomEventRejectedError';
  /** The edge's rejection code, e.g. `invalid_event`, `unknown_meter`. */
  readonly code: string;
  readonly eventId: string;

  constructor(code: string, message: string, eventId: string) {
    super(`event ${eventId} rejected (${code}): ${message}`);
    this.code = code;
    this.eventId = eventId;
  }
}
