// Texts of the decoder's detail codes (abi.json details.x509). A detail names the rule behind a
// MALFORMED / UNKNOWN_CRITICAL_EXTENSION / DUPLICATE_EXTENSION / ALGORITHM_MISMATCH /
// INPUT_TOO_LARGE from the certificate decoder.
import { X509_DETAILS } from './abi.generated.js';

export { X509_DETAILS };

/** Name of a detail code. */
export type X509DetailName = (typeof X509_DETAILS)[number][0];

/** The detail's [name, text], or a placeholder for a number this table does not know. */
export function x509Detail(n: number): { name: string; text: string } {
  const d = X509_DETAILS[n];
  return d ? { name: d[0], text: d[1] } : { name: `DETAIL_${n}`, text: `decoder detail ${n}` };
}
