import { describe, expect, it } from 'vitest';
import { clientIp, trustedProxyCount } from './client-ip.ts';

describe('clientIp', () => {
  it('takes the right-most untrusted hop, never the client-controlled left-most entry', () => {
    // One load balancer (the socket peer) appended the real client 203.0.113.7.
    expect(clientIp('6.6.6.6, 203.0.113.7', '10.0.0.2', 1)).toBe('203.0.113.7');
    expect(clientIp('6.6.6.6,203.0.113.7', '10.0.0.2', 1)).toBe('203.0.113.7');
    // CDN + load balancer: the CDN's address is the second trusted hop.
    expect(clientIp('6.6.6.6, 203.0.113.7, 198.51.100.9', '10.0.0.2', 2)).toBe('203.0.113.7');
    expect(clientIp('203.0.113.7', '10.0.0.2', 1)).toBe('203.0.113.7');
  });

  it('uses the socket address without trusted proxies or without the header', () => {
    expect(clientIp('6.6.6.6', '192.0.2.1', 0)).toBe('192.0.2.1');
    expect(clientIp(undefined, '192.0.2.1', 1)).toBe('192.0.2.1');
    expect(clientIp(' , ', '192.0.2.1', 1)).toBe('192.0.2.1');
  });

  it('takes the left-most entry of a chain shorter than the trusted hops', () => {
    expect(clientIp('203.0.113.7', '10.0.0.2', 3)).toBe('203.0.113.7');
  });

  it('reads trustProxy as a hop count', () => {
    expect([true, false, undefined, 0, 2, -1, 1.5].map(trustedProxyCount)).toEqual([1, 0, 0, 0, 2, 0, 0]);
  });
});
