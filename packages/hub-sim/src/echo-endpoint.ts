// Plain TLS echo: every byte the client sends comes back, up to `limits.maxEchoBytes` per
// connection (then the hub closes it).
import type tls from 'node:tls';
import type { HubLimits } from './limits.js';
import type { ConnectionRecord, RecordStore } from './records.js';

/**
 * Echoes a TLS connection.
 * @example
 * ```ts
 * echoConnection(tlsSocket, record, store, limits);
 * ```
 */
export function echoConnection(
  socket: tls.TLSSocket,
  record: ConnectionRecord,
  store: RecordStore,
  limits: HubLimits,
): void {
  socket.on('data', (chunk: Buffer) => {
    const allowed = Math.max(0, limits.maxEchoBytes - record.applicationBytesIn);
    record.applicationBytesIn += chunk.length;
    store.changed(record);
    if (chunk.length > allowed) {
      socket.end(chunk.subarray(0, allowed));
      return;
    }
    socket.write(chunk);
  });
  socket.on('end', () => socket.end());
  socket.on('error', () => {});
}
