import type { Context } from 'hono';
import * as z from 'zod/mini';
import { HttpError, toIssues } from './http-error.ts';

/**
 * Validates a request's query parameters with `schema`.
 * @throws HttpError 400 `invalid_query` with the path of every bad parameter
 */
export function readQuery<S extends z.ZodMiniType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) {
    const issues = toIssues(parsed.error.issues);
    const first = issues[0];
    throw new HttpError(
      400,
      'invalid_query',
      first ? `${first.path || 'query'} ${first.message}` : 'invalid query parameters',
      issues,
    );
  }
  return parsed.data;
}

/** Earliest date a query may name: the epoch, which is also what an absent `since` means. */
export const MIN_QUERY_DATE_MS = 0;
/** How far past the server's clock a query date may lie (clock skew, time zones). */
export const QUERY_DATE_LEEWAY_MS = 86_400_000;

/**
 * A date parameter (ISO 8601 or anything `Date.parse` reads) as ms since the epoch, between
 * 1970-01-01 and `now() + 1 day`: a date outside it (such as year -271821, which starts a 200 and
 * then breaks the export) is a 400, not a cut-off stream.
 */
export function dateParam(now: () => number): z.ZodMiniType<number, string> {
  return z.pipe(
    z.string().check(
      z.refine((raw) => !Number.isNaN(Date.parse(raw)), { message: 'must be an ISO date' }),
      z.refine(
        (raw) => {
          const t = Date.parse(raw);
          return Number.isNaN(t) || (t >= MIN_QUERY_DATE_MS && t <= now() + QUERY_DATE_LEEWAY_MS);
        },
        { message: 'must lie between 1970-01-01 and one day from now' },
      ),
    ),
    z.transform((raw: string) => Date.parse(raw)),
  );
}
