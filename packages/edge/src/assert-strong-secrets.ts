import type { EdgeOptions } from './edge-options.ts';

/** Fewest bytes a secret, admin token or server key may have outside development mode. */
export const MIN_SECRET_BYTES = 32;

const encoder = new TextEncoder();

/** Thrown when a configured secret is too short to resist guessing; the message says which and how to fix it. */
export class WeakSecretError extends Error {
  override readonly name = 'WeakSecretError';
}

/**
 * Refuses secrets shorter than `MIN_SECRET_BYTES` (a 1-character admin token was accepted before),
 * unless `development` is set (`HEADROOM_DEV=1`). Absent optional ones are not checked.
 * @throws WeakSecretError naming every short setting
 */
export function assertStrongSecrets(
  options: Pick<
    EdgeOptions,
    'secret' | 'adminToken' | 'adminTokens' | 'serverKey' | 'webhook' | 'webhookSecret' | 'development'
  >,
): void {
  if (options.development === true) return;
  const webhookSecret =
    typeof options.webhook === 'object' && options.webhook.secret !== undefined
      ? options.webhook.secret
      : options.webhookSecret;
  const settings: [string, string | Uint8Array | undefined][] = [
    ['HEADROOM_SECRET (secret)', options.secret],
    ['HEADROOM_ADMIN_TOKEN (adminToken)', options.adminToken],
    ['HEADROOM_SERVER_KEY (serverKey)', options.serverKey],
    ['HEADROOM_WEBHOOK_SECRET (webhookSecret)', webhookSecret],
    ...Object.entries(options.adminTokens ?? {}).map(([label, token]): [string, string] => [
      `HEADROOM_ADMIN_TOKENS (${label})`,
      token,
    ]),
  ];
  const weak: string[] = [];
  for (const [name, value] of settings) {
    if (value === undefined) continue;
    const bytes = typeof value === 'string' ? encoder.encode(value).byteLength : value.byteLength;
    if (bytes < MIN_SECRET_BYTES) weak.push(`${name} is ${bytes} bytes`);
  }
  if (weak.length > 0) {
    throw new WeakSecretError(
      `${weak.join('; ')}: secrets must be at least ${MIN_SECRET_BYTES} bytes (e.g. \`openssl rand -hex 32\`); ` +
        'for local development only, set HEADROOM_DEV=1 (option `development: true`)',
    );
  }
}
