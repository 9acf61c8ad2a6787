const encoder = new TextEncoder();

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256>` on every handoff webhook. */
export const SIGNATURE_HEADER = 'headroom-signature';

/** Largest accepted age of a signature timestamp, in seconds, unless told otherwise. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

async function hmac(secret: string, data: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(data)));
}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

// Every byte is compared, whatever differs first, so timing tells nothing about the MAC.
function constantTimeBytesEqual(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  let diff = 0;
  for (let i = 0; i < left.length; i++) diff |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return diff === 0;
}

/**
 * Signs a webhook body Stripe-style: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`.
 * @example
 * headers.set('Headroom-Signature', await signWebhookPayload(body, secret));
 */
export async function signWebhookPayload(body: string, secret: string, nowSeconds?: number): Promise<string> {
  const timestamp = nowSeconds ?? Math.floor(Date.now() / 1000);
  return `t=${timestamp},v1=${toHex(await hmac(secret, `${timestamp}.${body}`))}`;
}

/** Options for `verifyWebhookSignature` and `verifyHandoff`. */
export interface VerifyWebhookOptions {
  /** Largest accepted age of the timestamp (either way), against replays. @default 300 */
  toleranceSeconds?: number;
  /** Current time for tests, seconds since the epoch. @default now */
  nowSeconds?: number;
}

/** Why a signature header was refused; `ok` when it holds. */
export type SignatureCheck = 'ok' | 'missing_signature' | 'bad_signature' | 'too_old';

/**
 * Checks a signature header against the raw body: the MAC first (constant time), then the
 * timestamp, so a replayed genuine webhook is told apart from a forged one. Any `v1` entry
 * may match, so secrets can be rotated.
 */
export async function checkWebhookSignature(
  header: string | null | undefined,
  body: string,
  secret: string,
  options: VerifyWebhookOptions = {},
): Promise<SignatureCheck> {
  if (typeof header !== 'string' || header.trim() === '') return 'missing_signature';
  if (header.length > 2048) return 'bad_signature';
  let timestamp: number | undefined;
  const signatures: Uint8Array[] = [];
  for (const part of header.split(',')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (name === 'v1' && value && /^[0-9a-f]{64}$/i.test(value)) {
      signatures.push(Uint8Array.from(value.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16)));
    }
  }
  if (timestamp === undefined || signatures.length === 0) return 'bad_signature';
  const expected = await hmac(secret, `${timestamp}.${body}`);
  if (!signatures.some((signature) => constantTimeBytesEqual(signature, expected))) return 'bad_signature';
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return 'too_old';
  return 'ok';
}

/**
 * Whether a `Headroom-Signature` header holds for the raw body (constant-time comparison).
 * `verifyHandoff` also parses the payload and says why it refused one.
 * @example
 * if (!(await verifyWebhookSignature(req.headers['headroom-signature'], rawBody, secret))) return res.status(400).end();
 */
export async function verifyWebhookSignature(
  header: string | null | undefined,
  body: string,
  secret: string,
  options: VerifyWebhookOptions = {},
): Promise<boolean> {
  return (await checkWebhookSignature(header, body, secret, options)) === 'ok';
}
