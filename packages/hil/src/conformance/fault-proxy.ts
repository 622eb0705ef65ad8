// A TCP proxy between the board and hub-sim that breaks connections mid-handshake, so the
// simulated rig can show that network faults are classified `network` and never reported as
// trust failures. Modes:
// - `drop`:  forwards the ClientHello, then closes both sides after the first server bytes
//            (a NAT or captive portal cutting the flow: the device sees EOF);
// - `reset`: the same, but closes the device side with a TCP RST (SO_LINGER 0 via resetAndDestroy);
// - `stall`: forwards the ClientHello, then never forwards the server flight (a black-holed
//            path: the device's read timeout fires);
// - `refuse`: accepts nothing (the listener is closed): connection refused.
// Listens on 127.0.0.1 only; every connection is bounded by the hub's own timeouts.
import { once } from 'node:events';
import net from 'node:net';

/** How the proxy breaks connections. */
export type FaultMode = 'drop' | 'reset' | 'stall' | 'refuse';

/** A running proxy. */
export interface FaultProxy {
  readonly host: string;
  readonly port: number;
  readonly mode: FaultMode;
  /** Connections seen. */
  readonly connections: number;
  stop(): Promise<void>;
}

/**
 * Starts a proxy to `target` that breaks every connection as `mode` says.
 * @example
 * ```ts
 * const proxy = await startFaultProxy({ host: hub.host, port: hub.port }, 'reset');
 * board.console.write(connectCommand(hub, {}, { host: proxy.host, port: proxy.port }));
 * ```
 */
export async function startFaultProxy(
  target: { host: string; port: number },
  mode: FaultMode,
): Promise<FaultProxy> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((device) => {
    connections += 1;
    sockets.add(device);
    device.on('close', () => sockets.delete(device));
    device.on('error', () => {});
    const hub = net.connect(target.port, target.host);
    sockets.add(hub);
    hub.on('close', () => sockets.delete(hub));
    hub.on('error', () => device.destroy());
    device.on('data', (d: Buffer) => hub.write(d));
    hub.on('data', () => {
      if (mode === 'stall') return; // swallow the server flight; the device waits until its timeout
      if (mode === 'reset') device.resetAndDestroy();
      else device.destroy();
      hub.destroy();
    });
    device.on('close', () => hub.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  if (mode === 'refuse') await new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    host: '127.0.0.1',
    port,
    mode,
    get connections() {
      return connections;
    },
    stop: async () => {
      for (const s of sockets) s.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
