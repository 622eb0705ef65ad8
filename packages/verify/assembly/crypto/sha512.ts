// biome-ignore-all lint/correctness/noPrecisionLoss: AssemblyScript u64 literals are exact (i64 in wasm), not JS numbers
// SHA-512 and SHA-384 (FIPS 180-4 §6.4, §6.5) block function. The streaming state machine,
// padding and output live in hash.ts; this file only transforms the 8-word (64-bit) state over
// whole 128-byte blocks. SHA-384 is SHA-512 with other initial values and a truncated output.
//
// Speed notes: the schedule W[0..79] is expanded first into static scratch and the rounds run in a
// loop unrolled by 8 with renamed working variables; wasm has native 64-bit integers, so each round
// is plain i64 arithmetic. Measured ~375 MB/s at 64 KiB (bench/hash.bench.mjs). The structure of
// sha256.ts (schedule in locals, rounds unrolled by 16) reached ~500 MB/s but cost 3.5 KB more code;
// SHA-512 throughput matters little for certificates (small inputs), module size matters for every
// host, so the compact form stays.

/** Round constants K[0..79] (FIPS 180-4 §4.2.3). */
export const K512: usize = memory.data<u64>([
  0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538,
  0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe,
  0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2, 0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
  0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
  0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5, 0x983e5152ee66dfab,
  0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
  0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed,
  0x53380d139d95b3df, 0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
  0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
  0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8, 0x19a4c116b8d2d0c8, 0x1e376c085141ab53,
  0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373,
  0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
  0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c,
  0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6,
  0x113f9804bef90dae, 0x1b710b35131c471b, 0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
  0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
]);

/** Message schedule W[0..79] of the block being compressed (640 bytes of static scratch). */
export const W512: usize = memory.data(640, 16);

/** Initial hash values of SHA-512 (FIPS 180-4 §5.3.5) followed by those of SHA-384 (§5.3.4). */
const IV512: usize = memory.data<u64>([
  0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1, 0x510e527fade682d1,
  0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179, 0xcbbb9d5dc1059ed8, 0x629a292a367cd507,
  0x9159015a3070dd17, 0x152fecd8f70e5939, 0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7,
  0x47b5481dbefa4fa4,
]);

/** Writes the SHA-512 initial state (8 words) at `state`. */
export function sha512InitState(state: usize): void {
  memory.copy(state, IV512, 64);
}

/** Writes the SHA-384 initial state (8 words) at `state`. */
export function sha384InitState(state: usize): void {
  memory.copy(state, IV512 + 64, 64);
}

