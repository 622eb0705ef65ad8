// Deterministic key derivation for the test PKI: the same seed and label always give the same key.
//
// WebCrypto key generation cannot be seeded, so keys are derived here from a SHAKE256 stream
// (FIPS 202) over the seed and a per-key label, with node:crypto doing the expensive part:
//   RSA: each prime starts at a stream-derived odd number with its top two bits set (so n has
//        exactly `bits` bits, as FIPS 186-5 B.3 asks), then steps by 2 through a small-prime sieve
//        to the first candidate that passes crypto.checkPrimeSync (OpenSSL Miller-Rabin) and has
//        gcd(e, p-1) = 1; |p - q| > 2^(bits/2 - 100) (FIPS 186-5 A.1.3 step 5.4); d = e^-1 mod
//        lcm(p-1, q-1). A 4096-bit key takes ~1 s, a 2048-bit one ~0.1-0.3 s.
//   EC:  d = (stream mod (n - 1)) + 1 with 64 extra bits (FIPS 186-5 A.2.1), public point by
//        node:crypto ECDH.
// These keys are for a PUBLIC test PKI: anyone with the seed has every private key.
import { checkPrimeSync, createECDH, createHash } from 'node:crypto';

/** Key type and size of a test key (mirrors the real certificate it stands in for). */
export type KeySpec =
  | { readonly type: 'RSA'; readonly bits: 2048 | 4096; readonly publicExponent?: 3 | 65537 }
  | { readonly type: 'EC'; readonly curve: 'P-256' | 'P-384' };

/** A private key as a JWK (RFC 7517/7518), importable by WebCrypto and node:crypto. */
export interface PrivateJwk {
  readonly kty: 'RSA' | 'EC';
  readonly d: string;
  readonly [member: string]: string | undefined;
}

/** SHAKE256 output of `length` bytes for (seed, label): domain-separated, unambiguous encoding. */
export function seededBytes(seed: string, label: string, length: number): Buffer {
  const s = Buffer.from(seed, 'utf8');
  const l = Buffer.from(label, 'utf8');
  const header = Buffer.alloc(8);
  header.writeUInt32BE(s.length, 0);
  header.writeUInt32BE(l.length, 4);
  return createHash('shake256', { outputLength: length })
    .update('hubtrust-hub-sim/v1\0')
    .update(header)
    .update(s)
    .update(l)
    .digest();
}

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

function toBase64Url(value: bigint, length?: number): string {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (length !== undefined && bytes.length < length)
    bytes = Buffer.concat([Buffer.alloc(length - bytes.length), bytes]);
  return bytes.toString('base64url');
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new Error('not invertible');
  return ((oldS % m) + m) % m;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Odd primes below 17,000 (about 2,000 of them) for the incremental sieve. */
const SIEVE_PRIMES: readonly number[] = (() => {
  const limit = 17_000;
  const composite = new Uint8Array(limit);
  const out: number[] = [];
  for (let n = 3; n < limit; n += 2) {
    if (composite[n]) continue;
    out.push(n);
    for (let m = n * n; m < limit; m += 2 * n) composite[m] = 1;
  }
  return out;
})();

/** Upper bound on sieve steps; the expected gap near 2^2048 is ~710, so this never triggers. */
const MAX_PRIME_STEPS = 1 << 22;

function derivePrime(seed: string, label: string, bits: number, e: bigint): bigint {
  const start = toBigInt(seededBytes(seed, label, bits / 8)) | (3n << BigInt(bits - 2)) | 1n;
  const residues = SIEVE_PRIMES.map((p) => Number(start % BigInt(p)));
  for (let step = 0; step < MAX_PRIME_STEPS; step += 2) {
    let sieved = true;
    for (let i = 0; i < SIEVE_PRIMES.length; i++) {
      if (((residues[i] as number) + step) % (SIEVE_PRIMES[i] as number) === 0) {
        sieved = false;
        break;
      }
    }
    if (!sieved) continue;
    const candidate = start + BigInt(step);
    if (candidate >> BigInt(bits) !== 0n) break;
    if (gcd(e, candidate - 1n) !== 1n) continue;
    if (checkPrimeSync(candidate, { checks: 1 }) && checkPrimeSync(candidate)) return candidate;
  }
  throw new Error(`no prime found for ${label}`);
}

function deriveRsa(seed: string, label: string, bits: number, exponent: number): PrivateJwk {
  const e = BigInt(exponent);
  const half = bits / 2;
  const p = derivePrime(seed, `${label}/rsa${bits}/p`, half, e);
  let q = 0n;
  for (let attempt = 0; ; attempt++) {
    q = derivePrime(seed, `${label}/rsa${bits}/q${attempt || ''}`, half, e);
    const diff = p > q ? p - q : q - p;
    if (diff >> BigInt(half - 100) !== 0n) break;
  }
  const [P, Q] = p > q ? [p, q] : [q, p];
  const n = P * Q;
  const lambda = ((P - 1n) * (Q - 1n)) / gcd(P - 1n, Q - 1n);
  const d = modInverse(e, lambda);
  const size = bits / 8;
  return {
    kty: 'RSA',
    n: toBase64Url(n, size),
    e: toBase64Url(e),
    d: toBase64Url(d, size),
    p: toBase64Url(P, half / 8),
    q: toBase64Url(Q, half / 8),
    dp: toBase64Url(d % (P - 1n), half / 8),
    dq: toBase64Url(d % (Q - 1n), half / 8),
    qi: toBase64Url(modInverse(Q, P), half / 8),
  };
}

const CURVES = {
  'P-256': {
    node: 'prime256v1',
    size: 32,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  },
  'P-384': {
    node: 'secp384r1',
    size: 48,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
  },
} as const;

function deriveEc(seed: string, label: string, curve: keyof typeof CURVES): PrivateJwk {
  const c = CURVES[curve];
  const d = (toBigInt(seededBytes(seed, `${label}/ec-${curve}`, c.size + 8)) % (c.n - 1n)) + 1n;
  const ecdh = createECDH(c.node);
  ecdh.setPrivateKey(Buffer.from(toBase64Url(d, c.size), 'base64url'));
  const point = ecdh.getPublicKey();
  return {
    kty: 'EC',
    crv: curve,
    x: point.subarray(1, 1 + c.size).toString('base64url'),
    y: point.subarray(1 + c.size).toString('base64url'),
    d: toBase64Url(d, c.size),
  };
}

/**
 * Derives the private key for `label` from `seed`, deterministically.
 * @throws Error only if no prime is found within the (never reached) step bound.
 * @example
 * ```ts
 * const jwk = deriveKey('hubtrust-test-pki', 'azure/root-g2', { type: 'RSA', bits: 2048 });
 * crypto.createPrivateKey({ key: jwk, format: 'jwk' });
 * ```
 */
export function deriveKey(seed: string, label: string, spec: KeySpec): PrivateJwk {
  return spec.type === 'RSA'
    ? deriveRsa(seed, label, spec.bits, spec.publicExponent ?? 65537)
    : deriveEc(seed, label, spec.curve);
}

/** The public half of a private JWK. */
export function publicJwk(jwk: PrivateJwk): Record<string, string> {
  const pick = (names: string[]) => Object.fromEntries(names.map((n) => [n, jwk[n] ?? '']));
  return jwk.kty === 'RSA' ? pick(['kty', 'n', 'e']) : pick(['kty', 'crv', 'x', 'y']);
}
