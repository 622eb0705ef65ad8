// Test helper: takes a DER ECDSA-Sig-Value apart and re-encodes it with deliberate defects.
import { concat, tlv } from './der-builder.js';

/** Options of a defective re-encoding. */
export interface SigDefects {
  /** Encode the SEQUENCE length in long form (BER). */
  seqLongForm?: boolean;
  /** Use the BER indefinite length for the SEQUENCE. */
  indefinite?: boolean;
  /** Bytes appended inside the SEQUENCE. */
  extra?: Uint8Array;
  /** Prefix r with a superfluous 0x00. */
  padR?: boolean;
  /** Flip s to its two's-complement negation. */
  negateS?: boolean;
  /** Tag used for r instead of INTEGER. */
  rTag?: number;
}

function readTlv(b: Uint8Array, off: number): { tag: number; val: Uint8Array; end: number } {
  const tag = b[off] as number;
  let len = b[off + 1] as number;
  let p = off + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (b[p + i] as number);
    p += n;
  }
  return { tag, val: b.subarray(p, p + len), end: p + len };
}

/** r and s of a DER signature (INTEGER contents, as encoded), and re-encoders. */
export function ecdsaSigParts(der: Uint8Array) {
  const seq = readTlv(der, 0);
  const r = readTlv(seq.val, 0);
  const s = readTlv(seq.val, r.end);
  return {
    r: r.val,
    s: s.val,
    /** Re-encodes with the given defects. */
    reencode(d: SigDefects): Uint8Array {
      const rv = d.padR ? concat(Uint8Array.of(0), r.val) : r.val;
      let sv: Uint8Array = s.val;
      if (d.negateS) {
        let x = 0n;
        for (const b of s.val) x = (x << 8n) | BigInt(b);
        const width = BigInt(s.val.length * 8 + 8);
        let y = (1n << width) - x;
        const out = new Uint8Array(s.val.length + 1);
        for (let i = out.length - 1; i >= 0; i--) {
          out[i] = Number(y & 0xffn);
          y >>= 8n;
        }
        sv = out;
      }
      const body = concat(tlv(d.rTag ?? 0x02, rv), tlv(0x02, sv), d.extra ?? new Uint8Array(0));
      if (d.indefinite) return concat(Uint8Array.of(0x30, 0x80), body, Uint8Array.of(0, 0));
      if (d.seqLongForm) return concat(Uint8Array.of(0x30, 0x81, body.length), body);
      return concat(Uint8Array.of(0x30, body.length), body);
    },
    /** r || s, each left-padded to `size` octets (IEEE P1363 form). */
    raw(size: number): Uint8Array {
      const pad = (v: Uint8Array) => {
        const m = v[0] === 0 ? v.subarray(1) : v;
        return concat(new Uint8Array(size - m.length), m);
      };
      return concat(pad(r.val), pad(s.val));
    },
  };
}
