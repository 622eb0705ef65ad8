import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FlightError, readServerFlight, splitRecords } from './handshake-reader.js';

/** A TLS 1.2 server flight: ServerHello + Certificate(certs) in one handshake record. */
function tls12Flight(certs: Buffer[]): Buffer {
  const hello = Buffer.concat([Buffer.from([3, 3]), Buffer.alloc(32), Buffer.from([0, 0xc0, 0x2f, 0])]);
  const list = Buffer.concat(
    certs.map((c) => Buffer.concat([Buffer.from([0, c.length >> 8, c.length & 0xff]), c])),
  );
  const body = Buffer.concat([Buffer.from([0, list.length >> 8, list.length & 0xff]), list]);
  const msg = (type: number, b: Buffer) =>
    Buffer.concat([Buffer.from([type, 0, b.length >> 8, b.length & 0xff]), b]);
  const handshake = Buffer.concat([msg(2, hello), msg(11, body)]);
  return Buffer.concat([Buffer.from([22, 3, 3, handshake.length >> 8, handshake.length & 0xff]), handshake]);
}

describe('readServerFlight', () => {
  it('reads the certificates of a TLS 1.2 Certificate message in order', () => {
    const certs = [Buffer.from([0x30, 1, 1]), Buffer.from([0x30, 1, 2]), Buffer.from([0x30, 1, 3])];
    const flight = readServerFlight(tls12Flight(certs));
    expect(flight.version).toBe('TLSv1.2');
    expect(flight.certificates.map((c) => Buffer.from(c))).toEqual(certs);
  });

  it('a TLS 1.3 flight without the handshake secret, or a truncated one, is a FlightError', () => {
    const tls13Hello = Buffer.concat([
      Buffer.from([3, 3]),
      Buffer.alloc(32),
      Buffer.from([0, 0x13, 0x01, 0, 0, 6, 0, 0x2b, 0, 2, 3, 4]),
    ]);
    const msg = Buffer.concat([Buffer.from([2, 0, 0, tls13Hello.length]), tls13Hello]);
    const record = Buffer.concat([Buffer.from([22, 3, 3, 0, msg.length]), msg]);
    const encrypted = Buffer.concat([Buffer.from([23, 3, 3, 0, 40]), randomBytes(40)]);
    expect(() => readServerFlight(Buffer.concat([record, encrypted]))).toThrow(/no TLS 1.3 handshake secret/);
    expect(() => readServerFlight(Buffer.concat([record, encrypted]), randomBytes(32))).toThrow(FlightError);
    expect(() => readServerFlight(tls12Flight([Buffer.from([0x30, 0])]).subarray(0, 20))).toThrow(
      FlightError,
    );
  });

  it('never throws anything but FlightError on mutated or random input (bounded, no hang)', () => {
    const base = tls12Flight([randomBytes(300), randomBytes(200)]);
    for (let i = 0; i < 3000; i++) {
      const bytes = i % 3 === 0 ? randomBytes(Math.floor(Math.random() * 600)) : Buffer.from(base);
      if (i % 3 !== 0)
        for (let k = 0; k < 1 + (i % 5); k++)
          bytes[Math.floor(Math.random() * bytes.length)] = Math.floor(Math.random() * 256);
      try {
        const flight = readServerFlight(bytes, i % 2 ? randomBytes(48) : undefined);
        expect(flight.certificates.length).toBeGreaterThanOrEqual(0);
      } catch (error) {
        expect(error).toBeInstanceOf(FlightError);
      }
    }
    expect(splitRecords(Buffer.from('SSH-2.0-OpenSSH\r\n'))).toEqual([]);
  });
});
