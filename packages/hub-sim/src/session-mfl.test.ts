// negotiatedMaxFragmentLength on OpenSSL session encodings: the real ones come from the s_client
// runs in record-size.test.ts; here the DER edge cases and random input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { negotiatedMaxFragmentLength } from './session-mfl.js';

const hex = (text: string) => Buffer.from(text.replace(/\s/g, ''), 'hex');

describe('negotiatedMaxFragmentLength', () => {
  it('reads [17] max_fragment_len_mode from a session SEQUENCE (codes 1-4)', () => {
    for (const [code, bytes] of [
      [1, 512],
      [2, 1024],
      [3, 2048],
      [4, 4096],
    ]) {
      // SEQUENCE { INTEGER 1, OCTET STRING 'ab', [17] { INTEGER code } }
      expect(negotiatedMaxFragmentLength(hex(`30 0c 020101 0402abab b103 0201 0${code}`))).toBe(bytes);
    }
  });

  it('finds it after long-form lengths (a session of OpenSSL 3.0, TLS 1.2, as Node serialises it)', () => {
    const session = hex(
      `308180020101020203030402c02b04000430${'77'.repeat(48)}a10602046b16d443a20402021c20a422042038${'31'.repeat(31)}ad03020101b103020101b30302011d`,
    );
    expect(negotiatedMaxFragmentLength(session)).toBe(512);
  });

  it('is null without the field, for unknown codes and for malformed input', () => {
    expect(negotiatedMaxFragmentLength(hex('3006 020101 020102'))).toBe(null);
    expect(negotiatedMaxFragmentLength(hex('3005 b103 020105'))).toBe(null);
    expect(negotiatedMaxFragmentLength(hex('3005 b103 020201'))).toBe(null); // truncated INTEGER
    expect(negotiatedMaxFragmentLength(hex('3005 b104 02010101'))).toBe(null); // element past the end
    expect(negotiatedMaxFragmentLength(hex('3185'))).toBe(null);
    expect(negotiatedMaxFragmentLength(new Uint8Array(0))).toBe(null);
  });

  it('never throws and answers only RFC 6066 sizes on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const withTag = Uint8Array.from([0x30, Math.min(bytes.length, 0x7f), ...bytes]);
        for (const input of [bytes, withTag]) {
          expect([null, 512, 1024, 2048, 4096]).toContain(negotiatedMaxFragmentLength(input));
        }
      }),
      { numRuns: 500 },
    );
  });
});
