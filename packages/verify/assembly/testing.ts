// Entry of build/verify.test.wasm: every export of verify.wasm plus internals that tests reach
// directly (big-integer layer, field arithmetic, raw primitives). Built with assertions on
// (asconfig target "test"); never shipped.

export {
  derBitString,
  derBoolean,
  derIntegerOk,
  derOidOk,
  derUnsigned,
  uintLen,
  uintPtr,
} from './der/primitives';

// ─── DER reader and X.509 internals (x509 helper) ───────────────────────────────────────────
export { derCheckTree, derRead, tlvEnd, tlvLen, tlvTag, tlvVal } from './der/reader';
export { derTime, timeValue } from './der/time';
export * from './index';
export { gnLen, gnRead, gnType, gnVal } from './x509/general-name';
export { atvLen, atvOid, atvOidLen, atvRdn, atvTag, atvVal, nameIterNext, nameIterStart } from './x509/name';
