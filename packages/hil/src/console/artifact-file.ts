// An append-only artifact file (a console's raw bytes, its timestamped lines) written in batches
// with synchronous writes.
//
// Why synchronous: a console under a 1 MB/s flood produces hundreds of chunks a second. Handing
// each to an fs.WriteStream queues a Buffer per chunk (and pins the 16 KiB read pool it was sliced
// from) until the thread pool writes it, and nothing bounds that queue when the disk is slower
// than the port. Here bytes are copied into one buffer allocated once and written with
// fs.writeSync when it is full or `flushMs` after the first byte: at most 16 writes a second at
// 1 MB/s, each a copy into the page cache, and no queue. When the disk is slower than the port,
// the write blocks the event loop, which stops the serial reads: backpressure reaches the port
// (the kernel's tty buffer, then the device's flow control) instead of the runner's memory. Node
// writes process.stdout to files synchronously for the same reasons (Node.js docs, "A note on
// process I/O").
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Options of {@link ArtifactFile}. */
export interface ArtifactFileOptions {
  /** Batch buffer size. Default 64 KiB: one write per 64 ms at 1 MB/s. */
  readonly batchBytes?: number;
  /** Longest time bytes wait in the batch. Default 100 ms, so a failing test's log is on disk at once. */
  readonly flushMs?: number;
  /** Called once when a write fails (disk full, file gone); later writes are dropped. */
  readonly onError?: (error: Error) => void;
}

/** One artifact file, appended to. */
export class ArtifactFile {
  private fd: number | null;
  private readonly batch: Buffer;
  private used = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly flushMs: number;
  private failed: Error | null = null;

  /**
   * Opens (creates, appends to) `path`, creating its directory.
   * @throws Error from the file system when it cannot be opened.
   */
  constructor(
    readonly path: string,
    private readonly options: ArtifactFileOptions = {},
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a');
    this.batch = Buffer.allocUnsafe(options.batchBytes ?? 64 * 1024);
    this.flushMs = options.flushMs ?? 100;
  }

  /** The first write error, if any. */
  get error(): Error | null {
    return this.failed;
  }

  /** Appends bytes (copied: the caller may reuse its buffer). */
  write(bytes: Uint8Array): void {
    if (this.fd === null || this.failed) return;
    if (bytes.length > this.batch.length - this.used) this.flush();
    if (bytes.length > this.batch.length) {
      this.writeOut(bytes, bytes.length);
      return;
    }
    this.batch.set(bytes, this.used);
    this.used += bytes.length;
    this.schedule();
  }

  /** Appends text as UTF-8, without building an intermediate string or Buffer when it fits. */
  writeText(text: string): void {
    if (this.fd === null || this.failed) return;
    // UTF-16 code units to UTF-8: at most 3 bytes each (a surrogate pair is 4 bytes for 2 units).
    if (text.length * 3 > this.batch.length - this.used) this.flush();
    if (text.length * 3 > this.batch.length) {
      const bytes = Buffer.from(text, 'utf8');
      this.writeOut(bytes, bytes.length);
      return;
    }
    // write(text, offset) (UTF-8 by default): the form with the encoding in the length position
    // allocates on every call in Node 20 (measured, bench/flood.ts), and this runs 40,000 times a
    // second under a flood.
    this.used += this.batch.write(text, this.used);
    this.schedule();
  }

  /** Writes the batch out now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.used === 0) return;
    const n = this.used;
    this.used = 0;
    this.writeOut(this.batch, n);
  }

  /** Flushes and closes the file. */
  close(): void {
    this.flush();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private schedule(): void {
    if (this.timer || this.used === 0) return;
    this.timer = setTimeout(() => this.flush(), this.flushMs);
    this.timer.unref();
  }

  private writeOut(bytes: Uint8Array, length: number): void {
    if (this.fd === null || this.failed) return;
    try {
      let done = 0;
      // writeSync may write less than asked (a signal, a nearly full disk): loop until all is out.
      while (done < length) {
        const n = writeSync(this.fd, bytes, done, length - done);
        if (n <= 0) throw new Error(`${this.path}: the file system accepted no bytes`);
        done += n;
      }
    } catch (error) {
      this.failed = error as Error;
      this.options.onError?.(this.failed);
    }
  }
}
