// verifySignature: one signature check with WebCrypto-style algorithm objects, over the wasm
// dispatcher (assembly/crypto/signature.ts).
import { MAX_IO } from './abi.generated.js';
import { errorCode } from './errors.js';
import { VerifyError } from './verify-error.js';
import { gateway } from './wasm.js';

/** A hash name, as in WebCrypto: a string or `{ name }` (matched case-insensitively). */
export type SignatureHash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512' | { name: string } | string;

/** The signature algorithms verifySignature understands (WebCrypto-style objects). */
export type SignatureAlgorithm =
  | { name: 'RSASSA-PKCS1-v1_5'; hash: SignatureHash }
  | { name: 'RSA-PSS'; hash: SignatureHash; saltLength: number; mgf1Hash?: SignatureHash }
  | { name: 'ECDSA'; hash: SignatureHash }
  | { name: 'Ed25519' };

/** Input of {@link verifySignature}. */
export interface VerifySignatureInput {
  /** The algorithm, e.g. `{ name: 'ECDSA', hash: 'SHA-256' }`. */
  algorithm: SignatureAlgorithm;
  /** The public key as SubjectPublicKeyInfo DER. */
  publicKey: Uint8Array;
  /** The signed bytes (hashed here; Ed25519 signs them directly). */
  data: Uint8Array;
  /** The signature as in X.509: DER ECDSA-Sig-Value for ECDSA, the raw octets otherwise. */
  signature: Uint8Array;
}

const KIND = { 'RSASSA-PKCS1-V1_5': 1, 'RSA-PSS': 2, ECDSA: 3, ED25519: 4 } as const;
const HASH: Readonly<Record<string, number>> = { 'SHA-1': 1, 'SHA-256': 2, 'SHA-384': 3, 'SHA-512': 4 };

function hashId(h: unknown, what: string): number {
  const name =
    typeof h === 'string' ? h : typeof h === 'object' && h !== null ? (h as { name?: unknown }).name : h;
  const id = typeof name === 'string' ? HASH[name.toUpperCase()] : undefined;
  if (id === undefined) {
    const known = typeof name === 'string' && /^SHA-?(224|512\/2(24|56)|3-\d+)$/i.test(name);
    throw new VerifyError(
      known ? 'UNSUPPORTED_ALGORITHM' : 'INVALID_ARGUMENT',
      `${what}: ${JSON.stringify(name)} is not one of SHA-1, SHA-256, SHA-384, SHA-512`,
    );
  }
  return id;
}

function bytes(v: unknown, what: string): Uint8Array {
  if (!(v instanceof Uint8Array)) throw new VerifyError('INVALID_ARGUMENT', `${what} must be a Uint8Array`);
  return v;
}

/** Numeric arguments of the wasm call: [kind, hash, mgf1Hash, saltLength]. */
function algorithmArgs(algorithm: unknown): [number, number, number, number] {
  if (
    typeof algorithm !== 'object' ||
    algorithm === null ||
    typeof (algorithm as { name?: unknown }).name !== 'string'
  ) {
    throw new VerifyError('INVALID_ARGUMENT', 'algorithm must be an object with a name');
  }
  const a = algorithm as { name: string; hash?: unknown; saltLength?: unknown; mgf1Hash?: unknown };
  const kind = KIND[a.name.toUpperCase() as keyof typeof KIND];
  if (kind === undefined) {
    throw new VerifyError(
      'UNSUPPORTED_ALGORITHM',
      `algorithm ${JSON.stringify(a.name)} is not one of RSASSA-PKCS1-v1_5, RSA-PSS, ECDSA, Ed25519`,
    );
  }
  if (kind === KIND.ED25519) return [kind, 0, 0, 0];
  const hash = hashId(a.hash, 'algorithm.hash');
  if (kind !== KIND['RSA-PSS']) return [kind, hash, 0, 0];
  const salt = a.saltLength;
  if (typeof salt !== 'number' || !Number.isInteger(salt) || salt < 0 || salt > 65535) {
    throw new VerifyError('INVALID_ARGUMENT', 'algorithm.saltLength must be an integer from 0 to 65535');
  }
  const mgf1 = a.mgf1Hash === undefined ? hash : hashId(a.mgf1Hash, 'algorithm.mgf1Hash');
  return [kind, hash, mgf1, salt];
}

/**
 * Verifies one signature. Synchronous after a one-time `await init()`.
 *
 * Returns `true` when the signature is valid and `false` when it is not, which includes any
 * malformed signature value (wrong length, BER or non-minimal DER, trailing bytes, r or s out of
 * range). SHA-1 is verified here; refusing it is a chain-validation policy.
 *
 * @throws VerifyError `INVALID_ARGUMENT` (bad argument types, unknown names), `MALFORMED` (the
 *   public key is not well-formed SubjectPublicKeyInfo DER), `BAD_PUBLIC_KEY` (point off the curve,
 *   bad RSA modulus or exponent), `KEY_ALGORITHM_MISMATCH` (the key type does not fit the algorithm,
 *   or an RSASSA-PSS key's parameters forbid it), `UNSUPPORTED_ALGORITHM` (other curves, key types
 *   or hashes, e.g. secp256k1, SHA-224), `INTERNAL` when the module trapped (a bug; it is then
 *   re-instantiated).
 * @example
 * ```ts
 * await init();
 * const ok = verifySignature({
 *   algorithm: { name: 'ECDSA', hash: 'SHA-256' },
 *   publicKey: spkiDer,
 *   data: tbsBytes,
 *   signature: derSignature,
 * });
 * ```
 */
export function verifySignature(input: VerifySignatureInput): boolean {
  if (typeof input !== 'object' || input === null)
    throw new VerifyError('INVALID_ARGUMENT', 'input must be an object');
  const [kind, hash, mgf1, salt] = algorithmArgs(input.algorithm);
  const key = bytes(input.publicKey, 'publicKey');
  const data = bytes(input.data, 'data');
  const sig = bytes(input.signature, 'signature');
  const e = gateway.call('verifySignature', (w) => {
    const total = key.length + data.length + sig.length;
    const p = w.ioReserve(total);
    if (p === 0) {
      throw new VerifyError(
        'INPUT_TOO_LARGE',
        `inputs of ${total} bytes exceed the ${MAX_IO >> 20} MiB IO limit`,
      );
    }
    const mem = new Uint8Array(w.memory.buffer);
    mem.set(key, p);
    mem.set(data, p + key.length);
    mem.set(sig, p + key.length + data.length);
    return w.verifySignature(
      kind,
      hash,
      mgf1,
      salt,
      p,
      key.length,
      p + key.length,
      data.length,
      p + key.length + data.length,
      sig.length,
    );
  });
  if (e === 0) return true;
  if (errorCode(e) === 'BAD_SIGNATURE') return false;
  throw VerifyError.fromWasm(e);
}
