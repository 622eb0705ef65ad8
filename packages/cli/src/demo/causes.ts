// Which handshake cause (the shared vocabulary of @hubtrust/roots) a verifier verdict predicts
// for a device: the column the main job compares with hub-sim's `expected.cause`. A device
// profile's prediction (issue 12) replaces this when profiles land.
import type { HandshakeCause } from '@hubtrust/roots';

const BY_CODE: Readonly<Record<string, HandshakeCause>> = {
  UNKNOWN_ISSUER: 'unknown_ca',
  EXPIRED: 'expired',
  NOT_YET_VALID: 'not_yet_valid_clock',
  NAME_MISMATCH: 'hostname_mismatch',
};

/** The cause a chain verdict predicts: success, or the cause of its error code (`other` if none fits). */
export function causeOfVerdict(verdict: { ok: boolean; code?: string }): HandshakeCause {
  if (verdict.ok) return 'handshake_success';
  return BY_CODE[verdict.code ?? ''] ?? 'other';
}
