// A byte-level gate in front of aedes: frames MQTT control packets by their fixed header
// (MQTT 3.1.1 §2.2: type nibble, 1-4 byte "remaining length") and closes the connection before
// buffering anything oversized or out of order. aedes/mqtt-packet would otherwise accumulate a
// packet of any declared size (up to 256 MiB) before parsing it.
import { Duplex } from 'node:stream';
import type tls from 'node:tls';
import { endGracefully, writeThen } from './socket-write.js';

/** Callbacks of {@link MqttGuard}. */
export interface GuardEvents {
  /** A control packet header was read (type 1 = CONNECT, ...). */
  packet(type: number, totalBytes: number): void;
  /** A violation; the connection is being closed. */
  violation(reason: string): void;
  /** Application bytes received. */
  bytes(count: number): void;
}

/** Frames the client → hub byte stream of one MQTT connection. */
export class MqttFramer {
  private state: 'type' | 'length' | 'body' = 'type';
  private type = 0;
  private length = 0;
  private multiplier = 1;
  private lengthBytes = 0;
  private remaining = 0;
  private packets = 0;
  failed: string | null = null;

  constructor(
    private readonly maxPacketBytes: number,
    private readonly onPacket: (type: number, totalBytes: number) => void,
  ) {}

  /** Consumes bytes; returns false (and sets `failed`) on the first violation. */
  feed(chunk: Uint8Array): boolean {
    for (let i = 0; i < chunk.length && !this.failed; ) {
      if (this.state === 'type') {
        this.type = (chunk[i++] as number) >> 4;
        if (this.type === 0 || this.type === 15) return this.fail(`reserved packet type ${this.type}`);
        if (this.packets === 0 && this.type !== 1)
          return this.fail(`first packet is type ${this.type}, not CONNECT`);
        this.state = 'length';
        this.length = 0;
        this.multiplier = 1;
        this.lengthBytes = 0;
      } else if (this.state === 'length') {
        const byte = chunk[i++] as number;
        this.length += (byte & 0x7f) * this.multiplier;
        this.multiplier *= 128;
        this.lengthBytes++;
        if (byte & 0x80) {
          if (this.lengthBytes === 4) return this.fail('remaining length longer than 4 bytes');
          continue;
        }
        const total = 1 + this.lengthBytes + this.length;
        if (total > this.maxPacketBytes)
          return this.fail(`packet of ${total} bytes over the ${this.maxPacketBytes}-byte limit`);
        this.packets++;
        this.onPacket(this.type, total);
        this.remaining = this.length;
        this.state = this.remaining === 0 ? 'type' : 'body';
      } else {
        const take = Math.min(this.remaining, chunk.length - i);
        i += take;
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'type';
      }
    }
    return !this.failed;
  }

  private fail(reason: string): false {
    this.failed = reason;
    return false;
  }
}

/** The stream aedes reads and writes: the TLS socket behind an {@link MqttFramer}. */
export class MqttGuard extends Duplex {
  private readonly framer: MqttFramer;

  constructor(
    private readonly socket: tls.TLSSocket,
    maxPacketBytes: number,
    events: GuardEvents,
  ) {
    super();
    this.framer = new MqttFramer(maxPacketBytes, events.packet);
    socket.on('data', (chunk: Buffer) => {
      events.bytes(chunk.length);
      if (!this.framer.feed(chunk)) {
        events.violation(this.framer.failed ?? 'protocol violation');
        socket.destroy();
        return;
      }
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    socket.on('close', () => this.destroy());
    socket.on('error', () => this.destroy());
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    // Complete at once unless the socket pushes back: aedes destroys the stream right after its
    // last write, and a write still waiting for its callback would be dropped with the stream.
    if (this.socket.destroyed) callback();
    else writeThen(this.socket, chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (error || this.socket.destroyed) {
      this.socket.destroy();
    } else {
      // aedes destroys the stream right after writing a refusing CONNACK: let it (and the TLS
      // close_notify) reach the client first, then make sure the socket goes.
      endGracefully(this.socket);
    }
    callback(error);
  }
}
