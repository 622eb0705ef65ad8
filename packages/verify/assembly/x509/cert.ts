// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// The decoder's certificate slots: MAX_CERTS records of the generated `Cert` layout (abi.json
// layouts.Cert, with the Key and SigParams records inside it), CERT_STRIDE bytes apart, in static
// memory. x509Decode fills one; path validation reads them; a host reads them at x509CertPtr(slot).
import { CERT_STRIDE, Cert, MAX_CERTS } from '../abi.generated';

const certTable = memory.data(<i32>(MAX_CERTS * CERT_STRIDE), 16);

/** The slot's address (slot < MAX_CERTS, not checked: callers own their slot numbers). */
export function certPtr(slot: u32): usize {
  return certTable + <usize>slot * CERT_STRIDE;
}

/** Typed view of a slot. */
export function certAt(slot: u32): Cert {
  return changetype<Cert>(certPtr(slot));
}
