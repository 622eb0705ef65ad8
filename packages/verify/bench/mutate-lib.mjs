// Certificate mutations shared by src/x509-mutation.test.ts (5,000 cases in CI, fast-check) and
// bench/mutate-100k.mjs (100,000 cases, not in CI). Plain JS so the bench needs no build step.

/** Offsets of every TLV header in a DER certificate (descending into constructed values). */
export function tlvOffsets(der) {
  const out = [];
  const walk = (start, end, depth) => {
    let p = start;
    while (p + 2 <= end && depth < 40) {
      const tag = der[p];
      let len = der[p + 1];
      let h = 2;
      if (len & 0x80) {
        const n = len & 0x7f;
        if (n === 0 || n > 4 || p + 2 + n > end) return;
        len = 0;
        for (let i = 0; i < n; i++) len = len * 256 + der[p + 2 + i];
        h += n;
      }
      if (p + h + len > end) return;
      out.push(p);
      if (tag & 0x20) walk(p + h, p + h + len, depth + 1);
      // Extension values are DER inside OCTET STRINGs: walk those too.
      else if (tag === 0x04 && len > 1 && (der[p + h] === 0x30 || der[p + h] === 0x03))
        walk(p + h, p + h + len, depth + 1);
      p += h + len;
    }
  };
  walk(0, der.length, 0);
  return out;
}

/**
 * Applies mutation `kind` (0..6) to a copy of `der`, steered by the numbers in `r` (each in
 * [0, 1)). Returns the mutated bytes.
 *   0 bit flips   1 truncation   2 length tampering   3 tag tampering
 *   4 byte insertion   5 byte deletion   6 header-aware length/tag swap with long forms
 */
export function mutate(der, kind, r, offsets) {
  const pick = (x, n) => Math.min(n - 1, Math.floor(x * n));
  const b = Uint8Array.from(der);
  const at = offsets[pick(r[0], offsets.length)];
  switch (kind) {
    case 0: {
      const flips = 1 + pick(r[1], 3);
      for (let i = 0; i < flips; i++) {
        const pos = pick(r[2 + i], b.length);
        b[pos] ^= 1 << pick(r[5 + i], 8);
      }
      return b;
    }
    case 1:
      return b.subarray(0, pick(r[1], b.length));
    case 2: {
      // Change the first length octet: small deltas, or forms DER forbids.
      const choices = [1, -1, 2, -2, 0x80 - b[at + 1], 0x7f, 0x81, 0xff, 0x84, 0x00];
      b[at + 1] = (b[at + 1] + choices[pick(r[1], choices.length)]) & 0xff;
      return b;
    }
    case 3: {
      const tags = [
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x17, 0x18, 0x1f, 0x30, 0x31, 0x80, 0x81, 0x82,
        0x87, 0xa0, 0xa3, 0xa4, 0xbf, 0xff,
      ];
      b[at] = tags[pick(r[1], tags.length)];
      return b;
    }
    case 4: {
      const pos = pick(r[1], b.length + 1);
      const out = new Uint8Array(b.length + 1);
      out.set(b.subarray(0, pos), 0);
      out[pos] = pick(r[2], 256);
      out.set(b.subarray(pos), pos + 1);
      return out;
    }
    case 5: {
      const pos = pick(r[1], b.length);
      const out = new Uint8Array(b.length - 1);
      out.set(b.subarray(0, pos), 0);
      out.set(b.subarray(pos + 1), pos);
      return out;
    }
    default: {
      // Rewrite a header with a non-minimal long-form length for the same value (BER, not DER),
      // or claim a huge length.
      const len = b[at + 1];
      if (len & 0x80) {
        b[at + 1] = 0x84;
        return b;
      }
      const out = new Uint8Array(b.length + 1);
      out.set(b.subarray(0, at + 1), 0);
      out[at + 1] = 0x81;
      out[at + 2] = r[1] < 0.5 ? len : 0xff;
      out.set(b.subarray(at + 2), at + 3);
      return out;
    }
  }
}

/** Number of mutation kinds. */
export const MUTATION_KINDS = 7;

/**
 * Runs one case against the test wasm: decodes the original into slot 1 and the mutant into
 * slot 0 in one IO reservation, then, when the mutant decodes, checks its signature with the
 * original issuer's key (slot 2 holds the issuer). Returns { decoded, verified, same }.
 * Throws if the module traps (a WebAssembly.RuntimeError propagates).
 */
export function runCase(w, original, issuer, mutant) {
  const total = original.length + issuer.length + mutant.length;
  const p = w.ioReserve(total);
  const mem = new Uint8Array(w.memory.buffer);
  mem.set(original, p);
  mem.set(issuer, p + original.length);
  mem.set(mutant, p + original.length + issuer.length);
  w.x509Decode(1, p, original.length);
  w.x509Decode(2, p + original.length, issuer.length);
  const code = w.x509Decode(0, p + original.length + issuer.length, mutant.length);
  const view = new DataView(w.memory.buffer);
  const decoded = (view.getUint32(w.x509CertPtr(0) + 8, true) & 1) === 1;
  const verified = decoded ? w.sigVerifyCert(0, 2) === 0 : false;
  const same = mutant.length === original.length && mutant.every((x, i) => x === original[i]);
  return { code, decoded, verified, same };
}
