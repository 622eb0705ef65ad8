// From OpenSSL's view of a failed handshake to TLS alert names.
import { alertName } from './tls-names.js';

/**
 * OpenSSL's certificate-verify-error → alert table (ssl/statem/statem_lib.c, `x509table` /
 * ssl_x509err2alert, OpenSSL 3.x), keyed by the X509_V_ERR_* name without the prefix, as
 * Node reports it in `authorizationError`. Anything else maps to certificate_unknown (46).
 */
const VERIFY_ERROR_ALERTS: Record<string, number> = {
  APPLICATION_VERIFICATION: 40,
  CA_KEY_TOO_SMALL: 42,
  EC_KEY_EXPLICIT_PARAMS: 42,
  CA_MD_TOO_WEAK: 42,
  CERT_CHAIN_TOO_LONG: 48,
  CERT_HAS_EXPIRED: 45,
  CERT_NOT_YET_VALID: 42,
  CERT_REJECTED: 42,
  CERT_REVOKED: 44,
  CERT_SIGNATURE_FAILURE: 51,
  CERT_UNTRUSTED: 42,
  CRL_HAS_EXPIRED: 45,
  CRL_NOT_YET_VALID: 42,
  CRL_SIGNATURE_FAILURE: 51,
  DANE_NO_MATCH: 42,
  DEPTH_ZERO_SELF_SIGNED_CERT: 48,
  EE_KEY_TOO_SMALL: 42,
  EMAIL_MISMATCH: 42,
  ERROR_IN_CERT_NOT_AFTER_FIELD: 42,
  ERROR_IN_CERT_NOT_BEFORE_FIELD: 42,
  ERROR_IN_CRL_LAST_UPDATE_FIELD: 42,
  ERROR_IN_CRL_NEXT_UPDATE_FIELD: 42,
  HOSTNAME_MISMATCH: 42,
  INVALID_CA: 48,
  INVALID_CALL: 80,
  INVALID_PURPOSE: 43,
  IP_ADDRESS_MISMATCH: 42,
  OUT_OF_MEM: 80,
  PATH_LENGTH_EXCEEDED: 48,
  SELF_SIGNED_CERT_IN_CHAIN: 48,
  STORE_LOOKUP: 80,
  UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: 42,
  UNABLE_TO_DECRYPT_CERT_SIGNATURE: 42,
  UNABLE_TO_DECRYPT_CRL_SIGNATURE: 42,
  UNABLE_TO_GET_CRL: 48,
  UNABLE_TO_GET_CRL_ISSUER: 48,
  UNABLE_TO_GET_ISSUER_CERT: 48,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 48,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 48,
  UNSPECIFIED: 80,
};

/** Alert code OpenSSL would send for a certificate verify error (e.g. `CERT_HAS_EXPIRED` → 45). */
export function alertForVerifyError(code: string): number {
  return VERIFY_ERROR_ALERTS[code] ?? 46;
}

/** An alert observed on a connection. */
export interface AlertInfo {
  /** Alert description name, e.g. `unknown_ca`. */
  readonly name: string;
  readonly code: number;
  /**
   * `wire`: read from a plaintext alert record. `openssl`: from OpenSSL's "SSL alert number N"
   * (received alerts, also when encrypted). `hub`: the simulator wrote it itself. `inferred`:
   * OpenSSL sent it encrypted and the error reason determines which (see {@link inferSentAlert}).
   */
  readonly source: 'wire' | 'openssl' | 'hub' | 'inferred';
}

export function alertInfo(code: number, source: AlertInfo['source']): AlertInfo {
  return { name: alertName(code), code, source };
}

/** The alert a peer sent us, from a Node/OpenSSL error ("... SSL alert number 48"). */
export function receivedAlertFromError(error: { message?: string } | undefined): AlertInfo | null {
  const match = /SSL alert number (\d{1,3})/.exec(error?.message ?? '');
  return match ? alertInfo(Number(match[1]), 'openssl') : null;
}

/**
 * The alert OpenSSL sends for a server-side failure whose alert record is encrypted (TLS 1.3
 * after ServerHello), by OpenSSL reason code as Node exposes it (`ERR_SSL_<REASON>`).
 * Sources: OpenSSL 3.0 ssl/statem/statem_srvr.c and extensions_srvr.c SSLfatal() call sites.
 */
export function inferSentAlert(errorCode: string | undefined, protocol: string | null): AlertInfo | null {
  switch (errorCode) {
    case 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE':
      return alertInfo(protocol === 'TLSv1.3' ? 116 : 40, 'inferred');
    case 'ERR_SSL_BAD_SIGNATURE':
      return alertInfo(51, 'inferred');
    case 'ERR_SSL_DIGEST_CHECK_FAILED':
      return alertInfo(51, 'inferred');
    case 'ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC':
      return alertInfo(20, 'inferred');
    case 'ERR_SSL_UNEXPECTED_MESSAGE':
      return alertInfo(10, 'inferred');
    case 'ERR_SSL_LENGTH_MISMATCH':
    case 'ERR_SSL_BAD_LENGTH':
      return alertInfo(50, 'inferred');
    default:
      return null;
  }
}
