import type { HandoffPayload } from './handoff-payload.ts';
import { handoffPayloadSchema } from './handoff-payload.ts';
import { HandoffVerificationError } from './handoff-verification-error.ts';
import { checkWebhookSignature, SIGNATURE_HEADER, type VerifyWebhookOptions } from './webhook-signature.ts';

/** Request headers as `fetch` (`Headers`) or Node (`IncomingHttpHeaders`) hand them over. */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

function headerOf(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value.join(',') : (value as string | undefined);
}

/**
 * Verifies a handoff webhook and returns its typed payload, like Stripe's `constructEvent`:
 * the `Headroom-Signature` must hold for the raw body (constant-time HMAC-SHA256) and be
 * at most `toleranceSeconds` old; then the body must be a handoff. Dedupe on `handoffId`:
 * delivery is at least once.
 * @throws HandoffVerificationError with `code` `missing_signature`, `bad_signature`, `too_old` or `malformed`.
 * @example
 * app.post('/hooks/headroom', express.raw({ type: 'application/json' }), async (req, res) => {
 *   try {
 *     const handoff = await verifyHandoff(req.body, req.headers, process.env.HEADROOM_WEBHOOK_SECRET!);
 *     await crm.createTask(handoff.handoffId, handoff);
 *     res.sendStatus(204);
 *   } catch (error) {
 *     res.status(400).send(String(error));
 *   }
 * });
 */
export async function verifyHandoff(
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
  secret: string,
  options: VerifyWebhookOptions = {},
): Promise<HandoffPayload> {
  if (typeof secret !== 'string' || secret === '')
    throw new TypeError('verifyHandoff needs the webhook secret');
  // The MAC covers the exact bytes sent: a parsed-and-reserialised body would not match.
  const body = typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody);
  const check = await checkWebhookSignature(headerOf(headers, SIGNATURE_HEADER), body, secret, options);
  if (check !== 'ok') throw new HandoffVerificationError(check);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new HandoffVerificationError('malformed', 'not JSON');
  }
  const parsed = handoffPayloadSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HandoffVerificationError(
      'malformed',
      `${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  return parsed.data;
}
