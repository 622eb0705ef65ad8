// A Duplex between the raw TCP socket and node:tls that sees every TLS record in both
// directions (record layer only: type, version, length and the first bytes of each body) and can
// hold back what the TLS stack writes. Giving node:tls a JS stream instead of the socket costs
// some speed and buys: alert and ServerHello observation, byte counts, and the hold/replace needed
// to answer a bad client certificate with the right alert (tls-endpoint.ts).

import type net from 'node:net';
import { Duplex } from 'node:stream';
import { writeThen } from './socket-write.js';

/** One TLS record as seen on the wire. */
export interface RecordHead {
  readonly type: number;
  readonly version: number;
  readonly length: number;
  /** The first (up to 512) bytes of the body. */
  readonly head: Buffer;
}

/** How many body bytes of each record are kept for inspection (a ServerHello fits). */
const HEAD_BYTES = 512;

/**
 * Splits a byte stream into TLS records. Stops (and stays stopped) at the first header whose
 * content type is not 20-24: after that the stream is not TLS and nothing more is reported.
 */
class RecordScanner {
  private readonly header = Buffer.alloc(5);
  private headerFill = 0;
  private remaining = 0;
  private current: { type: number; version: number; length: number } | null = null;
  private headParts: Buffer[] = [];
  private headLength = 0;
  stopped = false;

  constructor(private readonly onRecord: (record: RecordHead) => void) {}

  feed(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length && !this.stopped) {
      if (!this.current) {
        const take = Math.min(5 - this.headerFill, chunk.length - pos);
        chunk.copy(this.header, this.headerFill, pos, pos + take);
        this.headerFill += take;
        pos += take;
        if (this.headerFill < 5) return;
        this.headerFill = 0;
        const type = this.header[0] as number;
        if (type < 20 || type > 24) {
          this.stopped = true;
          return;
        }
        this.current = { type, version: this.header.readUInt16BE(1), length: this.header.readUInt16BE(3) };
        this.remaining = this.current.length;
        this.headParts = [];
        this.headLength = 0;
      }
      const take = Math.min(this.remaining, chunk.length - pos);
      if (this.headLength < HEAD_BYTES && take > 0) {
        const keep = Math.min(take, HEAD_BYTES - this.headLength);
        this.headParts.push(chunk.subarray(pos, pos + keep));
        this.headLength += keep;
      }
      pos += take;
      this.remaining -= take;
      if (this.remaining === 0) {
        const record = { ...this.current, head: Buffer.concat(this.headParts) };
        this.current = null;
        this.onRecord(record);
      }
    }
  }
}

/** Callbacks of a {@link WireTap}. */
export interface TapObserver {
  incoming(record: RecordHead): void;
  outgoing(record: RecordHead): void;
}

/**
 * The stream node:tls reads and writes. `initial` holds bytes already read from `raw` (the
 * peeked ClientHello); they are delivered first.
 */
export class WireTap extends Duplex {
  bytesIn = 0;
  bytesOut = 0;
  /** Who closed first: the client (FIN or reset) or the hub (its TLS stack ended the stream). */
  closer: 'client' | 'hub' | null = null;
  private held: Buffer[] | null = null;
  private readonly inScanner: RecordScanner;
  private readonly outScanner: RecordScanner;

  constructor(
    readonly raw: net.Socket,
    initial: Buffer,
    observer: TapObserver,
  ) {
    super();
    this.inScanner = new RecordScanner((r) => observer.incoming(r));
    this.outScanner = new RecordScanner((r) => observer.outgoing(r));
    raw.on('data', (chunk: Buffer) => this.fromRaw(chunk));
    raw.on('end', () => {
      this.closer ??= 'client';
      this.push(null);
    });
    raw.on('error', (error) => {
      this.closer ??= 'client';
      this.destroy(error);
    });
    raw.on('close', () => this.destroy());
    if (initial.length > 0) queueMicrotask(() => this.fromRaw(Buffer.from(initial)));
  }

  private fromRaw(chunk: Buffer): void {
    // Counted and scanned until the socket closes, also after the TLS stack is done with it (a
    // client's close_notify after the hub's).
    this.bytesIn += chunk.length;
    this.inScanner.feed(chunk);
    if (this.destroyed) return;
    if (!this.push(chunk)) this.raw.pause();
  }

  override _read(): void {
    this.raw.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.outScanner.feed(chunk);
    if (this.held) {
      this.held.push(chunk);
      callback();
      return;
    }
    this.sendRaw(chunk, callback);
  }

  /**
   * Writes to the socket, bypassing the hold. The callback runs at once unless the socket
   * pushes back (then on 'drain' or 'close'), so nothing waits on a socket that is going away.
   */
  sendRaw(chunk: Buffer, callback?: (error?: Error | null) => void): void {
    if (this.raw.destroyed || this.raw.writableEnded) {
      callback?.();
      return;
    }
    this.bytesOut += chunk.length;
    if (callback) writeThen(this.raw, chunk, callback);
    else this.raw.write(chunk);
  }

  /** Starts holding back what the TLS stack writes. */
  hold(): void {
    this.held ??= [];
  }

  get holding(): boolean {
    return this.held !== null;
  }

  /** Sends what was held and stops holding. */
  release(): void {
    const held = this.held;
    this.held = null;
    for (const chunk of held ?? []) this.sendRaw(chunk);
  }

  /** Drops what was held (it will never be sent) and stops holding. */
  discardHeld(): void {
    this.held = null;
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.closer ??= 'hub';
    this.release();
    if (!this.raw.destroyed) this.raw.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // Whatever OpenSSL wrote last (typically its alert) still goes out before the FIN.
    if (!this.raw.destroyed) this.closer ??= 'hub';
    this.release();
    if (!this.raw.destroyed) this.raw.end();
    callback(error);
  }
}
