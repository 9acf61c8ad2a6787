/** How long the Node server waits for slow clients, and how many sockets it keeps. */
export interface ServerLimits {
  /** Time to receive a request's headers (`HEADROOM_HEADERS_TIMEOUT_MS`). @default 10000 */
  headersTimeoutMs?: number;
  /** Time to receive a whole request, body included (`HEADROOM_REQUEST_TIMEOUT_MS`). @default 30000 */
  requestTimeoutMs?: number;
  /**
   * Longest silence on a socket, e.g. between two chunks of a slowly sent body
   * (`HEADROOM_IDLE_TIMEOUT_MS`). @default 30000
   */
  idleTimeoutMs?: number;
  /** How long a keep-alive socket waits for its next request (`HEADROOM_KEEP_ALIVE_TIMEOUT_MS`). @default 5000 */
  keepAliveTimeoutMs?: number;
  /** Open sockets in all (`HEADROOM_MAX_CONNECTIONS`); past it new ones are closed. @default 4096 */
  maxConnections?: number;
  /**
   * Open sockets per client address (`HEADROOM_MAX_CONNECTIONS_PER_IP`); 0 turns the cap off.
   * Behind a trusted proxy every socket comes from the proxy, so the default is then off.
   * @default 256, or 0 with `trustProxy`
   */
  maxConnectionsPerIp?: number;
}

/** The limits with their defaults filled in. */
export function resolveServerLimits(limits: ServerLimits, behindProxy: boolean): Required<ServerLimits> {
  return {
    headersTimeoutMs: limits.headersTimeoutMs ?? 10_000,
    requestTimeoutMs: limits.requestTimeoutMs ?? 30_000,
    idleTimeoutMs: limits.idleTimeoutMs ?? 30_000,
    keepAliveTimeoutMs: limits.keepAliveTimeoutMs ?? 5_000,
    maxConnections: limits.maxConnections ?? 4096,
    maxConnectionsPerIp: limits.maxConnectionsPerIp ?? (behindProxy ? 0 : 256),
  };
}
