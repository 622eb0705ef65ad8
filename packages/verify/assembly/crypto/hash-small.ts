// Rolled SHA-1, SHA-256 and SHA-512 block functions (FIPS 180-4 §6.1.2, §6.2.2, §6.4.2): what the
// embedded build (asconfig target "embedded", shrinkLevel > 0) runs instead of the unrolled ones of
// sha1.ts, sha256.ts and sha512.ts, which hash.ts inlines into 9.5 KiB of Cortex-M4 code
// (hosts/mcu/README.md). hash.ts selects them with `ASC_SHRINK_LEVEL > 0`, so the Node build keeps
// its speed. One round per iteration, the schedule in memory, the working variables shuffled
// instead of renamed: the textbook form, the same state out. SHA-256 and SHA-512 are one generic
// function (the same steps on 32- or 64-bit words).
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

/**
 * The SHA-2 compression of FIPS 180-4 §6.2.2 (T = u32: SHA-256, 64 rounds) and §6.4.2 (T = u64:
 * SHA-512, 80 rounds) over `blocks` blocks of 16 words at `p`: the same steps with the word size,
 * the round constants `k` and the rotation and shift amounts of the variant (§4.1.2, §4.1.3:
 * constants of each instance, as `size` is).
 */
function sha2BlocksSmall<T>(state: usize, p: usize, blocks: usize, k: usize): void {
  const size = sizeof<T>();
  const schedule: usize = size === 4 ? 64 << 2 : 80 << 3;
  const w = W512;
  for (let n: usize = 0; n < blocks; n++, p += size << 4) {
    for (let i: usize = 0; i < schedule; i += size) {
      let x: T;
      if (i < size << 4) x = bswap<T>(load<T>(p + i));
      else {
        const w15 = load<T>(w + i - 15 * size);
        const w2 = load<T>(w + i - 2 * size);
        x =
          (rotr<T>(w2, <T>(size === 4 ? 17 : 19)) ^
            rotr<T>(w2, <T>(size === 4 ? 19 : 61)) ^
            (w2 >>> <T>(size === 4 ? 10 : 6))) +
          load<T>(w + i - 7 * size) +
          (rotr<T>(w15, <T>(size === 4 ? 7 : 1)) ^
            rotr<T>(w15, <T>(size === 4 ? 18 : 8)) ^
            (w15 >>> <T>(size === 4 ? 3 : 7))) +
          load<T>(w + i - 16 * size);
      }
      store<T>(w + i, x);
    }
    let a = load<T>(state);
    let b = load<T>(state + size);
    let c = load<T>(state + 2 * size);
    let d = load<T>(state + 3 * size);
    let e = load<T>(state + 4 * size);
    let f = load<T>(state + 5 * size);
    let g = load<T>(state + 6 * size);
    let h = load<T>(state + 7 * size);
    for (let i: usize = 0; i < schedule; i += size) {
      const t1 =
        h +
        (rotr<T>(e, <T>(size === 4 ? 6 : 14)) ^
          rotr<T>(e, <T>(size === 4 ? 11 : 18)) ^
          rotr<T>(e, <T>(size === 4 ? 25 : 41))) +
        (g ^ (e & (f ^ g))) +
        load<T>(k + i) +
        load<T>(w + i);
      const t2 =
        (rotr<T>(a, <T>(size === 4 ? 2 : 28)) ^
          rotr<T>(a, <T>(size === 4 ? 13 : 34)) ^
          rotr<T>(a, <T>(size === 4 ? 22 : 39))) +
        ((a & b) | (c & (a | b)));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    store<T>(state, load<T>(state) + a);
    store<T>(state + size, load<T>(state + size) + b);
    store<T>(state + 2 * size, load<T>(state + 2 * size) + c);
    store<T>(state + 3 * size, load<T>(state + 3 * size) + d);
    store<T>(state + 4 * size, load<T>(state + 4 * size) + e);
    store<T>(state + 5 * size, load<T>(state + 5 * size) + f);
    store<T>(state + 6 * size, load<T>(state + 6 * size) + g);
    store<T>(state + 7 * size, load<T>(state + 7 * size) + h);
  }
}

/** sha256Blocks, rolled: `blocks` 64-byte blocks at `p` into the 8-word state at `state`. */
export function sha256BlocksSmall(state: usize, p: usize, blocks: usize): void {
  sha2BlocksSmall<u32>(state, p, blocks, K256);
}

/** sha512Blocks, rolled: `blocks` 128-byte blocks at `p` into the 8-word state at `state`. */
export function sha512BlocksSmall(state: usize, p: usize, blocks: usize): void {
  sha2BlocksSmall<u64>(state, p, blocks, K512);
}