/** Compresses `blocks` consecutive 128-byte blocks at `p` into the 8-word state at `state`. */
export function sha512Blocks(state: usize, p: usize, blocks: usize): void {
  let a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64, h: u64, t: u64;
  let h0 = load<u64>(state, 0);
  let h1 = load<u64>(state, 8);
  let h2 = load<u64>(state, 16);
  let h3 = load<u64>(state, 24);
  let h4 = load<u64>(state, 32);
  let h5 = load<u64>(state, 40);
  let h6 = load<u64>(state, 48);
  let h7 = load<u64>(state, 56);
  const end = p + (blocks << 7);
  while (p < end) {
    // Message schedule: W[0..15] from the block (big-endian), W[16..79] by the recurrence.
    for (let i: usize = 0; i < 128; i += 8) store<u64>(W512 + i, bswap<u64>(load<u64>(p + i)));
    for (let i: usize = 128; i < 640; i += 8) {
      const w15 = load<u64>(W512 + i - 120);
      const w2 = load<u64>(W512 + i - 16);
      const s0 = rotr<u64>(w15, 1) ^ rotr<u64>(w15, 8) ^ (w15 >>> 7);
      const s1 = rotr<u64>(w2, 19) ^ rotr<u64>(w2, 61) ^ (w2 >>> 6);
      store<u64>(W512 + i, s1 + load<u64>(W512 + i - 56) + s0 + load<u64>(W512 + i - 128));
    }
    a = h0;
    b = h1;
    c = h2;
    d = h3;
    e = h4;
    f = h5;
    g = h6;
    h = h7;
    for (let i: usize = 0; i < 640; i += 64) {
      const w = W512 + i;
      const k = K512 + i;
      t =
        h +
        (rotr<u64>(e, 14) ^ rotr<u64>(e, 18) ^ rotr<u64>(e, 41)) +
        (g ^ (e & (f ^ g))) +
        load<u64>(w, 0) +
        load<u64>(k, 0);
      d += t;
      h = t + (rotr<u64>(a, 28) ^ rotr<u64>(a, 34) ^ rotr<u64>(a, 39)) + ((a & b) | (c & (a | b)));
      t =
        g +
        (rotr<u64>(d, 14) ^ rotr<u64>(d, 18) ^ rotr<u64>(d, 41)) +
        (f ^ (d & (e ^ f))) +
        load<u64>(w, 8) +
        load<u64>(k, 8);
      c += t;
      g = t + (rotr<u64>(h, 28) ^ rotr<u64>(h, 34) ^ rotr<u64>(h, 39)) + ((h & a) | (b & (h | a)));
      t =
        f +
        (rotr<u64>(c, 14) ^ rotr<u64>(c, 18) ^ rotr<u64>(c, 41)) +
        (e ^ (c & (d ^ e))) +
        load<u64>(w, 16) +
        load<u64>(k, 16);
      b += t;
      f = t + (rotr<u64>(g, 28) ^ rotr<u64>(g, 34) ^ rotr<u64>(g, 39)) + ((g & h) | (a & (g | h)));
      t =
        e +
        (rotr<u64>(b, 14) ^ rotr<u64>(b, 18) ^ rotr<u64>(b, 41)) +
        (d ^ (b & (c ^ d))) +
        load<u64>(w, 24) +
        load<u64>(k, 24);
      a += t;
      e = t + (rotr<u64>(f, 28) ^ rotr<u64>(f, 34) ^ rotr<u64>(f, 39)) + ((f & g) | (h & (f | g)));
      t =
        d +
        (rotr<u64>(a, 14) ^ rotr<u64>(a, 18) ^ rotr<u64>(a, 41)) +
        (c ^ (a & (b ^ c))) +
        load<u64>(w, 32) +
        load<u64>(k, 32);
      h += t;
      d = t + (rotr<u64>(e, 28) ^ rotr<u64>(e, 34) ^ rotr<u64>(e, 39)) + ((e & f) | (g & (e | f)));
      t =
        c +
        (rotr<u64>(h, 14) ^ rotr<u64>(h, 18) ^ rotr<u64>(h, 41)) +
        (b ^ (h & (a ^ b))) +
        load<u64>(w, 40) +
        load<u64>(k, 40);
      g += t;
      c = t + (rotr<u64>(d, 28) ^ rotr<u64>(d, 34) ^ rotr<u64>(d, 39)) + ((d & e) | (f & (d | e)));
      t =
        b +
        (rotr<u64>(g, 14) ^ rotr<u64>(g, 18) ^ rotr<u64>(g, 41)) +
        (a ^ (g & (h ^ a))) +
        load<u64>(w, 48) +
        load<u64>(k, 48);
      f += t;
      b = t + (rotr<u64>(c, 28) ^ rotr<u64>(c, 34) ^ rotr<u64>(c, 39)) + ((c & d) | (e & (c | d)));
      t =
        a +
        (rotr<u64>(f, 14) ^ rotr<u64>(f, 18) ^ rotr<u64>(f, 41)) +
        (h ^ (f & (g ^ h))) +
        load<u64>(w, 56) +
        load<u64>(k, 56);
      e += t;
      a = t + (rotr<u64>(b, 28) ^ rotr<u64>(b, 34) ^ rotr<u64>(b, 39)) + ((b & c) | (d & (b | c)));
    }
    h0 += a;
    h1 += b;
    h2 += c;
    h3 += d;
    h4 += e;
    h5 += f;
    h6 += g;
    h7 += h;
    p += 128;
  }
  store<u64>(state, h0, 0);
  store<u64>(state, h1, 8);
  store<u64>(state, h2, 16);
  store<u64>(state, h3, 24);
  store<u64>(state, h4, 32);
  store<u64>(state, h5, 40);
  store<u64>(state, h6, 48);
  store<u64>(state, h7, 56);
}
