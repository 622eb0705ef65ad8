// The builders make what they say: node:crypto (OpenSSL) reads every certificate, checks each
// signature with the issuer's key, and sees the names and extensions that were asked for; the DER
// helpers encode lengths minimally and read back what they wrote.
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildCert,
  children,
  derLength,
  hex,
  intermediate,
  type KeyKind,
  key,
  leaf,
  readTlv,
  root,
  seq,
  tlv,
  toHex,
} from './index.js';

describe('chain-builder', () => {
  it.each<KeyKind>(['p256', 'p384', 'ed25519', 'rsa2048'])(
    'issues a %s chain node:crypto verifies',
    (kind) => {
      const r = root({ cn: `Test Root ${kind}`, key: key(kind, 'test-pki-root') });
      const i = intermediate(r, { cn: `Test ICA ${kind}`, key: key(kind, 'test-pki-ica') });
      const l = leaf(i, {
        cn: 'device.example',
        key: key(kind, 'test-pki-leaf'),
        san: [{ dns: 'device.example' }],
      });
      const [rc, ic, lc] = [r, i, l].map((c) => new X509Certificate(c.der)) as [
        X509Certificate,
        X509Certificate,
        X509Certificate,
      ];
      expect(rc.verify(rc.publicKey)).toBe(true);
      expect(ic.verify(rc.publicKey)).toBe(true);
      expect(lc.verify(ic.publicKey)).toBe(true);
      expect(lc.verify(rc.publicKey)).toBe(false);
      expect(lc.checkHost('device.example')).toBe('device.example');
      expect(lc.issuer).toBe(ic.subject);
      expect(ic.ca).toBe(true);
      expect(lc.ca).toBe(false);
    },
  );

  it('returns the same key for the same kind and id, another for another id', () => {
    expect(key('p256', 'a')).toBe(key('p256', 'a'));
    expect(key('p256', 'a')).not.toBe(key('p256', 'b'));
  });
});

describe('der-builder', () => {
  it('encodes lengths minimally and reads back what it wrote', () => {
    expect(toHex(derLength(0x7f))).toBe('7f');
    expect(toHex(derLength(0x80))).toBe('8180');
    expect(toHex(derLength(0x100))).toBe('820100');
    const inner = tlv(0x04, new Uint8Array(200));
    const outer = seq(inner, tlv(0x05));
    const t = readTlv(outer);
    expect(t?.tag).toBe(0x30);
    expect(children(t?.value ?? new Uint8Array()).map((c) => [c.tag, c.value.length])).toEqual([
      [0x04, 200],
      [0x05, 0],
    ]);
    expect(readTlv(hex('04 05 00'))).toBeUndefined();
  });

  it('builds a default certificate node:crypto parses', () => {
    const c = new X509Certificate(buildCert());
    expect(c.subject.length).toBeGreaterThan(0);
  });
});
