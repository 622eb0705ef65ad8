// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Trust anchors are decoded lazily: a whole trust store (Mozilla's ~150 roots) may be passed on
// every call, but a path only ever touches the few whose subject is some certificate's issuer.
// At the start of a call only each anchor's subject is located, with a short walk over the
// TBSCertificate (x509/decode.ts does the full, strict decode once the anchor becomes a
// candidate). An anchor whose subject cannot even be located is never a candidate.

import {
  Cert,
  CF_DECODED,
  Err,
  NAME_CHAINING_ASCII_CASE_EXACT_ANCHOR,
  NAME_CHAINING_EXACT,
  staticTlv,
} from '../abi.generated';
import { derRead, TAG_CONTEXT_CONS, TAG_SEQUENCE } from '../der/reader';
import { dnEquals } from '../names/dn';
import { certAt } from '../x509/cert';
import { x509Decode } from '../x509/decode';
import { VerifyCtx } from './context';
import { certInputLen, certInputPtr, firstRoot } from './request';

const locateSubjectTlv = staticTlv();

/**
 * Locates the subject TLV of the certificate at [p, p+len) into the context's anchor table;
 * false when the walk fails.
 */
function locateSubject(ctx: VerifyCtx, slot: u32, p: usize, len: u32): bool {
  const t = locateSubjectTlv;
  const end = p + <usize>len;
  if (derRead(t, p, end) !== Err.OK || t.tag !== TAG_SEQUENCE) return false;
  const certEnd = t.end;
  if (derRead(t, t.val, certEnd) !== Err.OK || t.tag !== TAG_SEQUENCE) return false; // TBSCertificate
  const tbsEnd = t.end;
  let pos = t.val;
  if (derRead(t, pos, tbsEnd) !== Err.OK) return false;
  if (t.tag === (TAG_CONTEXT_CONS | 0)) {
    pos = t.end; // version
    if (derRead(t, pos, tbsEnd) !== Err.OK) return false;
  }
  // serialNumber, signature, issuer, validity, then subject.
  for (let i = 0; i < 4; i++) {
    pos = t.end;
    if (derRead(t, pos, tbsEnd) !== Err.OK) return false;
  }
  if (t.tag !== TAG_SEQUENCE) return false;
  store<u32>(ctx.anchorSubject + ((<usize>slot) << 2), <u32>t.start);
  store<u32>(ctx.anchorSubjectLen + ((<usize>slot) << 2), <u32>(t.end - t.start));
  return true;
}

/** Prepares the anchors of this call: subjects located, nothing decoded yet. */
export function anchorsReset(ctx: VerifyCtx): void {
  const state = ctx.anchorState;
  for (let s = firstRoot(ctx); s < ctx.certCount; s++) {
    // The slot still holds the previous call's certificate: mark it undecoded so nothing reads it.
    const c = certAt(s);
    c.flags = 0;
    c.status = <u32>Err.MALFORMED;
    store<u8>(state + s, locateSubject(ctx, s, certInputPtr(ctx, s), certInputLen(ctx, s)) ? 0 : 2);
  }
}

/** Whether anchor `s` has the subject [name, name+len) (the request's NameChaining rule). */
export function anchorHasSubject(ctx: VerifyCtx, s: u32, name: usize, len: u32): bool {
  if (load<u8>(ctx.anchorState + s) === 2) return false;
  const subject = <usize>load<u32>(ctx.anchorSubject + ((<usize>s) << 2));
  const mode =
    ctx.nameChaining === NAME_CHAINING_ASCII_CASE_EXACT_ANCHOR ? NAME_CHAINING_EXACT : ctx.nameChaining;
  return dnEquals(mode, name, len, subject, load<u32>(ctx.anchorSubjectLen + ((<usize>s) << 2)));
}

/** Decodes anchor `s` on first use; returns its struct, or null when it does not decode. */
export function anchorDecoded(ctx: VerifyCtx, s: u32): Cert | null {
  const state = ctx.anchorState;
  const st = load<u8>(state + s);
  if (st === 0) {
    x509Decode(s, certInputPtr(ctx, s), certInputLen(ctx, s));
    store<u8>(state + s, (certAt(s).flags & CF_DECODED) !== 0 ? 1 : 2);
  }
  return load<u8>(state + s) === 1 ? certAt(s) : null;
}
