import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One invalid field: a dotted path and what is wrong with it. */
export interface ErrorIssue {
  path: string;
  message: string;
}

/** An error answered as JSON `{ error: { code, message, issues? } }` with its status. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: readonly ErrorIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  toJSON(): { error: { code: string; message: string; issues?: readonly ErrorIssue[] } } {
    return {
      error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) },
    };
  }
}

/** Maps zod issues to wire issues (dotted paths). */
export function toIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ErrorIssue[] {
  return issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
