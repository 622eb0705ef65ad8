// Test harness for the ECDSA layers of verify.test.wasm (assembly/crypto/ec-*.ts): curve constants
// as BigInt, limb encoding, and thin wrappers over the raw exports. Node only; not part of the
// published API.
import { createHash } from 'node:crypto';
import { loadTestWasm } from './test-wasm.js';

/** The ECDSA exports of verify.test.wasm (see assembly/crypto/ec-testing.ts and ecdsa.ts). */
export interface EcExports {
  readonly memory: WebAssembly.Memory;
  ioReserve(len: number): number;
  ecdsaVerify(
    curve: number,
    point: number,
    pointLen: number,
    digest: number,
    digestLen: number,
    r: number,
    rLen: number,
    s: number,
    sLen: number,
  ): number;
  ecPointCheck(curve: number, point: number, pointLen: number): number;
  ecTestSelect(curve: number): number;
  ecTestLayout(what: number): number;
  ecTestConst(which: number): number;
  ecTestFe(op: number, r: number, a: number, b: number): number;
  ecTestLin(r: number, a: number, ka: number, b: number, kb: number): void;
  ecTestScalar(op: number, r: number, a: number, b: number): number;
  ecTestBytes(op: number, dst: number, src: number, len: number): void;
  ecTestPoint(op: number, r: number, p: number, q: number): number;
  ecTestMulAdd(out: number, u1: number, u2: number, q: number): number;
  ecTestCombBuild(dst: number, q: number): void;
  ecTestCombMulAdd(out: number, u1: number, u2: number, qTable: number): number;
  // Key-table cache (assembly/crypto/ec-key-cache.ts).
  ecKeyCacheReset(): void;
  ecKeyCacheSlotCount(): number;
  ecKeyCacheSlotOf(curve: number, key: number, len: number): number;
  ecKeyCacheCandidate(curve: number, key: number, len: number): number;
}

/** Curve ids of the ABI. */
export const P256 = 1;
export const P384 = 2;
export const P521 = 5;

/** Domain parameters (FIPS 186-5 / SP 800-186), for the BigInt reference computations. */
export interface CurveParams {
  id: number;
  name: string;
  nodeName: string;
  hash: string;
  bytes: number;
  p: bigint;
  n: bigint;
  b: bigint;
  gx: bigint;
  gy: bigint;
}

export const CURVES: Record<number, CurveParams> = {
  [P256]: {
    id: P256,
    name: 'P-256',
    nodeName: 'prime256v1',
    hash: 'sha256',
    bytes: 32,
    p: 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
    gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
    gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
  },
  [P384]: {
    id: P384,
    name: 'P-384',
    nodeName: 'secp384r1',
    hash: 'sha384',
    bytes: 48,
    p: 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
    gx: 0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
    gy: 0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
  },
  [P521]: {
    id: P521,
    name: 'P-521',
    nodeName: 'secp521r1',
    hash: 'sha512',
    bytes: 66,
    p: 2n ** 521n - 1n,
    n: 0x1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
    b: 0x51953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
    gx: 0xc6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66n,
    gy: 0x11839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650n,
  },
};

/** Nonnegative remainder. */
export const mod = (a: bigint, m: bigint): bigint => ((a % m) + m) % m;

