import type { Server } from 'node:net';

/**
 * Caps the sockets one address may hold open at once: past `max`, a new socket from that
 * address is destroyed as soon as it is accepted. Without it one client's slow sockets can take
 * every file descriptor, and then nobody else's request (not even `/healthz`) is answered.
 * Returns how many sockets each address holds, for tests and metrics.
 */
export function limitConnectionsPerIp(
  server: Server,
  max: number,
  onRefused: (ip: string) => void = () => {},
): ReadonlyMap<string, number> {
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const ip = socket.remoteAddress ?? 'unknown';
    const count = (open.get(ip) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      onRefused(ip);
      return;
    }
    open.set(ip, count);
    socket.once('close', () => {
      const left = (open.get(ip) ?? 1) - 1;
      if (left <= 0) open.delete(ip);
      else open.set(ip, left);
    });
  });
  return open;
}
