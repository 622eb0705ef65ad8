// Signers of trust-bundle updates: any WebCrypto `CryptoKey` (Node 20's and browsers'
// `crypto.subtle`, or a provider such as node-webcrypto-p11 whose keys live in a PKCS#11 token:
// pass its `subtle`), or a callback for a cloud KMS. Every signature is normalised to r ‖ s with
// s ≤ n/2 and checked with @hubtrust/verify before it is used, so a signer returning the wrong
// key's signature is caught here, not on the devices.
import { sha256, verifySignature } from '@hubtrust/verify';
import { UpdateError } from './errors.js';

/** Something that signs update bodies with a P-256 key. */
export interface UpdateSigner {
  /** The public key: the 65-byte uncompressed point 0x04 ‖ X ‖ Y. */
  publicKey: Uint8Array;
  /**
   * Signs `data` with ECDSA P-256 / SHA-256 (hashing it). Returns r ‖ s (64 bytes, WebCrypto's form)
   * or a DER ECDSA-Sig-Value (what PKCS#11 and cloud KMS APIs often return).
   */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** P-256 group order n. */
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const HALF_N = N >> 1n;
/** SubjectPublicKeyInfo prefix of an uncompressed P-256 point (RFC 5480). */
const SPKI_P256_PREFIX = Uint8Array.from([
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48,
  0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
]);

/**
 * The id of an update signing key: SHA-256 of its 65-byte uncompressed point.
 * @throws UpdateError `INVALID_ARGUMENT` when the key is not 65 bytes starting with 0x04.
 */
export function updateKeyId(publicKey: Uint8Array): Uint8Array {
  checkPoint(publicKey, 'public key');
  return sha256(publicKey);
}

function checkPoint(p: Uint8Array, what: string): void {
  if (!(p instanceof Uint8Array) || p.length !== 65 || p[0] !== 0x04) {
    throw new UpdateError(
      'INVALID_ARGUMENT',
      `${what}: expected a 65-byte uncompressed P-256 point (0x04 ‖ X ‖ Y)`,
    );
  }
}

/** SubjectPublicKeyInfo DER of an uncompressed P-256 point. */
export function p256Spki(point: Uint8Array): Uint8Array {
  const out = new Uint8Array(SPKI_P256_PREFIX.length + 65);
  out.set(SPKI_P256_PREFIX, 0);
  out.set(point, SPKI_P256_PREFIX.length);
  return out;
}

function toBig(b: Uint8Array): bigint {
  let x = 0n;
  for (const v of b) x = (x << 8n) | BigInt(v);
  return x;
}

function to32(x: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

/** r and s from r ‖ s or from a DER ECDSA-Sig-Value (bounded: at most 72 bytes). */
function splitSignature(sig: Uint8Array): [bigint, bigint] {
  if (sig.length === 64) return [toBig(sig.subarray(0, 32)), toBig(sig.subarray(32))];
  const bad = () =>
    new UpdateError('SIGNER_FAILED', 'the signer returned neither r ‖ s nor a DER ECDSA signature');
  if (sig.length < 8 || sig.length > 72 || sig[0] !== 0x30 || sig[1] !== sig.length - 2) throw bad();
  const ints: bigint[] = [];
  let at = 2;
  for (let k = 0; k < 2; k++) {
    if (sig[at] !== 0x02) throw bad();
    const len = sig[at + 1] as number;
    if (len < 1 || len > 33 || at + 2 + len > sig.length) throw bad();
    ints.push(toBig(sig.subarray(at + 2, at + 2 + len)));
    at += 2 + len;
  }
  if (at !== sig.length) throw bad();
  return [ints[0] as bigint, ints[1] as bigint];
}

function derInteger(x: Uint8Array): number[] {
  let i = 0;
  while (i < x.length - 1 && x[i] === 0) i++;
  const body = [...x.subarray(i)];
  if ((body[0] as number) & 0x80) body.unshift(0);
  return [0x02, body.length, ...body];
}

/** r ‖ s as a DER ECDSA-Sig-Value (what verifySignature takes). */
export function rawToDerSignature(raw: Uint8Array): Uint8Array {
  const seq = [...derInteger(raw.subarray(0, 32)), ...derInteger(raw.subarray(32))];
  return Uint8Array.from([0x30, seq.length, ...seq]);
}

/**
 * Signs `data`, returns the canonical r ‖ s (s ≤ n/2) after checking it with @hubtrust/verify.
 * @throws UpdateError `SIGNER_FAILED` when the signer fails or its signature does not verify.
 */
export async function signCanonical(
  signer: UpdateSigner,
  data: Uint8Array,
  what: string,
): Promise<Uint8Array> {
  checkPoint(signer.publicKey, `${what} public key`);
  let sig: Uint8Array;
  try {
    sig = new Uint8Array(await signer.sign(data));
  } catch (e) {
    throw new UpdateError('SIGNER_FAILED', `${what}: the signer failed: ${(e as Error).message}`);
  }
  let [r, s] = splitSignature(sig);
  if (r <= 0n || r >= N || s <= 0n || s >= N)
    throw new UpdateError('SIGNER_FAILED', `${what}: r or s out of range`);
  if (s > HALF_N) s = N - s;
  const raw = new Uint8Array(64);
  raw.set(to32(r), 0);
  raw.set(to32(s), 32);
  const ok = verifySignature({
    algorithm: { name: 'ECDSA', hash: 'SHA-256' },
    publicKey: p256Spki(signer.publicKey),
    data,
    signature: rawToDerSignature(raw),
  });
  if (!ok)
    throw new UpdateError(
      'SIGNER_FAILED',
      `${what}: the signature does not verify with the signer's public key`,
    );
  return raw;
}

/**
 * A signer for a WebCrypto key pair (ECDSA, P-256). `subtle` defaults to `globalThis.crypto.subtle`;
 * pass the provider's own for keys of another provider (a PKCS#11 token through node-webcrypto-p11).
 * @throws UpdateError `INVALID_ARGUMENT` when the key is not an ECDSA P-256 key.
 * @example
 * ```ts
 * const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
 * const signer = await webCryptoSigner(keys);
 * ```
 */
export async function webCryptoSigner(
  keys: { privateKey: CryptoKey; publicKey: CryptoKey },
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<UpdateSigner> {
  const alg = keys.privateKey.algorithm as EcKeyAlgorithm;
  if (alg.name !== 'ECDSA' || alg.namedCurve !== 'P-256')
    throw new UpdateError('INVALID_ARGUMENT', 'the key must be an ECDSA P-256 key');
  const publicKey = new Uint8Array(await subtle.exportKey('raw', keys.publicKey));
  return {
    publicKey,
    sign: async (data) =>
      new Uint8Array(
        await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, new Uint8Array(data)),
      ),
  };
}
