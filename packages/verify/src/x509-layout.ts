// The layout of the wasm `Cert` struct (assembly/x509/cert.ts), field for field in the same
// order. A test parses cert.ts and fails if the two lists drift apart.

/** Field names and wasm types of `Cert`, in declaration order. */
export const CERT_FIELDS = [
  ['status', 'u32'],
  ['detail', 'u32'],
  ['flags', 'u32'],
  ['version', 'u32'],
  ['der', 'usize'],
  ['derLen', 'u32'],
  ['tbs', 'usize'],
  ['tbsLen', 'u32'],
  ['serial', 'usize'],
  ['serialLen', 'u32'],
  ['sigAlg', 'u32'],
  ['sigHash', 'u32'],
  ['pssMgf1Hash', 'u32'],
  ['pssSaltLen', 'u32'],
  ['sigAlgTlv', 'usize'],
  ['sigAlgTlvLen', 'u32'],
  ['sigAlgOid', 'usize'],
  ['sigAlgOidLen', 'u32'],
  ['sigValue', 'usize'],
  ['sigValueLen', 'u32'],
  ['issuer', 'usize'],
  ['issuerLen', 'u32'],
  ['subject', 'usize'],
  ['subjectLen', 'u32'],
  ['spki', 'usize'],
  ['spkiLen', 'u32'],
  ['keyType', 'u32'],
  ['keyCurve', 'u32'],
  ['keyBits', 'u32'],
  ['keyData', 'usize'],
  ['keyDataLen', 'u32'],
  ['keyExp', 'usize'],
  ['keyExpLen', 'u32'],
  ['keyAlgOid', 'usize'],
  ['keyAlgOidLen', 'u32'],
  ['keyParams', 'usize'],
  ['keyParamsLen', 'u32'],
  ['exts', 'usize'],
  ['extsLen', 'u32'],
  ['extCount', 'u32'],
  ['extPresent', 'u32'],
  ['extCritical', 'u32'],
  ['pathLen', 'i32'],
  ['keyUsage', 'u32'],
  ['ekuFlags', 'u32'],
  ['eku', 'usize'],
  ['ekuLen', 'u32'],
  ['san', 'usize'],
  ['sanLen', 'u32'],
  ['sanCount', 'u32'],
  ['ncPermitted', 'usize'],
  ['ncPermittedLen', 'u32'],
  ['ncExcluded', 'usize'],
  ['ncExcludedLen', 'u32'],
  ['akiKeyId', 'usize'],
  ['akiKeyIdLen', 'u32'],
  ['ski', 'usize'],
  ['skiLen', 'u32'],
  ['policies', 'usize'],
  ['policiesLen', 'u32'],
  ['aia', 'usize'],
  ['aiaLen', 'u32'],
  ['crlDp', 'usize'],
  ['crlDpLen', 'u32'],
  ['notBefore', 'i64'],
  ['notAfter', 'i64'],
  ['anchorStatus', 'u32'],
] as const;

/** A field name of `Cert`. */
export type CertField = (typeof CERT_FIELDS)[number][0];

const SIZES = { u32: 4, usize: 4, i32: 4, i64: 8 } as const;

/** Byte offset of each field (natural alignment, as AssemblyScript lays out @unmanaged classes). */
export const CERT_OFFSETS: Readonly<Record<CertField, number>> = (() => {
  const out: Partial<Record<CertField, number>> = {};
  let off = 0;
  for (const [name, type] of CERT_FIELDS) {
    const size = SIZES[type];
    off = Math.ceil(off / size) * size;
    out[name] = off;
    off += size;
  }
  return out as Record<CertField, number>;
})();

/** Size of `Cert` in bytes (must equal the wasm's x509CertSize()). */
export const CERT_SIZE: number = (() => {
  const [name, type] = CERT_FIELDS[CERT_FIELDS.length - 1] as (typeof CERT_FIELDS)[number];
  return CERT_OFFSETS[name] + SIZES[type];
})();

/** Reads the numeric fields of the `Cert` at `ptr` (i64 times as numbers of seconds). */
export function readCertStruct(memory: WebAssembly.Memory, ptr: number): Record<CertField, number> {
  const dv = new DataView(memory.buffer);
  const out: Partial<Record<CertField, number>> = {};
  for (const [name, type] of CERT_FIELDS) {
    const at = ptr + CERT_OFFSETS[name];
    out[name] =
      type === 'i64'
        ? Number(dv.getBigInt64(at, true))
        : type === 'i32'
          ? dv.getInt32(at, true)
          : dv.getUint32(at, true);
  }
  return out as Record<CertField, number>;
}
