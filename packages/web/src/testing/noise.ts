// Test-only (not imported by the page): deterministic bytes that are neither text nor
// certificates, for the detection's unit tests and the e2e test's garbage file.

/** `n` pseudo-random bytes (xorshift32 from `seed`), the same on every run. */
export function noise(n: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
