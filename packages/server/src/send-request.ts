import * as z from 'zod/mini';
import { isRetryableStatus, parseRetryAfter, type RetryPolicy, retryDelay } from './retry-delay.ts';
import { HeadroomApiError, HeadroomNetworkError } from './server-errors.ts';

const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
});

/** What `sendRequest` needs besides the request itself. */
export interface Transport {
  fetch: typeof fetch;
  retry: RetryPolicy;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

/**
 * Sends one JSON request, retrying network errors, timeouts, 408, 429 and 5xx, and parses a
 * 2xx answer with `schema`. The same body goes out on every attempt, so a retried request
 * is idempotent wherever the edge dedupes (event ids, trait observation times).
 * @throws HeadroomApiError for an error answer, HeadroomNetworkError when the edge was never reached.
 */
export async function sendRequest<T>(
  transport: Transport,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  schema: z.ZodMiniType<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await transport.fetch(url, { ...init, signal: AbortSignal.timeout(transport.timeoutMs) });
    } catch (error) {
      if (attempt > transport.retry.maxRetries) {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        throw new HeadroomNetworkError(`${init.method} ${url} failed: ${reason}`, attempt, error);
      }
      await transport.sleep(retryDelay(attempt, transport.retry, undefined));
      continue;
    }
    if (isRetryableStatus(response.status) && attempt <= transport.retry.maxRetries) {
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'), transport.now());
      await response.body?.cancel();
      await transport.sleep(retryDelay(attempt, transport.retry, retryAfter));
      continue;
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const parsed = errorBodySchema.safeParse(json);
      const error = parsed.success
        ? parsed.data.error
        : { code: `http_${response.status}`, message: text.slice(0, 200) || response.statusText };
      throw new HeadroomApiError(response.status, error.code, error.message, error.issues ?? [], attempt);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HeadroomApiError(
        response.status,
        'unexpected_response',
        `the edge's answer does not match this client (${issue?.path.join('.') || '(root)'}: ${issue?.message})`,
        [],
        attempt,
      );
    }
    return parsed.data;
  }
}
