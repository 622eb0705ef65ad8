// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Trust anchors are decoded lazily: a whole trust store (Mozilla's ~150 roots) may be passed on
// every call, but a path only ever touches the few whose subject is some certificate's issuer.
// At the start of a call only each anchor's subject is located, with a short walk over the
// TBSCertificate (x509/decode.ts does the full, strict decode once the anchor becomes a
// candidate). An anchor whose subject cannot even be located is never a candidate.

import { Cert, CF_DECODED, Err } from '../abi.generated';
import { derRead, TAG_CONTEXT_CONS, TAG_SEQUENCE, tlvEnd, tlvStart, tlvTag, tlvVal } from '../der/reader';

import { certAt } from '../x509/cert';
import { x509Decode } from '../x509/decode';

import { certCount, certInputLen, certInputPtr, firstRoot } from './request';

// Per slot: the subject TLV (pointer, length) and a state byte: 0 not decoded, 1 decoded, 2 unusable.
const subjectPtr = memory.data(256 * 4);
const subjectLen = memory.data(256 * 4);
const state = memory.data(256);

/** Locates the subject TLV of the certificate at [p, p+len); false when the walk fails. */
function locateSubject(slot: u32, p: usize, len: u32): bool {
  const end = p + <usize>len;
  if (derRead(p, end) !== Err.OK || tlvTag !== TAG_SEQUENCE) return false;
  const certEnd = tlvEnd;
  if (derRead(tlvVal, certEnd) !== Err.OK || tlvTag !== TAG_SEQUENCE) return false; // TBSCertificate
  const tbsEnd = tlvEnd;
  let pos = tlvVal;
  if (derRead(pos, tbsEnd) !== Err.OK) return false;
  if (tlvTag === (TAG_CONTEXT_CONS | 0)) {
    pos = tlvEnd; // version
    if (derRead(pos, tbsEnd) !== Err.OK) return false;
  }
  // serialNumber, signature, issuer, validity, then subject.
  for (let i = 0; i < 4; i++) {
    pos = tlvEnd;
    if (derRead(pos, tbsEnd) !== Err.OK) return false;
  }
  if (tlvTag !== TAG_SEQUENCE) return false;
  store<u32>(subjectPtr + ((<usize>slot) << 2), <u32>tlvStart);
  store<u32>(subjectLen + ((<usize>slot) << 2), <u32>(tlvEnd - tlvStart));
  return true;
}

/** Prepares the anchors of this call: subjects located, nothing decoded yet. */
export function anchorsReset(): void {
  for (let s = firstRoot(); s < certCount; s++) {
    // The slot still holds the previous call's certificate: mark it undecoded so nothing reads it.
    const c = certAt(s);
    c.flags = 0;
    c.status = <u32>Err.MALFORMED;
    store<u8>(state + s, locateSubject(s, certInputPtr(s), certInputLen(s)) ? 0 : 2);
  }
}

/** Whether anchor `s` has the subject [name, name+len) (byte for byte). */
export function anchorHasSubject(s: u32, name: usize, len: u32): bool {
  if (load<u8>(state + s) === 2) return false;
  return (
    load<u32>(subjectLen + ((<usize>s) << 2)) === len &&
    memory.compare(<usize>load<u32>(subjectPtr + ((<usize>s) << 2)), name, <usize>len) === 0
  );
}

/** Decodes anchor `s` on first use; returns its struct, or null when it does not decode. */
export function anchorDecoded(s: u32): Cert | null {
  const st = load<u8>(state + s);
  if (st === 0) {
    x509Decode(s, certInputPtr(s), certInputLen(s));
    store<u8>(state + s, (certAt(s).flags & CF_DECODED) !== 0 ? 1 : 2);
  }
  return load<u8>(state + s) === 1 ? certAt(s) : null;
}
