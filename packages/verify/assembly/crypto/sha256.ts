// SHA-256 (FIPS 180-4 §6.2) block function. The streaming state machine, padding and output live in
// hash.ts; this file only transforms the 8-word state over whole 64-byte blocks.
//
// Speed notes (measured with bench/hash.bench.mjs; a plain loop with the schedule in memory ran at
// ~245 MB/s, this at ~330 MB/s, a fully unrolled 64-round body at ~350 MB/s for twice the code):
// - the 16-word message schedule lives in locals and is extended in place (W[t] overwrites
//   W[t-16]), so no schedule memory traffic;
// - rounds are unrolled by 16 (one schedule period): the working variables are renamed instead of
//   shuffled, and the schedule index is a constant in every round;
// - Maj(a,b,c) = b ^ ((a ^ b) & (b ^ c)), where (b ^ c) is the previous round's (a ^ b);
// - message words are read with one unaligned 32-bit load and a byte swap.

/** Round constants K[0..63] (FIPS 180-4 §4.2.2). */
export const K256: usize = memory.data<u32>([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** Initial hash values H(0) (FIPS 180-4 §5.3.3). */
const IV256: usize = memory.data<u32>([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/** Writes the SHA-256 initial state (8 words) at `state`. */
export function sha256InitState(state: usize): void {
  memory.copy(state, IV256, 32);
}

/** Compresses `blocks` consecutive 64-byte blocks at `p` into the 8-word state at `state`. */
export function sha256Blocks(state: usize, p: usize, blocks: usize): void {
  let a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32, h: u32, t: u32, ab: u32, bc: u32;
  let w0: u32, w1: u32, w2: u32, w3: u32, w4: u32, w5: u32, w6: u32, w7: u32;
  let w8: u32, w9: u32, w10: u32, w11: u32, w12: u32, w13: u32, w14: u32, w15: u32;
  let h0 = load<u32>(state, 0);
  let h1 = load<u32>(state, 4);
  let h2 = load<u32>(state, 8);
  let h3 = load<u32>(state, 12);
  let h4 = load<u32>(state, 16);
  let h5 = load<u32>(state, 20);
  let h6 = load<u32>(state, 24);
  let h7 = load<u32>(state, 28);
  const end = p + (blocks << 6);
  while (p < end) {
    a = h0;
    b = h1;
    c = h2;
    d = h3;
    e = h4;
    f = h5;
    g = h6;
    h = h7;
    bc = b ^ c;
    // Rounds 0..15: W[t] is message word t.
    w0 = bswap<u32>(load<u32>(p, 0));
    t =
      h +
      (rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25)) +
      (g ^ (e & (f ^ g))) +
      load<u32>(K256, 0) +
      w0;
    d += t;
    ab = a ^ b;
    h = t + (rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22)) + (b ^ (ab & bc));
    bc = ab;
    w1 = bswap<u32>(load<u32>(p, 4));
    t =
      g +
      (rotr<u32>(d, 6) ^ rotr<u32>(d, 11) ^ rotr<u32>(d, 25)) +
      (f ^ (d & (e ^ f))) +
      load<u32>(K256, 4) +
      w1;
    c += t;
    ab = h ^ a;
    g = t + (rotr<u32>(h, 2) ^ rotr<u32>(h, 13) ^ rotr<u32>(h, 22)) + (a ^ (ab & bc));
    bc = ab;
    w2 = bswap<u32>(load<u32>(p, 8));
    t =
      f +
      (rotr<u32>(c, 6) ^ rotr<u32>(c, 11) ^ rotr<u32>(c, 25)) +
      (e ^ (c & (d ^ e))) +
      load<u32>(K256, 8) +
      w2;
    b += t;
    ab = g ^ h;
    f = t + (rotr<u32>(g, 2) ^ rotr<u32>(g, 13) ^ rotr<u32>(g, 22)) + (h ^ (ab & bc));
    bc = ab;
    w3 = bswap<u32>(load<u32>(p, 12));
    t =
      e +
      (rotr<u32>(b, 6) ^ rotr<u32>(b, 11) ^ rotr<u32>(b, 25)) +
      (d ^ (b & (c ^ d))) +
      load<u32>(K256, 12) +
      w3;
    a += t;
    ab = f ^ g;
    e = t + (rotr<u32>(f, 2) ^ rotr<u32>(f, 13) ^ rotr<u32>(f, 22)) + (g ^ (ab & bc));
    bc = ab;
    w4 = bswap<u32>(load<u32>(p, 16));
    t =
      d +
      (rotr<u32>(a, 6) ^ rotr<u32>(a, 11) ^ rotr<u32>(a, 25)) +
      (c ^ (a & (b ^ c))) +
      load<u32>(K256, 16) +
      w4;
    h += t;
    ab = e ^ f;
    d = t + (rotr<u32>(e, 2) ^ rotr<u32>(e, 13) ^ rotr<u32>(e, 22)) + (f ^ (ab & bc));
    bc = ab;
    w5 = bswap<u32>(load<u32>(p, 20));
    t =
      c +
      (rotr<u32>(h, 6) ^ rotr<u32>(h, 11) ^ rotr<u32>(h, 25)) +
      (b ^ (h & (a ^ b))) +
      load<u32>(K256, 20) +
      w5;
    g += t;
    ab = d ^ e;
    c = t + (rotr<u32>(d, 2) ^ rotr<u32>(d, 13) ^ rotr<u32>(d, 22)) + (e ^ (ab & bc));
    bc = ab;
    w6 = bswap<u32>(load<u32>(p, 24));
    t =
      b +
      (rotr<u32>(g, 6) ^ rotr<u32>(g, 11) ^ rotr<u32>(g, 25)) +
      (a ^ (g & (h ^ a))) +
      load<u32>(K256, 24) +
      w6;
    f += t;
    ab = c ^ d;
    b = t + (rotr<u32>(c, 2) ^ rotr<u32>(c, 13) ^ rotr<u32>(c, 22)) + (d ^ (ab & bc));
    bc = ab;
    w7 = bswap<u32>(load<u32>(p, 28));
    t =
      a +
      (rotr<u32>(f, 6) ^ rotr<u32>(f, 11) ^ rotr<u32>(f, 25)) +
      (h ^ (f & (g ^ h))) +
      load<u32>(K256, 28) +
      w7;
    e += t;
    ab = b ^ c;
    a = t + (rotr<u32>(b, 2) ^ rotr<u32>(b, 13) ^ rotr<u32>(b, 22)) + (c ^ (ab & bc));
    bc = ab;
    w8 = bswap<u32>(load<u32>(p, 32));
    t =
      h +
      (rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25)) +
      (g ^ (e & (f ^ g))) +
      load<u32>(K256, 32) +
      w8;
    d += t;
    ab = a ^ b;
    h = t + (rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22)) + (b ^ (ab & bc));
    bc = ab;
    w9 = bswap<u32>(load<u32>(p, 36));
    t =
      g +
      (rotr<u32>(d, 6) ^ rotr<u32>(d, 11) ^ rotr<u32>(d, 25)) +
      (f ^ (d & (e ^ f))) +
      load<u32>(K256, 36) +
      w9;
    c += t;
    ab = h ^ a;
    g = t + (rotr<u32>(h, 2) ^ rotr<u32>(h, 13) ^ rotr<u32>(h, 22)) + (a ^ (ab & bc));
    bc = ab;
    w10 = bswap<u32>(load<u32>(p, 40));
    t =
      f +
      (rotr<u32>(c, 6) ^ rotr<u32>(c, 11) ^ rotr<u32>(c, 25)) +
      (e ^ (c & (d ^ e))) +
      load<u32>(K256, 40) +
      w10;
    b += t;
    ab = g ^ h;
    f = t + (rotr<u32>(g, 2) ^ rotr<u32>(g, 13) ^ rotr<u32>(g, 22)) + (h ^ (ab & bc));
    bc = ab;
    w11 = bswap<u32>(load<u32>(p, 44));
    t =
      e +
      (rotr<u32>(b, 6) ^ rotr<u32>(b, 11) ^ rotr<u32>(b, 25)) +
      (d ^ (b & (c ^ d))) +
      load<u32>(K256, 44) +
      w11;
    a += t;
    ab = f ^ g;
    e = t + (rotr<u32>(f, 2) ^ rotr<u32>(f, 13) ^ rotr<u32>(f, 22)) + (g ^ (ab & bc));
    bc = ab;
    w12 = bswap<u32>(load<u32>(p, 48));
    t =
      d +
      (rotr<u32>(a, 6) ^ rotr<u32>(a, 11) ^ rotr<u32>(a, 25)) +
      (c ^ (a & (b ^ c))) +
      load<u32>(K256, 48) +
      w12;
    h += t;
    ab = e ^ f;
    d = t + (rotr<u32>(e, 2) ^ rotr<u32>(e, 13) ^ rotr<u32>(e, 22)) + (f ^ (ab & bc));
    bc = ab;
    w13 = bswap<u32>(load<u32>(p, 52));
    t =
      c +
      (rotr<u32>(h, 6) ^ rotr<u32>(h, 11) ^ rotr<u32>(h, 25)) +
      (b ^ (h & (a ^ b))) +
      load<u32>(K256, 52) +
      w13;
    g += t;
    ab = d ^ e;
    c = t + (rotr<u32>(d, 2) ^ rotr<u32>(d, 13) ^ rotr<u32>(d, 22)) + (e ^ (ab & bc));
    bc = ab;
    w14 = bswap<u32>(load<u32>(p, 56));
    t =
      b +
      (rotr<u32>(g, 6) ^ rotr<u32>(g, 11) ^ rotr<u32>(g, 25)) +
      (a ^ (g & (h ^ a))) +
      load<u32>(K256, 56) +
      w14;
    f += t;
    ab = c ^ d;
    b = t + (rotr<u32>(c, 2) ^ rotr<u32>(c, 13) ^ rotr<u32>(c, 22)) + (d ^ (ab & bc));
    bc = ab;
    w15 = bswap<u32>(load<u32>(p, 60));
    t =
      a +
      (rotr<u32>(f, 6) ^ rotr<u32>(f, 11) ^ rotr<u32>(f, 25)) +
      (h ^ (f & (g ^ h))) +
      load<u32>(K256, 60) +
      w15;
    e += t;
    ab = b ^ c;
    a = t + (rotr<u32>(b, 2) ^ rotr<u32>(b, 13) ^ rotr<u32>(b, 22)) + (c ^ (ab & bc));
    bc = ab;
    // Rounds 16..63, one schedule period per iteration: W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16].
    for (let k = K256 + 64; k < K256 + 256; k += 64) {
      w0 +=
        (rotr<u32>(w14, 17) ^ rotr<u32>(w14, 19) ^ (w14 >>> 10)) +
        w9 +
        (rotr<u32>(w1, 7) ^ rotr<u32>(w1, 18) ^ (w1 >>> 3));
      t =
        h +
        (rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25)) +
        (g ^ (e & (f ^ g))) +
        load<u32>(k, 0) +
        w0;
      d += t;
      ab = a ^ b;
      h = t + (rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22)) + (b ^ (ab & bc));
      bc = ab;
      w1 +=
        (rotr<u32>(w15, 17) ^ rotr<u32>(w15, 19) ^ (w15 >>> 10)) +
        w10 +
        (rotr<u32>(w2, 7) ^ rotr<u32>(w2, 18) ^ (w2 >>> 3));
      t =
        g +
        (rotr<u32>(d, 6) ^ rotr<u32>(d, 11) ^ rotr<u32>(d, 25)) +
        (f ^ (d & (e ^ f))) +
        load<u32>(k, 4) +
        w1;
      c += t;
      ab = h ^ a;
      g = t + (rotr<u32>(h, 2) ^ rotr<u32>(h, 13) ^ rotr<u32>(h, 22)) + (a ^ (ab & bc));
      bc = ab;
      w2 +=
        (rotr<u32>(w0, 17) ^ rotr<u32>(w0, 19) ^ (w0 >>> 10)) +
        w11 +
        (rotr<u32>(w3, 7) ^ rotr<u32>(w3, 18) ^ (w3 >>> 3));
      t =
        f +
        (rotr<u32>(c, 6) ^ rotr<u32>(c, 11) ^ rotr<u32>(c, 25)) +
        (e ^ (c & (d ^ e))) +
        load<u32>(k, 8) +
        w2;
      b += t;
      ab = g ^ h;
      f = t + (rotr<u32>(g, 2) ^ rotr<u32>(g, 13) ^ rotr<u32>(g, 22)) + (h ^ (ab & bc));
      bc = ab;
      w3 +=
        (rotr<u32>(w1, 17) ^ rotr<u32>(w1, 19) ^ (w1 >>> 10)) +
        w12 +
        (rotr<u32>(w4, 7) ^ rotr<u32>(w4, 18) ^ (w4 >>> 3));
      t =
        e +
        (rotr<u32>(b, 6) ^ rotr<u32>(b, 11) ^ rotr<u32>(b, 25)) +
        (d ^ (b & (c ^ d))) +
        load<u32>(k, 12) +
        w3;
      a += t;
      ab = f ^ g;
      e = t + (rotr<u32>(f, 2) ^ rotr<u32>(f, 13) ^ rotr<u32>(f, 22)) + (g ^ (ab & bc));
      bc = ab;
      w4 +=
        (rotr<u32>(w2, 17) ^ rotr<u32>(w2, 19) ^ (w2 >>> 10)) +
        w13 +
        (rotr<u32>(w5, 7) ^ rotr<u32>(w5, 18) ^ (w5 >>> 3));
      t =
        d +
        (rotr<u32>(a, 6) ^ rotr<u32>(a, 11) ^ rotr<u32>(a, 25)) +
        (c ^ (a & (b ^ c))) +
        load<u32>(k, 16) +
        w4;
      h += t;
      ab = e ^ f;
      d = t + (rotr<u32>(e, 2) ^ rotr<u32>(e, 13) ^ rotr<u32>(e, 22)) + (f ^ (ab & bc));
      bc = ab;
      w5 +=
        (rotr<u32>(w3, 17) ^ rotr<u32>(w3, 19) ^ (w3 >>> 10)) +
        w14 +
        (rotr<u32>(w6, 7) ^ rotr<u32>(w6, 18) ^ (w6 >>> 3));
      t =
        c +
        (rotr<u32>(h, 6) ^ rotr<u32>(h, 11) ^ rotr<u32>(h, 25)) +
        (b ^ (h & (a ^ b))) +
        load<u32>(k, 20) +
        w5;
      g += t;
      ab = d ^ e;
      c = t + (rotr<u32>(d, 2) ^ rotr<u32>(d, 13) ^ rotr<u32>(d, 22)) + (e ^ (ab & bc));
      bc = ab;
      w6 +=
        (rotr<u32>(w4, 17) ^ rotr<u32>(w4, 19) ^ (w4 >>> 10)) +
        w15 +
        (rotr<u32>(w7, 7) ^ rotr<u32>(w7, 18) ^ (w7 >>> 3));
      t =
        b +
        (rotr<u32>(g, 6) ^ rotr<u32>(g, 11) ^ rotr<u32>(g, 25)) +
        (a ^ (g & (h ^ a))) +
        load<u32>(k, 24) +
        w6;
      f += t;
      ab = c ^ d;
      b = t + (rotr<u32>(c, 2) ^ rotr<u32>(c, 13) ^ rotr<u32>(c, 22)) + (d ^ (ab & bc));
      bc = ab;
      w7 +=
        (rotr<u32>(w5, 17) ^ rotr<u32>(w5, 19) ^ (w5 >>> 10)) +
        w0 +
        (rotr<u32>(w8, 7) ^ rotr<u32>(w8, 18) ^ (w8 >>> 3));
      t =
        a +
        (rotr<u32>(f, 6) ^ rotr<u32>(f, 11) ^ rotr<u32>(f, 25)) +
        (h ^ (f & (g ^ h))) +
        load<u32>(k, 28) +
        w7;
      e += t;
      ab = b ^ c;
      a = t + (rotr<u32>(b, 2) ^ rotr<u32>(b, 13) ^ rotr<u32>(b, 22)) + (c ^ (ab & bc));
      bc = ab;
      w8 +=
        (rotr<u32>(w6, 17) ^ rotr<u32>(w6, 19) ^ (w6 >>> 10)) +
        w1 +
        (rotr<u32>(w9, 7) ^ rotr<u32>(w9, 18) ^ (w9 >>> 3));
      t =
        h +
        (rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25)) +
        (g ^ (e & (f ^ g))) +
        load<u32>(k, 32) +
        w8;
      d += t;
      ab = a ^ b;
      h = t + (rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22)) + (b ^ (ab & bc));
      bc = ab;
      w9 +=
        (rotr<u32>(w7, 17) ^ rotr<u32>(w7, 19) ^ (w7 >>> 10)) +
        w2 +
        (rotr<u32>(w10, 7) ^ rotr<u32>(w10, 18) ^ (w10 >>> 3));
      t =
        g +
        (rotr<u32>(d, 6) ^ rotr<u32>(d, 11) ^ rotr<u32>(d, 25)) +
        (f ^ (d & (e ^ f))) +
        load<u32>(k, 36) +
        w9;
      c += t;
      ab = h ^ a;
      g = t + (rotr<u32>(h, 2) ^ rotr<u32>(h, 13) ^ rotr<u32>(h, 22)) + (a ^ (ab & bc));
      bc = ab;
      w10 +=
        (rotr<u32>(w8, 17) ^ rotr<u32>(w8, 19) ^ (w8 >>> 10)) +
        w3 +
        (rotr<u32>(w11, 7) ^ rotr<u32>(w11, 18) ^ (w11 >>> 3));
      t =
        f +
        (rotr<u32>(c, 6) ^ rotr<u32>(c, 11) ^ rotr<u32>(c, 25)) +
        (e ^ (c & (d ^ e))) +
        load<u32>(k, 40) +
        w10;
      b += t;
      ab = g ^ h;
      f = t + (rotr<u32>(g, 2) ^ rotr<u32>(g, 13) ^ rotr<u32>(g, 22)) + (h ^ (ab & bc));
      bc = ab;
      w11 +=
        (rotr<u32>(w9, 17) ^ rotr<u32>(w9, 19) ^ (w9 >>> 10)) +
        w4 +
        (rotr<u32>(w12, 7) ^ rotr<u32>(w12, 18) ^ (w12 >>> 3));
      t =
        e +
        (rotr<u32>(b, 6) ^ rotr<u32>(b, 11) ^ rotr<u32>(b, 25)) +
        (d ^ (b & (c ^ d))) +
        load<u32>(k, 44) +
        w11;
      a += t;
      ab = f ^ g;
      e = t + (rotr<u32>(f, 2) ^ rotr<u32>(f, 13) ^ rotr<u32>(f, 22)) + (g ^ (ab & bc));
      bc = ab;
      w12 +=
        (rotr<u32>(w10, 17) ^ rotr<u32>(w10, 19) ^ (w10 >>> 10)) +
        w5 +
        (rotr<u32>(w13, 7) ^ rotr<u32>(w13, 18) ^ (w13 >>> 3));
      t =
        d +
        (rotr<u32>(a, 6) ^ rotr<u32>(a, 11) ^ rotr<u32>(a, 25)) +
        (c ^ (a & (b ^ c))) +
        load<u32>(k, 48) +
        w12;
      h += t;
      ab = e ^ f;
      d = t + (rotr<u32>(e, 2) ^ rotr<u32>(e, 13) ^ rotr<u32>(e, 22)) + (f ^ (ab & bc));
      bc = ab;
      w13 +=
        (rotr<u32>(w11, 17) ^ rotr<u32>(w11, 19) ^ (w11 >>> 10)) +
        w6 +
        (rotr<u32>(w14, 7) ^ rotr<u32>(w14, 18) ^ (w14 >>> 3));
      t =
        c +
        (rotr<u32>(h, 6) ^ rotr<u32>(h, 11) ^ rotr<u32>(h, 25)) +
        (b ^ (h & (a ^ b))) +
        load<u32>(k, 52) +
        w13;
      g += t;
      ab = d ^ e;
      c = t + (rotr<u32>(d, 2) ^ rotr<u32>(d, 13) ^ rotr<u32>(d, 22)) + (e ^ (ab & bc));
      bc = ab;
      w14 +=
        (rotr<u32>(w12, 17) ^ rotr<u32>(w12, 19) ^ (w12 >>> 10)) +
        w7 +
        (rotr<u32>(w15, 7) ^ rotr<u32>(w15, 18) ^ (w15 >>> 3));
      t =
        b +
        (rotr<u32>(g, 6) ^ rotr<u32>(g, 11) ^ rotr<u32>(g, 25)) +
        (a ^ (g & (h ^ a))) +
        load<u32>(k, 56) +
        w14;
      f += t;
      ab = c ^ d;
      b = t + (rotr<u32>(c, 2) ^ rotr<u32>(c, 13) ^ rotr<u32>(c, 22)) + (d ^ (ab & bc));
      bc = ab;
      w15 +=
        (rotr<u32>(w13, 17) ^ rotr<u32>(w13, 19) ^ (w13 >>> 10)) +
        w8 +
        (rotr<u32>(w0, 7) ^ rotr<u32>(w0, 18) ^ (w0 >>> 3));
      t =
        a +
        (rotr<u32>(f, 6) ^ rotr<u32>(f, 11) ^ rotr<u32>(f, 25)) +
        (h ^ (f & (g ^ h))) +
        load<u32>(k, 60) +
        w15;
      e += t;
      ab = b ^ c;
      a = t + (rotr<u32>(b, 2) ^ rotr<u32>(b, 13) ^ rotr<u32>(b, 22)) + (c ^ (ab & bc));
      bc = ab;
    }
    h0 += a;
    h1 += b;
    h2 += c;
    h3 += d;
    h4 += e;
    h5 += f;
    h6 += g;
    h7 += h;
    p += 64;
  }
  store<u32>(state, h0, 0);
  store<u32>(state, h1, 4);
  store<u32>(state, h2, 8);
  store<u32>(state, h3, 12);
  store<u32>(state, h4, 16);
  store<u32>(state, h5, 20);
  store<u32>(state, h6, 24);
  store<u32>(state, h7, 28);
}
