// The device the main job predicts for: mbedTLS 2.28 (the `mbedtls-2.28` device profile of
// @hubtrust/verify, the stack the simulated board runs), and how its chain verdict reads as a
// handshake cause of the shared vocabulary. The mapping follows the mbedTLS verify flag each
// verifyChain code corresponds to (x509.h): UNKNOWN_ISSUER ~ BADCERT_NOT_TRUSTED, EXPIRED ~
// BADCERT_EXPIRED, NOT_YET_VALID ~ BADCERT_FUTURE, NAME_MISMATCH ~ BADCERT_CN_MISMATCH; every
// other refusal (a weak signature hash or key, a constraint) is `other`, as hub-sim's scenarios
// and @hubtrust/logs name it.
import type { HandshakeCause } from '@hubtrust/roots';
import type { DeviceProfileId } from '@hubtrust/verify';

/** The device profile of the main job's predictions. */
export const DEMO_PROFILE: DeviceProfileId = 'mbedtls-2.28';

const BY_CODE: Readonly<Record<string, HandshakeCause>> = {
  UNKNOWN_ISSUER: 'unknown_ca',
  EXPIRED: 'expired',
  NOT_YET_VALID: 'not_yet_valid_clock',
  NAME_MISMATCH: 'hostname_mismatch',
};

/** The cause a chain verdict means for the device: success, or its error code's cause (`other` if none fits). */
export function causeOfVerdict(verdict: { ok: boolean; code?: string }): HandshakeCause {
  if (verdict.ok) return 'handshake_success';
  return BY_CODE[verdict.code ?? ''] ?? 'other';
}
