import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClientHelloPeeker, parseClientHello } from './client-hello.js';
import { captureHello } from './testing/clients.js';

function record(type: number, body: Uint8Array, version = 0x0301): Buffer {
  const header = Buffer.from([type, version >> 8, version & 0xff, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([header, body]);
}

/** A minimal, valid ClientHello body with the given extensions block (or none). */
function helloBody(extensions?: Uint8Array, suites = [0x1301, 0xc02f]): Buffer {
  const parts: Uint8Array[] = [
    Buffer.from([0x03, 0x03]),
    Buffer.alloc(32, 7),
    Buffer.from([0]),
    Buffer.from([0, suites.length * 2]),
    Buffer.from(suites.flatMap((s) => [s >> 8, s & 0xff])),
    Buffer.from([1, 0]),
  ];
  if (extensions) parts.push(Buffer.from([extensions.length >> 8, extensions.length & 0xff]), extensions);
  return Buffer.concat(parts);
}

function handshake(body: Uint8Array): Buffer {
  return Buffer.concat([
    Buffer.from([1, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff]),
    body,
  ]);
}

function ext(type: number, data: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([type >> 8, type & 0xff, data.length >> 8, data.length & 0xff]), data]);
}

function sni(name: string): Buffer {
  const host = Buffer.from(name);
  const entry = Buffer.concat([Buffer.from([0, host.length >> 8, host.length & 0xff]), host]);
  return ext(0, Buffer.concat([Buffer.from([entry.length >> 8, entry.length & 0xff]), entry]));
}

