// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// DER rules for the primitive types X.509 uses: INTEGER, BOOLEAN, NULL, BIT STRING, OBJECT
// IDENTIFIER. Each function takes the contents (pointer, length) of a TLV already read by
// derRead, or the Tlv record itself when it narrows the contents to a value inside them
// (derUnsigned, derBitString), and checks the X.690 DER rules for that type. No allocation.
import { Err, Tlv } from '../abi.generated';

/**
 * INTEGER contents (X.690 §8.3.2): at least one octet, and minimal two's complement: the first
 * nine bits are never all zero or all one.
 */
export function derIntegerOk(val: usize, len: u32): bool {
  if (len === 0) return false;
  if (len === 1) return true;
  const b0 = load<u8>(val);
  const b1 = load<u8>(val + 1);
  if (b0 === 0x00 && b1 < 0x80) return false;
  if (b0 === 0xff && b1 >= 0x80) return false;
  return true;
}

/** True when a well-formed INTEGER's contents are negative (sign bit set). */
export function derIntegerNegative(val: usize): bool {
  return load<u8>(val) >= 0x80;
}

/**
 * An INTEGER that must be non-negative (moduli, exponents, ECDSA r and s), read into `t`: checks
 * minimal encoding and sign, then narrows t.val/t.len to the magnitude without the leading 0x00
 * sign octet (a zero value keeps one octet, 0x00). Big-endian, as the crypto primitives take it.
 */
export function derUnsigned(t: Tlv): Err {
  const val = t.val;
  const len = t.len;
  if (!derIntegerOk(val, len) || derIntegerNegative(val)) return Err.MALFORMED;
  if (len > 1 && load<u8>(val) === 0) {
    t.val = val + 1;
    t.len = len - 1;
  }
  return Err.OK;
}

/**
 * A small non-negative INTEGER (version, pathLenConstraint, PSS saltLength): returns its value,
 * saturated at `cap`, or -1 when the encoding is not minimal or the value is negative.
 */
export function derSmallUint(val: usize, len: u32, cap: i64): i64 {
  if (!derIntegerOk(val, len) || derIntegerNegative(val)) return -1;
  let v: i64 = 0;
  for (let i: u32 = 0; i < len; i++) {
    v = (v << 8) | <i64>load<u8>(val + i);
    if (v >= cap) return cap;
  }
  return v;
}

/** BOOLEAN contents (X.690 §11.1): exactly one octet, 0x00 (FALSE) or 0xFF (TRUE). Returns 0, 1, or -1 when invalid. */
export function derBoolean(val: usize, len: u32): i32 {
  if (len !== 1) return -1;
  const b = load<u8>(val);
  if (b === 0xff) return 1;
  if (b === 0x00) return 0;
  return -1;
}

/**
 * BIT STRING contents (X.690 §8.6.2, §11.2) of the TLV read into `t`: the first octet counts the
 * unused bits (0..7), it must be 0 when there are no data octets, and the unused bits of the last
 * octet must be zero. Narrows t.val/t.len to the data octets and returns the unused-bit count, or
 * -1 (t unchanged) when the encoding breaks a rule.
 */
export function derBitString(t: Tlv): i32 {
  const val = t.val;
  const len = t.len;
  if (len === 0) return -1;
  const unused = <u32>load<u8>(val);
  if (unused > 7) return -1;
  if (len === 1 && unused !== 0) return -1;
  if (unused !== 0) {
    const last = <u32>load<u8>(val + len - 1);
    if ((last & ((1 << unused) - 1)) !== 0) return -1;
  }
  t.val = val + 1;
  t.len = len - 1;
  return <i32>unused;
}

/**
 * BIT STRING that carries whole octets (signatures, public keys): DER-valid and no unused bits.
 * Narrows t.val/t.len to the octets.
 */
export function derOctetBitString(t: Tlv): Err {
  if (t.len === 0 || load<u8>(t.val) !== 0) return Err.MALFORMED;
  return derBitString(t) === 0 ? Err.OK : Err.MALFORMED;
}

/**
 * OBJECT IDENTIFIER contents (X.690 §8.19): at least one octet; every subidentifier is minimal
 * (does not start with 0x80) and the last octet ends a subidentifier (high bit clear).
 */
export function derOidOk(val: usize, len: u32): bool {
  if (len === 0) return false;
  let start = true;
  for (let i: u32 = 0; i < len; i++) {
    const b = load<u8>(val + i);
    if (start && b === 0x80) return false;
    start = b < 0x80;
  }
  return start;
}

/** True when the OID contents (val, len) equal the constant `oid` (length `oidLen`). */
export function oidEquals(val: usize, len: u32, oid: usize, oidLen: u32): bool {
  return len === oidLen && memory.compare(val, oid, len) === 0;
}
