// SHA-1 (FIPS 180-4 §6.1) block function. The streaming state machine, padding and output live in
// hash.ts; this file only transforms the 5-word state over whole 64-byte blocks. SHA-1 is broken for
// collision resistance; the verifier supports it for old certificates and lets policy reject it.
//
// Speed notes: the schedule W[0..79] is expanded first into static scratch and the rounds of each of
// the four phases run unrolled by 5 with renamed working variables.

/** Message schedule W[0..79] of the block being compressed (320 bytes of static scratch). */
const W1: usize = memory.data(320, 16);

/** Initial hash value H(0) (FIPS 180-4 §5.3.1). */
const IV1: usize = memory.data<u32>([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);

/** Writes the SHA-1 initial state (5 words) at `state`. */
export function sha1InitState(state: usize): void {
  memory.copy(state, IV1, 20);
}

/** Compresses `blocks` consecutive 64-byte blocks at `p` into the 5-word state at `state`. */
export function sha1Blocks(state: usize, p: usize, blocks: usize): void {
  let a: u32, b: u32, c: u32, d: u32, e: u32;
  let h0 = load<u32>(state, 0);
  let h1 = load<u32>(state, 4);
  let h2 = load<u32>(state, 8);
  let h3 = load<u32>(state, 12);
  let h4 = load<u32>(state, 16);
  const end = p + (blocks << 6);
  while (p < end) {
    for (let i: usize = 0; i < 64; i += 4) store<u32>(W1 + i, bswap<u32>(load<u32>(p + i)));
    for (let i: usize = 64; i < 320; i += 4) {
      const x =
        load<u32>(W1 + i - 12) ^ load<u32>(W1 + i - 32) ^ load<u32>(W1 + i - 56) ^ load<u32>(W1 + i - 64);
      store<u32>(W1 + i, rotl<u32>(x, 1));
    }
    a = h0;
    b = h1;
    c = h2;
    d = h3;
    e = h4;
    // t = 0..19: f = Ch, K = 0x5a827999
    for (let i: usize = 0; i < 80; i += 20) {
      const w = W1 + i;
      const K: u32 = 0x5a827999;
      e += rotl<u32>(a, 5) + (d ^ (b & (c ^ d))) + K + load<u32>(w, 0);
      b = rotl<u32>(b, 30);
      d += rotl<u32>(e, 5) + (c ^ (a & (b ^ c))) + K + load<u32>(w, 4);
      a = rotl<u32>(a, 30);
      c += rotl<u32>(d, 5) + (b ^ (e & (a ^ b))) + K + load<u32>(w, 8);
      e = rotl<u32>(e, 30);
      b += rotl<u32>(c, 5) + (a ^ (d & (e ^ a))) + K + load<u32>(w, 12);
      d = rotl<u32>(d, 30);
      a += rotl<u32>(b, 5) + (e ^ (c & (d ^ e))) + K + load<u32>(w, 16);
      c = rotl<u32>(c, 30);
    }
    // t = 20..39: f = Parity, K = 0x6ed9eba1
    for (let i: usize = 80; i < 160; i += 20) {
      const w = W1 + i;
      const K: u32 = 0x6ed9eba1;
      e += rotl<u32>(a, 5) + (b ^ c ^ d) + K + load<u32>(w, 0);
      b = rotl<u32>(b, 30);
      d += rotl<u32>(e, 5) + (a ^ b ^ c) + K + load<u32>(w, 4);
      a = rotl<u32>(a, 30);
      c += rotl<u32>(d, 5) + (e ^ a ^ b) + K + load<u32>(w, 8);
      e = rotl<u32>(e, 30);
      b += rotl<u32>(c, 5) + (d ^ e ^ a) + K + load<u32>(w, 12);
      d = rotl<u32>(d, 30);
      a += rotl<u32>(b, 5) + (c ^ d ^ e) + K + load<u32>(w, 16);
      c = rotl<u32>(c, 30);
    }
    // t = 40..59: f = Maj, K = 0x8f1bbcdc
    for (let i: usize = 160; i < 240; i += 20) {
      const w = W1 + i;
      const K: u32 = 0x8f1bbcdc;
      e += rotl<u32>(a, 5) + ((b & c) | (d & (b | c))) + K + load<u32>(w, 0);
      b = rotl<u32>(b, 30);
      d += rotl<u32>(e, 5) + ((a & b) | (c & (a | b))) + K + load<u32>(w, 4);
      a = rotl<u32>(a, 30);
      c += rotl<u32>(d, 5) + ((e & a) | (b & (e | a))) + K + load<u32>(w, 8);
      e = rotl<u32>(e, 30);
      b += rotl<u32>(c, 5) + ((d & e) | (a & (d | e))) + K + load<u32>(w, 12);
      d = rotl<u32>(d, 30);
      a += rotl<u32>(b, 5) + ((c & d) | (e & (c | d))) + K + load<u32>(w, 16);
      c = rotl<u32>(c, 30);
    }
    // t = 60..79: f = Parity, K = 0xca62c1d6
    for (let i: usize = 240; i < 320; i += 20) {
      const w = W1 + i;
      const K: u32 = 0xca62c1d6;
      e += rotl<u32>(a, 5) + (b ^ c ^ d) + K + load<u32>(w, 0);
      b = rotl<u32>(b, 30);
      d += rotl<u32>(e, 5) + (a ^ b ^ c) + K + load<u32>(w, 4);
      a = rotl<u32>(a, 30);
      c += rotl<u32>(d, 5) + (e ^ a ^ b) + K + load<u32>(w, 8);
      e = rotl<u32>(e, 30);
      b += rotl<u32>(c, 5) + (d ^ e ^ a) + K + load<u32>(w, 12);
      d = rotl<u32>(d, 30);
      a += rotl<u32>(b, 5) + (c ^ d ^ e) + K + load<u32>(w, 16);
      c = rotl<u32>(c, 30);
    }
    h0 += a;
    h1 += b;
    h2 += c;
    h3 += d;
    h4 += e;
    p += 64;
  }
  store<u32>(state, h0, 0);
  store<u32>(state, h1, 4);
  store<u32>(state, h2, 8);
  store<u32>(state, h3, 12);
  store<u32>(state, h4, 16);
}