describe('ClientHello parsing', () => {
  it('reads what a node:tls client offers (SNI, ALPN, TLS 1.3 and 1.2, suites, groups)', async () => {
    const bytes = await captureHello({
      servername: 'myhub.azure-devices.net',
      ALPNProtocols: ['x-amzn-mqtt-ca', 'mqtt'],
    });
    const outcome = parseClientHello(bytes);
    expect(outcome.kind).toBe('client-hello');
    const hello = outcome.hello;
    expect(hello?.format).toBe('tls');
    expect(hello?.serverName).toBe('myhub.azure-devices.net');
    expect(hello?.alpn).toEqual(['x-amzn-mqtt-ca', 'mqtt']);
    expect(hello?.versions).toEqual(['TLSv1.3', 'TLSv1.2']);
    expect(hello?.legacyVersion).toBe('TLSv1.2');
    expect(hello?.cipherSuites).toContain('TLS_AES_256_GCM_SHA384');
    expect(hello?.cipherSuites).toContain('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256');
    expect(hello?.supportedGroups).toContain('x25519');
    expect(hello?.keyShareGroups.length).toBeGreaterThan(0);
    expect(hello?.signatureAlgorithms).toContain('rsa_pss_rsae_sha256');
    expect(hello?.extensions).toContain(43);
  });

  it('reads a TLS 1.0-only hello without supported_versions', async () => {
    const bytes = await captureHello({
      servername: 'legacy.example',
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1',
      ciphers: 'DEFAULT@SECLEVEL=0',
    });
    const { hello } = parseClientHello(bytes);
    expect(hello?.legacyVersion).toBe('TLSv1');
    expect(hello?.versions).toEqual(['TLSv1']);
    expect(hello?.extensions).not.toContain(43);
    expect(hello?.alpn).toEqual([]);
  });

  it('gives the same result whether bytes arrive at once, byte by byte, or split into records', async () => {
    const bytes = await captureHello({ servername: 'split.example' });
    const whole = parseClientHello(bytes);
    const peeker = new ClientHelloPeeker();
    let trickled = null;
    for (let i = 0; i < bytes.length && !trickled; i++) trickled = peeker.push(bytes.subarray(i, i + 1));
    expect(trickled).toEqual(whole);
    // Re-fragment the handshake message over three records (RFC 8446 §5.1 allows it).
    const hs = bytes.subarray(5, 5 + bytes.readUInt16BE(3));
    const split = Buffer.concat([
      record(22, hs.subarray(0, 3)),
      record(22, hs.subarray(3, 50)),
      record(22, hs.subarray(50)),
    ]);
    expect(parseClientHello(split).hello).toEqual(whole.hello);
  });

  it('reads hand-built hellos: SNI, max_fragment_length, record_size_limit, GREASE, no extensions', () => {
    const exts = Buffer.concat([
      sni('dev.example'),
      ext(1, Buffer.from([2])),
      ext(28, Buffer.from([0x08, 0x00])),
      ext(0x1a1a, Buffer.alloc(0)),
    ]);
    const { hello } = parseClientHello(record(22, handshake(helloBody(exts, [0x2a2a, 0x1301, 0x1234]))));
    expect(hello).toMatchObject({
      serverName: 'dev.example',
      maxFragmentLength: 1024,
      recordSizeLimit: 2048,
      cipherSuites: ['GREASE(0x2a2a)', 'TLS_AES_128_GCM_SHA256', '0x1234'],
      extensions: [0, 1, 28, 0x1a1a],
    });
    const bare = parseClientHello(record(22, handshake(helloBody())));
    expect(bare.hello).toMatchObject({ extensions: [], serverName: null, versions: ['TLSv1.2'] });
  });

  it('reads an SSLv2-compatible hello', () => {
    const specs = [0x00, 0x00, 0x2f, 0x01, 0x00, 0x80, 0x00, 0xc0, 0x14];
    const body = Buffer.from([1, 0x03, 0x01, 0, specs.length, 0, 0, 0, 16, ...specs, ...Array(16).fill(9)]);
    const bytes = Buffer.concat([Buffer.from([0x80 | (body.length >> 8), body.length & 0xff]), body]);
    const outcome = parseClientHello(bytes);
    expect(outcome.kind).toBe('client-hello');
    expect(outcome.hello).toMatchObject({
      format: 'sslv2-compatible',
      legacyVersion: 'TLSv1',
      cipherSuites: ['TLS_RSA_WITH_AES_128_CBC_SHA', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA'],
    });
  });

  it('classifies non-TLS, malformed and oversized input with a reason', () => {
    // MQTT CONNECT sent in the clear to the TLS port.
    expect(parseClientHello(Buffer.from('101000044d5154540402003c0000', 'hex'))).toMatchObject({
      kind: 'not-tls',
      firstBytes: '101000044d5154540402003c0000',
    });
    expect(parseClientHello(Buffer.from('GET / HTTP/1.1\r\n')).kind).toBe('not-tls');
    const cases: [Buffer, RegExp][] = [
      [
        Buffer.concat([record(22, handshake(helloBody()).subarray(0, 10)), record(21, Buffer.from([2, 40]))]),
        /record type 21/,
      ],
      [record(22, Buffer.alloc(0)), /empty handshake record/],
      [Buffer.from([22, 3, 1, 0x40, 0x01]), /record_overflow/],
      [record(22, Buffer.from([2, 0, 0, 0])), /first handshake message has type 2/],
      [record(22, handshake(helloBody(Buffer.concat([sni('a'), sni('b')])))), /duplicate extension 0/],
      [record(22, handshake(Buffer.from([3, 3, 1, 2]))), /truncated/],
      [record(22, handshake(Buffer.concat([helloBody(), Buffer.from([9])]))), /truncated|trailing/],
    ];
    for (const [bytes, reason] of cases) {
      const outcome = parseClientHello(bytes);
      expect(outcome.kind).toBe('malformed');
      expect(outcome.error).toMatch(reason);
    }
    const huge = Buffer.from([22, 3, 1, 0x40, 0x00, 1, 0x7f, 0xff, 0xff]);
    expect(new ClientHelloPeeker(1024).push(huge)?.kind).toBe('too-large');
    expect(new ClientHelloPeeker().push(Buffer.from([22, 3, 1, 0x3f, 0xff, 1, 0x0f, 0xff, 0xff]))).toBe(null);
  });

  it('never throws, and decides the same whatever the chunking, on arbitrary or mutated input', async () => {
    const real = await captureHello({ servername: 'fuzz.example' });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 600 }),
          fc
            .tuple(fc.nat(real.length - 1), fc.integer({ min: 0, max: 255 }))
            .map(([i, v]) => Uint8Array.from(real.map((b, j) => (j === i ? v : b)))),
          fc.nat(real.length).map((n) => real.subarray(0, n)),
        ),
        fc.array(fc.nat(700), { maxLength: 6 }),
        (bytes, cuts) => {
          const whole = new ClientHelloPeeker(2048).push(bytes);
          const peeker = new ClientHelloPeeker(2048);
          let chunked = null;
          let from = 0;
          for (const cut of [
            ...cuts.map((c) => Math.min(c, bytes.length)).sort((a, b) => a - b),
            bytes.length,
          ]) {
            if (cut <= from) continue;
            chunked = peeker.push(bytes.subarray(from, cut));
            from = cut;
            if (chunked) break;
          }
          // firstBytes holds what had arrived when the decision fell, so only its prefix is stable.
          expect(chunked === null).toBe(whole === null);
          if (chunked && whole) {
            expect({ ...chunked, firstBytes: '' }).toEqual({ ...whole, firstBytes: '' });
            expect(whole.firstBytes.startsWith(chunked.firstBytes)).toBe(true);
          }
          if (whole) expect(['client-hello', 'malformed', 'not-tls', 'too-large']).toContain(whole.kind);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
