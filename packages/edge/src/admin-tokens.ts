/** Who may call the admin API: each admin token under the label its publishes are recorded with. */
export type AdminTokens = Readonly<Record<string, string>>;

/** The label a lone `adminToken` (`HEADROOM_ADMIN_TOKEN`) publishes under. */
export const DEFAULT_ADMIN_LABEL = 'admin';

const LABEL = /^[A-Za-z0-9_.@-]{1,64}$/;

/**
 * Reads `HEADROOM_ADMIN_TOKENS`: comma-separated `label:token` pairs, e.g.
 * `ana:7f3c…,ci-bot:91ab…`. The label (letters, digits, `_ . @ -`) is what the config history
 * shows as the publisher; the token is everything after the first colon.
 * @throws Error naming the malformed entry (never the token itself)
 */
export function parseAdminTokens(text: string): AdminTokens {
  const tokens: Record<string, string> = {};
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const label = colon < 0 ? '' : entry.slice(0, colon);
    const token = colon < 0 ? '' : entry.slice(colon + 1);
    if (!LABEL.test(label) || token === '')
      throw new Error(
        `HEADROOM_ADMIN_TOKENS entry ${index + 1} must be label:token (label of letters, digits, _ . @ -)`,
      );
    if (label in tokens) throw new Error(`HEADROOM_ADMIN_TOKENS names the label "${label}" twice`);
    tokens[label] = token;
  });
  return tokens;
}

/** Every configured admin token by label: `adminTokens`, plus `adminToken` as `admin`. */
export function adminTokensOf(options: {
  adminToken?: string | undefined;
  adminTokens?: AdminTokens | undefined;
}): [label: string, token: string][] {
  const all = Object.entries(options.adminTokens ?? {});
  if (options.adminToken) all.push([DEFAULT_ADMIN_LABEL, options.adminToken]);
  return all;
}
