// Reading a stream chunk by chunk until it ends or the run is interrupted: `logs explain` feeds a
// log file or standard input to the classifier this way, so memory stays bounded by the
// classifier's own limits whatever the input's size, and Ctrl-C stops a read that waits on a pipe.
import { InterruptedError } from './errors.js';

/**
 * Calls `onChunk` with every chunk of `source`, in order, until it ends.
 * @throws InterruptedError when `signal` aborts (the source's iterator is closed first)
 * @example await forEachChunk(createReadStream(file), ctx.io.signal, (c) => classifier.push(c));
 */
export async function forEachChunk(
  source: AsyncIterable<Uint8Array | string>,
  signal: AbortSignal,
  onChunk: (chunk: Uint8Array | string) => void,
): Promise<void> {
  if (signal.aborted) throw new InterruptedError();
  const iterator = source[Symbol.asyncIterator]();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new InterruptedError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => {});
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next.done) return;
      onChunk(next.value);
    }
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
    if (signal.aborted) {
      // A stream's iterator cannot be returned while a read is pending: destroy the stream
      // itself; not awaited, so a source stuck in a read never holds up the interrupt.
      const stream = source as { destroy?: () => void };
      if (typeof stream.destroy === 'function') stream.destroy();
      else iterator.return?.()?.catch(() => {});
    }
  }
}
