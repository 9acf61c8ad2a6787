import type { AccountClaims } from '@headroom/core';
import type { Headroom, Platform } from './types.ts';

/** What keeps the SDK from knowing the account's data or the config. */
export type UnknownReason =
  | 'token_expired'
  | 'token_invalid'
  | 'endpoint_unreachable'
  | 'cors_refused'
  | 'config_invalid';

/** Why data is unknown, as a code and a sentence a product engineer can act on. */
export interface UnknownExplanation {
  reason: UnknownReason;
  message: string;
}

export interface ExplainUnknownOptions {
  /** The `endpoint` the client was created with (the client does not expose it). */
  endpoint: string;
  /** Defaults to the page's `fetch`; used once, only to tell a CORS refusal from a dead host. */
  fetch?: Platform['fetch'] | undefined;
}

const messages: Record<UnknownReason, (endpoint: string, cause: string) => string> = {
  token_expired: () =>
    'The account token has expired and the edge refused it: give `token` a function that returns a fresh token (it is asked again after a 401), or sign tokens for longer.',
  token_invalid: (_, cause) =>
    `The edge refused the account token, or no token could be had or read${cause}: check that your backend signs it with the edge's HEADROOM_SECRET and that \`token\` returns the token itself, not the JSON around it.`,
  endpoint_unreachable: (endpoint, cause) =>
    `Nothing answered as a Headroom edge at ${endpoint}${cause}: check the \`endpoint\` URL, that the edge is running and that it has a published config.`,
  cors_refused: (endpoint) =>
    `The edge at ${endpoint} is up but refused this page's origin (${globalThis.location?.origin ?? 'unknown'}): add that origin to the edge's HEADROOM_ALLOWED_ORIGINS.`,
  config_invalid: (endpoint) =>
    `The inline \`config\`, or the document at ${endpoint}/v1/config, is not a Headroom config: validate it with defineConfig, or publish it from the console.`,
};

/**
 * Says why `hr` has no account data or no config (the widgets then show "Usage unavailable"),
 * or `undefined` when both are known. An optional entry (`@headroom/sdk/diagnose`), so the main
 * bundle keeps only the raw `diagnostics.lastError`. Waits for start-up. A network failure
 * costs one opaque (`no-cors`) request to the endpoint: fetch fails alike for a dead host and a
 * refused CORS check, but an opaque request, which needs no CORS, reaches a live host.
 * @example
 * const why = await explainUnknown(hr, { endpoint: 'https://headroom.example.com' });
 * if (why) console.warn(`[headroom] ${why.reason}: ${why.message}`);
 */
export async function explainUnknown(
  hr: Headroom,
  options: ExplainUnknownOptions,
): Promise<UnknownExplanation | undefined> {
  await hr.ready();
  const claims = hr.account.$.get();
  const hasConfig = hr.config.$.get() !== null;
  if (claims && hasConfig && hr.status.$.get() === 'ready') return undefined;
  const endpoint = String(options.endpoint).replace(/\/+$/, '');
  const fetchOnce = options.fetch ?? fetch;
  // The SDK's own failures read "account: 401", "config: invalid", "token: …", "flush: …" or
  // "account: TypeError: Failed to fetch"; a widget may have reported something else since.
  const lastError = hr.diagnostics.$.get().lastError ?? '';
  const cause = /^(account|config|token|flush): /.test(lastError) ? lastError : '';
  const reason = await classify(cause, claims, hasConfig, endpoint, fetchOnce);
  return { reason, message: messages[reason](endpoint, cause && ` (${cause})`) };
}

async function classify(
  cause: string,
  claims: AccountClaims | null,
  hasConfig: boolean,
  endpoint: string,
  fetchOnce: Platform['fetch'],
): Promise<UnknownReason> {
  // No readable claims: the token could not be had or is not an account token.
  if (!claims || cause.startsWith('token:')) return 'token_invalid';
  // Before the raw cause: an expired token is refused whatever else failed since.
  if (Number(claims.exp) * 1000 < Date.now()) return 'token_expired';
  if (cause === 'account: 401') return 'token_invalid';
  if (cause === 'config: invalid') return 'config_invalid';
  if (cause) return cause.includes('TypeError') ? reachedOpaque(endpoint, fetchOnce) : 'endpoint_unreachable';
  // The SDK's cause was overwritten by a later report: ask again for the public config (no token).
  const ok = await fetchOnce(`${endpoint}/v1/config`).then(
    (res) => res.ok,
    () => undefined,
  );
  if (ok === undefined) return reachedOpaque(endpoint, fetchOnce);
  // The edge serves it: the SDK refused the document, or (config known) the account refused the token.
  return !ok ? 'endpoint_unreachable' : hasConfig ? 'token_invalid' : 'config_invalid';
}

/** After a network failure: a live host that refused CORS, or nothing at all. */
const reachedOpaque = (endpoint: string, fetchOnce: Platform['fetch']): Promise<UnknownReason> =>
  fetchOnce(endpoint, { mode: 'no-cors' }).then(
    () => 'cors_refused',
    () => 'endpoint_unreachable',
  );