/** a^e mod m. */
export function modPow(a: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  let b = mod(a, m);
  for (; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
}

/** a^-1 mod m (m prime). */
export const modInv = (a: bigint, m: bigint): bigint => modPow(a, m - 2n, m);

/** Big-endian bytes of v, `len` long. */
export function toBytes(v: bigint, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = len - 1; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** Big-endian unsigned integer. */
export function fromBytes(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

/** Hex to bytes. */
export const hexBytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));

/** The digest of msg with a node:crypto hash name (sha256, sha384, sha512, ...). */
export const digestOf = (hash: string, msg: Uint8Array): Uint8Array =>
  new Uint8Array(createHash(hash).update(msg).digest());

let shared: EcExports | undefined;

/** One instance of the test build shared by a test file. */
export function ecWasm(): EcExports {
  shared ??= loadTestWasm<EcExports>();
  return shared;
}

/**
 * Calls ecdsaVerify with the inputs copied into the module's IO area; returns the Err code.
 */
export function verifyRaw(
  curve: number,
  point: Uint8Array,
  digest: Uint8Array,
  r: Uint8Array,
  s: Uint8Array,
  wasm: EcExports = ecWasm(),
): number {
  const base = wasm.ioReserve(point.length + digest.length + r.length + s.length);
  const mem = new Uint8Array(wasm.memory.buffer);
  let at = base;
  const put = (b: Uint8Array): number => {
    mem.set(b, at);
    at += b.length;
    return at - b.length;
  };
  const pp = put(point);
  const dp = put(digest);
  const rp = put(r);
  const sp = put(s);
  return wasm.ecdsaVerify(curve, pp, point.length, dp, digest.length, rp, r.length, sp, s.length);
}

/** Whether the key (curve, SEC1 point) has a comb table in the key cache. */
export function keyCached(curve: number, point: Uint8Array, wasm: EcExports = ecWasm()): boolean {
  const p = wasm.ioReserve(point.length);
  new Uint8Array(wasm.memory.buffer).set(point, p);
  return wasm.ecKeyCacheSlotOf(curve, p, point.length) >= 0;
}

/** Calls ecPointCheck on a SEC1 point; returns the Err code. */
export function pointCheckRaw(curve: number, point: Uint8Array, wasm: EcExports = ecWasm()): number {
  const base = wasm.ioReserve(point.length);
  new Uint8Array(wasm.memory.buffer).set(point, base);
  return wasm.ecPointCheck(curve, base, point.length);
}

/**
 * Field/scalar/point layer of one curve: limb arrays in a fixed scratch area of the IO region.
 * Each slot holds one element (FE bytes); points use three consecutive slots.
 */
export class EcLayer {
  readonly wasm: EcExports;
  readonly c: CurveParams;
  readonly limbs: number;
  readonly radix: number;
  readonly fe: number;
  readonly R: bigint;
  private base = 0;

  constructor(curve: number, wasm: EcExports = ecWasm()) {
    this.wasm = wasm;
    this.c = CURVES[curve] as CurveParams;
    this.select();
    this.limbs = wasm.ecTestLayout(0);
    this.radix = wasm.ecTestLayout(1);
    this.fe = wasm.ecTestLayout(2);
    this.R = 1n << BigInt(this.limbs * this.radix);
  }

  /** Selects this curve and (re)reserves the scratch area; call before a batch of operations. */
  select(): void {
    this.wasm.ecTestSelect(this.c.id);
    this.base = this.wasm.ioReserve(64 * 152); // 64 slots of the widest FE (P-521's 19 limbs)
  }

  /** Pointer to scratch slot i (0..63). */
  slot(i: number): number {
    return this.base + i * this.fe;
  }

  /** Writes raw limbs (signed) into slot pointer ptr. */
  setLimbs(ptr: number, limbs: readonly bigint[]): void {
    const m = new BigInt64Array(this.wasm.memory.buffer, ptr, this.limbs);
    for (let i = 0; i < this.limbs; i++) m[i] = limbs[i] ?? 0n;
  }

  /** Reads the raw limbs at ptr. */
  getLimbs(ptr: number): bigint[] {
    return Array.from(new BigInt64Array(this.wasm.memory.buffer, ptr, this.limbs));
  }

  /** Value of raw limbs: sum(l[i] 2^(radix i)). */
  valueOf(limbs: readonly bigint[]): bigint {
    let v = 0n;
    for (let i = limbs.length - 1; i >= 0; i--) v = (v << BigInt(this.radix)) + (limbs[i] as bigint);
    return v;
  }

  /** Value at ptr. */
  get(ptr: number): bigint {
    return this.valueOf(this.getLimbs(ptr));
  }

  /** Normalised limbs of v >= 0. */
  limbsOf(v: bigint): bigint[] {
    const out: bigint[] = [];
    const mask = (1n << BigInt(this.radix)) - 1n;
    for (let i = 0; i < this.limbs; i++, v >>= BigInt(this.radix))
      out.push(i === this.limbs - 1 ? v : v & mask);
    return out;
  }

  /** Writes v (normalised limbs). */
  set(ptr: number, v: bigint): void {
    this.setLimbs(ptr, this.limbsOf(v));
  }

  /** v in Montgomery form (v R mod p). */
  mont(v: bigint): bigint {
    return mod(v * this.R, this.c.p);
  }

  /** Plain value of a Montgomery value. */
  unmont(v: bigint): bigint {
    return mod(v * modInv(this.R, this.c.p), this.c.p);
  }

  /** Field op (see ecTestFe): 0 mul, 1 sqr, 2 add, 3 sub, 4 times 8, 5 canon, 6 fromMont, 7 sqrt, 8 isZero. */
  feOp(op: number, r: number, a: number, b = 0): number {
    return this.wasm.ecTestFe(op, r, a, b);
  }

  /** Writes the affine point (x, y) in Montgomery form into slots ptr, ptr + FE. */
  setAffine(ptr: number, x: bigint, y: bigint): void {
    this.set(ptr, this.mont(x));
    this.set(ptr + this.fe, this.mont(y));
  }

  /** Writes a Jacobian point for affine (x, y) with the given Z (Montgomery form). */
  setJacobian(ptr: number, x: bigint, y: bigint, z: bigint): void {
    this.set(ptr, this.mont(x * z * z));
    this.set(ptr + this.fe, this.mont(y * z * z * z));
    this.set(ptr + 2 * this.fe, this.mont(z));
  }

  /** Affine coordinates of the Jacobian point at ptr (null for Z = 0). */
  affine(ptr: number): { x: bigint; y: bigint } | null {
    const p = this.c.p;
    const X = this.unmont(this.get(ptr));
    const Y = this.unmont(this.get(ptr + this.fe));
    const Z = this.unmont(this.get(ptr + 2 * this.fe));
    if (Z === 0n) return null;
    const zi = modInv(Z, p);
    return { x: mod(X * zi * zi, p), y: mod(Y * zi * zi * zi, p) };
  }
}
