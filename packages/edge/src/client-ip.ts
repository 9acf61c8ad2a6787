/**
 * The client's address behind `trustedProxies` proxies: the right-most address in
 * `X-Forwarded-For` + the socket address that is not one of them. Each proxy appends the address
 * it received from, so only the entries the trusted proxies wrote are true; everything to their
 * left was sent by the client and may be spoofed (the left-most entry was a free pass around the
 * rate limits). With 0 trusted proxies the socket address is the client.
 * @example clientIp('6.6.6.6, 203.0.113.7', '10.0.0.2', 1) // '203.0.113.7'
 */
export function clientIp(
  forwardedFor: string | undefined,
  socketAddress: string | undefined,
  trustedProxies: number,
): string | undefined {
  if (trustedProxies <= 0 || forwardedFor === undefined) return socketAddress;
  // Walk from the right without splitting the whole (client-sized) header.
  let end = forwardedFor.length;
  let hops = trustedProxies - 1; // the socket peer is the first trusted proxy
  let entry: string | undefined;
  while (end > 0) {
    const comma = forwardedFor.lastIndexOf(',', end - 1);
    const candidate = forwardedFor.slice(comma + 1, end).trim();
    end = Math.max(comma, 0);
    if (candidate === '') continue;
    entry = candidate;
    if (hops === 0) break;
    hops--;
  }
  // A chain shorter than the trusted hops: its left-most entry is the best there is.
  return entry === undefined ? socketAddress : entry.slice(0, 64);
}

/** `trustProxy` as a number of hops: `true` is one proxy (the usual load balancer). */
export function trustedProxyCount(trustProxy: boolean | number | undefined): number {
  if (trustProxy === true) return 1;
  if (typeof trustProxy === 'number' && Number.isInteger(trustProxy) && trustProxy > 0) return trustProxy;
  return 0;
}
