// Rolled SHA-1, SHA-256 and SHA-512 block functions (FIPS 180-4 §6.1.2, §6.2.2, §6.4.2): what the
// embedded build (asconfig target "embedded", shrinkLevel > 0) runs instead of the unrolled ones of
// sha1.ts, sha256.ts and sha512.ts, which hash.ts inlines into 9.5 KiB of Cortex-M4 code
// (hosts/mcu/README.md). hash.ts selects them with `ASC_SHRINK_LEVEL > 0`, so the Node build keeps
// its speed. One round per iteration, the schedule in memory, the working variables shuffled
// instead of renamed: the textbook form, the same state out.
//
// The three share one schedule buffer (sha512.ts W512, 640 bytes): a compression runs to the end
// before the next starts (the module is single-threaded and nothing here calls out).
import { K256 } from './sha256';
import { K512, W512 } from './sha512';

/** sha1Blocks, rolled: `blocks` 64-byte blocks at `p` into the 5-word state at `state`. */
export function sha1BlocksSmall(state: usize, p: usize, blocks: usize): void {
  const w = W512;
  for (let n: usize = 0; n < blocks; n++, p += 64) {
    for (let i: usize = 0; i < 320; i += 4) {
      store<u32>(
        w + i,
        i < 64
          ? bswap<u32>(load<u32>(p + i))
          : rotl<u32>(
              load<u32>(w + i - 12) ^ load<u32>(w + i - 32) ^ load<u32>(w + i - 56) ^ load<u32>(w + i - 64),
              1,
            ),
      );
    }
    let a = load<u32>(state, 0);
    let b = load<u32>(state, 4);
    let c = load<u32>(state, 8);
    let d = load<u32>(state, 12);
    let e = load<u32>(state, 16);
    for (let i: usize = 0; i < 320; i += 4) {
      let f: u32;
      let k: u32;
      if (i < 80) {
        f = d ^ (b & (c ^ d)); // Ch
        k = 0x5a827999;
      } else if (i < 160) {
        f = b ^ c ^ d; // Parity
        k = 0x6ed9eba1;
      } else if (i < 240) {
        f = (b & c) | (d & (b | c)); // Maj
        k = 0x8f1bbcdc;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6;
      }
      const t = rotl<u32>(a, 5) + f + e + k + load<u32>(w + i);
      e = d;
      d = c;
      c = rotl<u32>(b, 30);
      b = a;
      a = t;
    }
    store<u32>(state, load<u32>(state, 0) + a, 0);
    store<u32>(state, load<u32>(state, 4) + b, 4);
    store<u32>(state, load<u32>(state, 8) + c, 8);
    store<u32>(state, load<u32>(state, 12) + d, 12);
    store<u32>(state, load<u32>(state, 16) + e, 16);
  }
}

/** sha256Blocks, rolled: `blocks` 64-byte blocks at `p` into the 8-word state at `state`. */
export function sha256BlocksSmall(state: usize, p: usize, blocks: usize): void {
  const w = W512;
  for (let n: usize = 0; n < blocks; n++, p += 64) {
    for (let i: usize = 0; i < 256; i += 4) {
      let x: u32;
      if (i < 64) x = bswap<u32>(load<u32>(p + i));
      else {
        const w15 = load<u32>(w + i - 60);
        const w2 = load<u32>(w + i - 8);
        x =
          (rotr<u32>(w2, 17) ^ rotr<u32>(w2, 19) ^ (w2 >>> 10)) +
          load<u32>(w + i - 28) +
          (rotr<u32>(w15, 7) ^ rotr<u32>(w15, 18) ^ (w15 >>> 3)) +
          load<u32>(w + i - 64);
      }
      store<u32>(w + i, x);
    }
    let a = load<u32>(state, 0);
    let b = load<u32>(state, 4);
    let c = load<u32>(state, 8);
    let d = load<u32>(state, 12);
    let e = load<u32>(state, 16);
    let f = load<u32>(state, 20);
    let g = load<u32>(state, 24);
    let h = load<u32>(state, 28);
    for (let i: usize = 0; i < 256; i += 4) {
      const t1 =
        h +
        (rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25)) +
        (g ^ (e & (f ^ g))) +
        load<u32>(K256 + i) +
        load<u32>(w + i);
      const t2 = (rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22)) + ((a & b) | (c & (a | b)));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    store<u32>(state, load<u32>(state, 0) + a, 0);
    store<u32>(state, load<u32>(state, 4) + b, 4);
    store<u32>(state, load<u32>(state, 8) + c, 8);
    store<u32>(state, load<u32>(state, 12) + d, 12);
    store<u32>(state, load<u32>(state, 16) + e, 16);
    store<u32>(state, load<u32>(state, 20) + f, 20);
    store<u32>(state, load<u32>(state, 24) + g, 24);
    store<u32>(state, load<u32>(state, 28) + h, 28);
  }
}

/** sha512Blocks, rolled: `blocks` 128-byte blocks at `p` into the 8-word state at `state`. */
export function sha512BlocksSmall(state: usize, p: usize, blocks: usize): void {
  const w = W512;
  for (let n: usize = 0; n < blocks; n++, p += 128) {
    for (let i: usize = 0; i < 640; i += 8) {
      let x: u64;
      if (i < 128) x = bswap<u64>(load<u64>(p + i));
      else {
        const w15 = load<u64>(w + i - 120);
        const w2 = load<u64>(w + i - 16);
        x =
          (rotr<u64>(w2, 19) ^ rotr<u64>(w2, 61) ^ (w2 >>> 6)) +
          load<u64>(w + i - 56) +
          (rotr<u64>(w15, 1) ^ rotr<u64>(w15, 8) ^ (w15 >>> 7)) +
          load<u64>(w + i - 128);
      }
      store<u64>(w + i, x);
    }
    let a = load<u64>(state, 0);
    let b = load<u64>(state, 8);
    let c = load<u64>(state, 16);
    let d = load<u64>(state, 24);
    let e = load<u64>(state, 32);
    let f = load<u64>(state, 40);
    let g = load<u64>(state, 48);
    let h = load<u64>(state, 56);
    for (let i: usize = 0; i < 640; i += 8) {
      const t1 =
        h +
        (rotr<u64>(e, 14) ^ rotr<u64>(e, 18) ^ rotr<u64>(e, 41)) +
        (g ^ (e & (f ^ g))) +
        load<u64>(K512 + i) +
        load<u64>(w + i);
      const t2 = (rotr<u64>(a, 28) ^ rotr<u64>(a, 34) ^ rotr<u64>(a, 39)) + ((a & b) | (c & (a | b)));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    store<u64>(state, load<u64>(state, 0) + a, 0);
    store<u64>(state, load<u64>(state, 8) + b, 8);
    store<u64>(state, load<u64>(state, 16) + c, 16);
    store<u64>(state, load<u64>(state, 24) + d, 24);
    store<u64>(state, load<u64>(state, 32) + e, 32);
    store<u64>(state, load<u64>(state, 40) + f, 40);
    store<u64>(state, load<u64>(state, 48) + g, 48);
    store<u64>(state, load<u64>(state, 56) + h, 56);
  }
}
