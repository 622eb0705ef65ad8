// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) for the key types the verifier supports; any other
// algorithm decodes as an opaque KEY_UNKNOWN key (reported, never used to verify).
//
//   SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
//
// - rsaEncryption (RFC 3279 §2.3.1): parameters NULL (required); the BIT STRING (no unused bits)
//   holds RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }, both positive
//   and minimally encoded, nothing after. Size and parity are checked by the RSA primitive
//   (BAD_PUBLIC_KEY) and by path policy (minimum bits), not here.
// - id-RSASSA-PSS (RFC 4055 §1.2, §3.1): parameters absent (any PSS parameters allowed) or
//   RSASSA-PSS-params (they then bind the key to that hash, MGF1 hash and minimum salt length);
//   the key itself is an RSAPublicKey as above.
// - id-ecPublicKey (RFC 5480 §2.1.1): parameters required. namedCurve P-256, P-384 or P-521 gives
//   CURVE_P256/CURVE_P384/CURVE_P521 and the point must be encoded for that curve (04||X||Y, or a
//   compressed 02/03||X; P-521 only in builds with it, build-options.ts); other named curves give CURVE_OTHER, specifiedCurve (SEQUENCE) and
//   implicitCurve (NULL) give CURVE_EXPLICIT: decoded, never supported. Whether the point lies
//   on the curve is the ECDSA primitive's check (ecPointCheck), made when the key is used.
// - id-Ed25519 (RFC 8410 §3, §4): parameters absent; the key is 32 octets.

import {
  CURVE_EXPLICIT,
  CURVE_OTHER,
  CURVE_P256,
  CURVE_P384,
  CURVE_P521,
  Detail,
  Err,
  KEY_EC,
  KEY_ED25519,
  KEY_RSA,
  KEY_RSA_PSS,
  Key,
  staticSigParams,
  staticTlv,
} from '../abi.generated';
import { WITH_P521 } from '../build-options';
import { derOctetBitString, derOidOk, derUnsigned, oidEquals } from '../der/primitives';
import {
  derCheckTree,
  derExpectOnly,
  derRead,
  TAG_BIT_STRING,
  TAG_INTEGER,
  TAG_NULL,
  TAG_OID,
  TAG_SEQUENCE,
} from '../der/reader';
import { OUTCOME_OK, Outcome, outcome } from '../outcome';

import { pssParams } from './algorithm';

import {
  OID_EC_PUBLIC_KEY,
  OID_EC_PUBLIC_KEY_LEN,
  OID_ED25519,
  OID_ED25519_LEN,
  OID_P256,
  OID_P256_LEN,
  OID_P384,
  OID_P384_LEN,
  OID_P521,
  OID_P521_LEN,
  OID_RSA,
  OID_RSA_LEN,
  OID_RSA_PSS,
  OID_RSA_PSS_LEN,
} from './oids';

function fail(d: Detail): Outcome {
  return outcome(Err.MALFORMED, d);
}

/** Number of significant bits in the big-endian magnitude [p, p+len) (first octet non-zero unless len is 1). */
export function bitLength(p: usize, len: u32): u32 {
  if (len === 0) return 0;
  const top = <u32>load<u8>(p);
  return (len - 1) * 8 + (32 - <u32>clz<u32>(top));
}

const rsaKeyTlv = staticTlv();

/** RSAPublicKey inside the BIT STRING octets [p, p+len), into k's keyData, keyExp, keyBits. */
function rsaKey(k: Key, p: usize, len: u32): Outcome {
  const t = rsaKeyTlv;
  const end = p + len;
  if (derExpectOnly(t, p, end, TAG_SEQUENCE) !== Err.OK) return fail(Detail.RSA_KEY);
  const seqEnd = t.end;
  if (derRead(t, t.val, seqEnd) !== Err.OK || t.tag !== TAG_INTEGER) return fail(Detail.RSA_KEY);
  const eStart = t.end;
  if (derUnsigned(t) !== Err.OK) return fail(Detail.RSA_KEY);
  k.keyData = t.val;
  k.keyDataLen = t.len;
  if (derExpectOnly(t, eStart, seqEnd, TAG_INTEGER) !== Err.OK) return fail(Detail.RSA_KEY);
  if (derUnsigned(t) !== Err.OK) return fail(Detail.RSA_KEY);
  k.keyExp = t.val;
  k.keyExpLen = t.len;
  k.keyBits = bitLength(k.keyData, k.keyDataLen);
  return OUTCOME_OK;
}

const spkiParseTlv = staticTlv();

const pssScratch = staticSigParams();

/**
 * Parses a SubjectPublicKeyInfo TLV that must fill [ptr, ptr+len) exactly into the Key record `k`
 * (a certificate's, or a standalone one). Returns MALFORMED with the rule's detail on a
 * structural error (k is then partly filled and must not be used).
 */
