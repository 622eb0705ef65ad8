// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Host-facing exports of the X.509 decoder (re-exported by index.ts). A host (the TypeScript
// API, a C embedding) writes a certificate with ioReserve, calls x509Decode(slot, ptr, len), then
// reads the Cert struct at x509CertPtr(slot) using the layout in cert.ts (mirrored by
// src/x509-layout.ts; x509CertSize lets a host check its copy).
import { CERT_STRIDE, Cert, Err, ITER_CRL_DP, ITER_NONE, Iter, MAX_CERTS } from '../abi.generated';
import { inIoArea } from '../io';

import { certPtr } from './cert';
import { x509Decode } from './decode';
import { iterNext, iterStart } from './iter';

/**
 * Host entry point of x509Decode (see decode.ts and the contract in cert.ts): the same, after
 * checking that [ptr, ptr+len) lies in the IO area (INVALID_ARGUMENT otherwise), so a garbage
 * pointer from a host can never make the module read outside its memory.
 */
export function abiX509Decode(slot: u32, ptr: usize, len: u32): Err {
  if (!inIoArea(ptr, len)) return Err.INVALID_ARGUMENT;
  return x509Decode(slot, ptr, len);
}

/** Address of slot `slot`'s Cert struct, or 0 when slot >= MAX_CERTS. */
export function x509CertPtr(slot: u32): usize {
  return slot < MAX_CERTS ? certPtr(slot) : 0;
}

/** Number of slots (MAX_CERTS). */
export function x509MaxCerts(): u32 {
  return MAX_CERTS;
}

/** Bytes used by one Cert (offsetof<Cert>()); always <= x509CertStride(). */
export function x509CertSize(): u32 {
  return <u32>offsetof<Cert>();
}

/** Distance between slots (CERT_STRIDE). */
export function x509CertStride(): u32 {
  return CERT_STRIDE;
}

/**
 * Host entry point of iterStart (x509/iter.ts): starts enumerating `kind` (IterKind) over
 * [ptr, ptr+len) into the Iter record at `iter`. Both ranges must lie in the IO area
 * (INVALID_ARGUMENT otherwise); MALFORMED when a Name is not a SEQUENCE or the kind is unknown.
 */
export function abiX509IterStart(iter: usize, kind: u32, ptr: usize, len: u32): Err {
  if (!inIoArea(iter, offsetof<Iter>()) || !inIoArea(ptr, len)) return Err.INVALID_ARGUMENT;
  return iterStart(changetype<Iter>(iter), kind, ptr, len);
}

/** Whether [pos, end) is an ordered range inside the IO area. */
function rangeOk(pos: usize, end: usize): bool {
  return pos <= end && inIoArea(pos, end - pos);
}

/**
 * Host entry point of iterNext: 1 and the next item in the record at `iter`, or 0 when there is
 * none. The record comes back from the host, so its state is checked before it is followed: a
 * kind or a range (pos..end, innerPos..innerEnd) that is not a valid iteration over the IO area
 * ends the iteration instead of being read.
 */
export function abiX509IterNext(iter: usize): u32 {
  if (!inIoArea(iter, offsetof<Iter>())) return 0;
  const it = changetype<Iter>(iter);
  if (it.kind > ITER_CRL_DP || !rangeOk(it.pos, it.end)) {
    it.kind = ITER_NONE;
    return 0;
  }
  if (it.innerEnd !== 0 && !rangeOk(it.innerPos, it.innerEnd)) {
    it.kind = ITER_NONE;
    return 0;
  }
  return iterNext(it) ? 1 : 0;
}
