// Writing to and closing a socket without waiting on a peer that does not cooperate.
import type net from 'node:net';

/**
 * Writes `chunk` to `socket` and calls `done` at once, unless the socket pushes back: then on
 * 'drain' or 'close', whichever comes first (a closing socket never drains).
 * @example
 * ```ts
 * _write(chunk, _encoding, callback) { writeThen(this.socket, chunk, callback); }
 * ```
 */
export function writeThen(socket: net.Socket, chunk: Buffer, done: () => void): void {
  if (socket.write(chunk)) {
    done();
    return;
  }
  const resume = () => {
    socket.off('drain', resume);
    socket.off('close', resume);
    done();
  };
  socket.on('drain', resume);
  socket.on('close', resume);
}

/** How long a graceful close (FIN, pending writes) may take before the socket is destroyed. */
const GRACEFUL_CLOSE_MS = 2_000;

/**
 * Ends `socket` gracefully (what was written still goes out, then FIN) and destroys it if it has
 * not closed within {@link GRACEFUL_CLOSE_MS}.
 */
export function endGracefully(socket: net.Socket): void {
  socket.end();
  setTimeout(() => socket.destroy(), GRACEFUL_CLOSE_MS).unref();
}
