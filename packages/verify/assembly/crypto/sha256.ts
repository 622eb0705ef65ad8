// SHA-256 (FIPS 180-4 §6.2) block function. The streaming state machine and padding live in
// hash.ts; this file only transforms the 8-word state over whole 64-byte blocks.
//
// Speed notes: the message schedule W[0..63] is expanded first into static scratch; the rounds then
// run in a loop unrolled by 8 with the working variables renamed instead of shuffled, so a round is
// register arithmetic plus two loads with constant offsets.
// Message words are read with one unaligned 32-bit load and a byte swap.

/** SHA-256 block size in bytes. */
export const SHA256_BLOCK: i32 = 64;

/** Round constants K[0..63] (FIPS 180-4 §4.2.2). */
const K256: usize = memory.data<u32>([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** Message schedule W[0..63] of the block being compressed (256 bytes of static scratch). */
const W256: usize = memory.data(256, 16);

/** Initial hash values H(0) (FIPS 180-4 §5.3.3). */
const IV256: usize = memory.data<u32>([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/** Writes the SHA-256 initial state (8 words) at `state`. */
export function sha256InitState(state: usize): void {
  memory.copy(state, IV256, 32);
}

/** Writes the SHA-256 digest (32 bytes, big-endian words) of `state` at `out`. */
export function sha256OutputState(state: usize, out: usize): void {
  for (let i: usize = 0; i < 32; i += 4) store<u32>(out + i, bswap<u32>(load<u32>(state + i)));
}

/** Compresses `blocks` consecutive 64-byte blocks at `p` into the 8-word state at `state`. */
export function sha256Blocks(state: usize, p: usize, blocks: usize): void {
  let a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32, h: u32, t: u32;
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
    // Message schedule: W[0..15] from the block (big-endian), W[16..63] by the recurrence.
    for (let i: usize = 0; i < 64; i += 4) {
      const w = bswap<u32>(load<u32>(p + i));
      store<u32>(W256 + i, w);
    }
    for (let i: usize = 64; i < 256; i += 4) {
      const w15 = load<u32>(W256 + i - 60);
      const w2 = load<u32>(W256 + i - 8);
      const s0 = rotr<u32>(w15, 7) ^ rotr<u32>(w15, 18) ^ (w15 >>> 3);
      const s1 = rotr<u32>(w2, 17) ^ rotr<u32>(w2, 19) ^ (w2 >>> 10);
      store<u32>(W256 + i, s1 + load<u32>(W256 + i - 28) + s0 + load<u32>(W256 + i - 64));
    }
    a = h0;
    b = h1;
    c = h2;
    d = h3;
    e = h4;
    f = h5;
    g = h6;
    h = h7;
    for (let i: usize = 0; i < 256; i += 32) {
      const w = W256 + i;
      const k = K256 + i;
      t =
        h +
        (rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25)) +
        (g ^ (e & (f ^ g))) +
        load<u32>(w, 0) +
        load<u32>(k, 0);
      d += t;
      h = t + (rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22)) + ((a & b) | (c & (a | b)));
      t =
        g +
        (rotr<u32>(d, 6) ^ rotr<u32>(d, 11) ^ rotr<u32>(d, 25)) +
        (f ^ (d & (e ^ f))) +
        load<u32>(w, 4) +
        load<u32>(k, 4);
      c += t;
      g = t + (rotr<u32>(h, 2) ^ rotr<u32>(h, 13) ^ rotr<u32>(h, 22)) + ((h & a) | (b & (h | a)));
      t =
        f +
        (rotr<u32>(c, 6) ^ rotr<u32>(c, 11) ^ rotr<u32>(c, 25)) +
        (e ^ (c & (d ^ e))) +
        load<u32>(w, 8) +
        load<u32>(k, 8);
      b += t;
      f = t + (rotr<u32>(g, 2) ^ rotr<u32>(g, 13) ^ rotr<u32>(g, 22)) + ((g & h) | (a & (g | h)));
      t =
        e +
        (rotr<u32>(b, 6) ^ rotr<u32>(b, 11) ^ rotr<u32>(b, 25)) +
        (d ^ (b & (c ^ d))) +
        load<u32>(w, 12) +
        load<u32>(k, 12);
      a += t;
      e = t + (rotr<u32>(f, 2) ^ rotr<u32>(f, 13) ^ rotr<u32>(f, 22)) + ((f & g) | (h & (f | g)));
      t =
        d +
        (rotr<u32>(a, 6) ^ rotr<u32>(a, 11) ^ rotr<u32>(a, 25)) +
        (c ^ (a & (b ^ c))) +
        load<u32>(w, 16) +
        load<u32>(k, 16);
      h += t;
      d = t + (rotr<u32>(e, 2) ^ rotr<u32>(e, 13) ^ rotr<u32>(e, 22)) + ((e & f) | (g & (e | f)));
      t =
        c +
        (rotr<u32>(h, 6) ^ rotr<u32>(h, 11) ^ rotr<u32>(h, 25)) +
        (b ^ (h & (a ^ b))) +
        load<u32>(w, 20) +
        load<u32>(k, 20);
      g += t;
      c = t + (rotr<u32>(d, 2) ^ rotr<u32>(d, 13) ^ rotr<u32>(d, 22)) + ((d & e) | (f & (d | e)));
      t =
        b +
        (rotr<u32>(g, 6) ^ rotr<u32>(g, 11) ^ rotr<u32>(g, 25)) +
        (a ^ (g & (h ^ a))) +
        load<u32>(w, 24) +
        load<u32>(k, 24);
      f += t;
      b = t + (rotr<u32>(c, 2) ^ rotr<u32>(c, 13) ^ rotr<u32>(c, 22)) + ((c & d) | (e & (c | d)));
      t =
        a +
        (rotr<u32>(f, 6) ^ rotr<u32>(f, 11) ^ rotr<u32>(f, 25)) +
        (h ^ (f & (g ^ h))) +
        load<u32>(w, 28) +
        load<u32>(k, 28);
      e += t;
      a = t + (rotr<u32>(b, 2) ^ rotr<u32>(b, 13) ^ rotr<u32>(b, 22)) + ((b & c) | (d & (b | c)));
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