export function spkiParse(k: Key, ptr: usize, len: u32): Outcome {
  const t = spkiParseTlv;
  const end = ptr + len;
  memory.fill(changetype<usize>(k), 0, offsetof<Key>());
  if (derExpectOnly(t, ptr, end, TAG_SEQUENCE) !== Err.OK) return fail(Detail.SPKI);
  const seqEnd = t.end;
  if (derRead(t, t.val, seqEnd) !== Err.OK || t.tag !== TAG_SEQUENCE) return fail(Detail.SPKI);
  const algEnd = t.end;
  const bitsPos = t.end;
  if (derRead(t, t.val, algEnd) !== Err.OK || t.tag !== TAG_OID || !derOidOk(t.val, t.len))
    return fail(Detail.SPKI);
  const oid = t.val;
  const oidLen = t.len;
  k.keyAlgOid = oid;
  k.keyAlgOidLen = oidLen;
  let pTag: u32 = 0;
  let pVal: usize = 0;
  let pLen: u32 = 0;
  const hasParams = t.end < algEnd;
  if (hasParams) {
    if (derRead(t, t.end, algEnd) !== Err.OK || t.end !== algEnd) return fail(Detail.SPKI);
    pTag = t.tag;
    pVal = t.val;
    pLen = t.len;
    k.keyParams = t.start;
    k.keyParamsLen = <u32>(t.end - t.start);
    if (derCheckTree(k.keyParams, k.keyParamsLen) !== Err.OK) return fail(Detail.SPKI);
  }
  if (derExpectOnly(t, bitsPos, seqEnd, TAG_BIT_STRING) !== Err.OK) return fail(Detail.SPKI);
  if (derOctetBitString(t) !== Err.OK) return fail(Detail.SPKI);
  const key = t.val;
  const keyLen = t.len;
  // The key as the BIT STRING holds it (EC point, Ed25519 key, unknown types); RSA replaces it.
  k.keyData = key;
  k.keyDataLen = keyLen;

  if (oidEquals(oid, oidLen, OID_RSA, OID_RSA_LEN)) {
    if (!hasParams || pTag !== TAG_NULL || pLen !== 0) return fail(Detail.SPKI_PARAMS);
    const e = rsaKey(k, key, keyLen);
    if (e !== OUTCOME_OK) return e;
    k.keyType = KEY_RSA;
    return OUTCOME_OK;
  }
  if (oidEquals(oid, oidLen, OID_RSA_PSS, OID_RSA_PSS_LEN)) {
    if (hasParams) {
      if (pTag !== TAG_SEQUENCE || pssParams(pssScratch, pVal, pLen) !== OUTCOME_OK)
        return fail(Detail.SPKI_PARAMS);
    }
    const e = rsaKey(k, key, keyLen);
    if (e !== OUTCOME_OK) return e;
    k.keyType = KEY_RSA_PSS;
    return OUTCOME_OK;
  }
  if (oidEquals(oid, oidLen, OID_EC_PUBLIC_KEY, OID_EC_PUBLIC_KEY_LEN)) {
    if (!hasParams) return fail(Detail.SPKI_PARAMS);
    k.keyType = KEY_EC;
    if (pTag === TAG_OID) {
      if (!derOidOk(pVal, pLen)) return fail(Detail.SPKI_PARAMS);
      let coord: u32 = 0;
      if (oidEquals(pVal, pLen, OID_P256, OID_P256_LEN)) {
        k.keyCurve = CURVE_P256;
        coord = 32;
      } else if (oidEquals(pVal, pLen, OID_P384, OID_P384_LEN)) {
        k.keyCurve = CURVE_P384;
        coord = 48;
      } else if (WITH_P521 && oidEquals(pVal, pLen, OID_P521, OID_P521_LEN)) {
        // A build without P-521 (build-options.ts: the embedded one) sees another named curve:
        // CURVE_OTHER, unsupported, the same verdict.
        k.keyCurve = CURVE_P521;
        coord = 66;
      } else {
        k.keyCurve = CURVE_OTHER;
        return OUTCOME_OK;
      }
      k.keyBits = k.keyCurve === CURVE_P521 ? 521 : coord * 8;
      if (keyLen === 0) return fail(Detail.EC_POINT);
      const form = load<u8>(key);
      if (form === 0x04) {
        if (keyLen !== 1 + 2 * coord) return fail(Detail.EC_POINT);
      } else if (form === 0x02 || form === 0x03) {
        if (keyLen !== 1 + coord) return fail(Detail.EC_POINT);
      } else {
        return fail(Detail.EC_POINT);
      }
      return OUTCOME_OK;
    }
    if (pTag === TAG_SEQUENCE || (pTag === TAG_NULL && pLen === 0)) {
      k.keyCurve = CURVE_EXPLICIT;
      return OUTCOME_OK;
    }
    return fail(Detail.SPKI_PARAMS);
  }
  if (oidEquals(oid, oidLen, OID_ED25519, OID_ED25519_LEN)) {
    if (hasParams) return fail(Detail.SPKI_PARAMS);
    if (keyLen !== 32) return fail(Detail.ED25519_KEY);
    k.keyType = KEY_ED25519;
    k.keyBits = 256;
    return OUTCOME_OK;
  }
  return OUTCOME_OK;
}
