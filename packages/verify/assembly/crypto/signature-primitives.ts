// Adapters from the signature dispatcher to the primitives, in one place so the dispatcher does
// not depend on each primitive's exact signature. A primitive that has not landed yet answers
// UNSUPPORTED_ALGORITHM here: never OK (nothing may pass without being verified).
import { Err } from '../errors.generated';
import { ecdsaVerify } from './ecdsa';
import { ed25519Verify } from './ed25519';

/** RSASSA-PKCS1-v1_5 over a digest (crypto/rsa.ts rsaVerifyPkcs1v15). */
export function primRsaPkcs1(
  _n: usize,
  _nLen: u32,
  _e: usize,
  _eLen: u32,
  _hash: u32,
  _digest: usize,
  _sig: usize,
  _sigLen: u32,
): Err {
  return Err.UNSUPPORTED_ALGORITHM;
}

/** RSASSA-PSS over a digest (crypto/rsa.ts rsaVerifyPss). */
export function primRsaPss(
  _n: usize,
  _nLen: u32,
  _e: usize,
  _eLen: u32,
  _hash: u32,
  _mgf1Hash: u32,
  _saltLen: u32,
  _digest: usize,
  _sig: usize,
  _sigLen: u32,
): Err {
  return Err.UNSUPPORTED_ALGORITHM;
}

/** ECDSA over a digest, r and s as big-endian magnitudes (crypto/ecdsa.ts ecdsaVerify). */
export function primEcdsa(
  curve: u32,
  point: usize,
  pointLen: u32,
  digest: usize,
  digestLen: u32,
  r: usize,
  rLen: u32,
  s: usize,
  sLen: u32,
): Err {
  return <Err>(
    ecdsaVerify(<i32>curve, point, <i32>pointLen, digest, <i32>digestLen, r, <i32>rLen, s, <i32>sLen)
  );
}

/** Ed25519 over the message (crypto/ed25519.ts ed25519Verify); pub is 32 octets, sig 64. */
export function primEd25519(pub: usize, msg: usize, msgLen: u32, sig: usize): Err {
  return <Err>ed25519Verify(pub, msg, msgLen, sig);
}
