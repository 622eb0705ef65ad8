// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Adapters from the signature dispatcher to the primitives (crypto/rsa.ts, crypto/ecdsa.ts,
// crypto/ed25519.ts), in one place so the dispatcher does not depend on each primitive's exact
// signature (argument types, i32 lengths).
import { Err } from '../errors.generated';
import { ecdsaVerify } from './ecdsa';
import { ed25519Verify } from './ed25519';
import { rsaVerifyPkcs1v15, rsaVerifyPss } from './rsa';

/** RSASSA-PKCS1-v1_5 over a digest (crypto/rsa.ts rsaVerifyPkcs1v15); hash ids are HashAlg ids. */
export function primRsaPkcs1(
  n: usize,
  nLen: u32,
  e: usize,
  eLen: u32,
  hash: u32,
  digest: usize,
  sig: usize,
  sigLen: u32,
): Err {
  return <Err>rsaVerifyPkcs1v15(n, <i32>nLen, e, <i32>eLen, <i32>hash, digest, sig, <i32>sigLen);
}

/** RSASSA-PSS over a digest (crypto/rsa.ts rsaVerifyPss). */
export function primRsaPss(
  n: usize,
  nLen: u32,
  e: usize,
  eLen: u32,
  hash: u32,
  mgf1Hash: u32,
  saltLen: u32,
  digest: usize,
  sig: usize,
  sigLen: u32,
): Err {
  return <Err>(
    rsaVerifyPss(n, <i32>nLen, e, <i32>eLen, <i32>hash, <i32>mgf1Hash, <i32>saltLen, digest, sig, <i32>sigLen)
  );
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
