// Writing to a socket from a stream's _write without waiting on a socket that is going away.
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
