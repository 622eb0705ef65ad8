// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// Host-facing exports of the X.509 decoder (re-exported by index.ts). A host (the TypeScript
// API, a C embedding) writes a certificate with ioReserve, calls x509Decode(slot, ptr, len), then
// reads the Cert struct at x509CertPtr(slot) using the layout in cert.ts (mirrored by
// src/x509-layout.ts; x509CertSize lets a host check its copy).
import { CERT_STRIDE, Cert, Err, MAX_CERTS } from '../abi.generated';
import { inIoArea } from '../io';

import { certPtr } from './cert';
import { x509Decode } from './decode';

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
