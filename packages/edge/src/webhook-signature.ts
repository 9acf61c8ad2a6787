const encoder = new TextEncoder();

async function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    usage,
  ]);
}

const toHex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Signs a webhook body Stripe-style: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`.
 * @example
 * headers.set('Headroom-Signature', await signWebhookPayload(body, secret));
 */
export async function signWebhookPayload(body: string, secret: string, nowSeconds?: number): Promise<string> {
  const t = nowSeconds ?? Math.floor(Date.now() / 1000);
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), encoder.encode(`${t}.${body}`));
  return `t=${t},v1=${toHex(mac)}`;
}

/** Options for `verifyWebhookSignature`. */
export interface VerifyWebhookOptions {
  /** Largest accepted age of the timestamp, against replays. @default 300 */
  toleranceSeconds?: number;
  /** Current time for tests, seconds since the epoch. @default now */
  nowSeconds?: number;
}

/**
 * Checks a `Headroom-Signature` header against the raw body, in constant time (WebCrypto
 * HMAC verify). Any `v1` entry may match, so secrets can be rotated.
 * @example
 * if (!(await verifyWebhookSignature(req.headers['headroom-signature'], rawBody, secret))) return res.status(400).end();
 */
export async function verifyWebhookSignature(
  header: string | null | undefined,
  body: string,
  secret: string,
  options: VerifyWebhookOptions = {},
): Promise<boolean> {
  if (typeof header !== 'string' || header.length > 2048) return false;
  let t: number | undefined;
  const signatures: Uint8Array<ArrayBuffer>[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && v && /^\d{1,12}$/.test(v)) t = Number(v);
    if (k === 'v1' && v && /^[0-9a-f]{64}$/i.test(v)) {
      signatures.push(Uint8Array.from(v.match(/../g) ?? [], (h) => Number.parseInt(h, 16)));
    }
  }
  if (t === undefined || signatures.length === 0) return false;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return false;
  const key = await hmacKey(secret, 'verify');
  const data = encoder.encode(`${t}.${body}`);
  for (const signature of signatures) {
    if (await crypto.subtle.verify('HMAC', key, signature, data)) return true;
  }
  return false;
}
