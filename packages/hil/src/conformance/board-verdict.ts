// Observer 1, the board's verdict: what the device's serial log says happened.
//
// INTERIM: this is the one seam where @hubtrust/logs' `explainLog(text)` plugs in once it lands
// (branch `logs`): `explainLogObserver = { name: 'logs', observe: (text) => explainLog(text) }`.
// Until then it reads only the native board's own machine-readable result line
// ("hubtrust: result stage=… ret=-0x… verify=0x… alert=… certreq=…", see board.c) and maps the
// documented mbedTLS 2.28 return codes and BADCERT flags (mbedtls/ssl.h, net_sockets.h,
// x509.h) — it does not read free-form logs; that is the log classifier's job.
import type { HandshakeCause } from '@hubtrust/roots';

/** What a log says. */
export interface BoardVerdict {
  readonly cause: HandshakeCause;
  /** Finer name (`record_too_large`, `handshake_fragmentation`, …) or the code. */
  readonly detail: string;
  /** The log lines the verdict rests on. */
  readonly evidence: readonly string[];
}

/** Reads a whole attempt's console text. */
export interface BoardVerdictObserver {
  readonly name: string;
  /** null when the log holds no verdict (the attempt did not finish). */
  observe(logText: string): BoardVerdict | null;
}

const RESULT =
  /^hubtrust: result stage=(\w+) ret=-0x([0-9a-f]+) verify=0x([0-9a-f]+) mqtt=(-?\d+) alert=(-?\d+) certreq=(\d)/m;

// mbedtls/x509.h BADCERT flags.
const BADCERT_EXPIRED = 0x01;
const BADCERT_CN_MISMATCH = 0x04;
const BADCERT_NOT_TRUSTED = 0x08;
const BADCERT_FUTURE = 0x0200;
// mbedtls/net_sockets.h: -0x0042 … -0x0052; ssl.h: CONN_EOF -0x7280, TIMEOUT -0x6800.
const NETWORK = new Set([
  0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x4c, 0x4e, 0x50, 0x52, 0x7280, 0x6800,
]);
// ssl.h alert descriptions (RFC 5246 §7.2).
const ALERT_HANDSHAKE_FAILURE = 40;
const ALERT_PROTOCOL_VERSION = 70;
const ALERT_INSUFFICIENT_SECURITY = 71;

function verdict(
  stage: string,
  ret: number,
  flags: number,
  alert: number,
  certreq: boolean,
): { cause: HandshakeCause; detail: string } {
  if (ret === 0 && stage === 'done') return { cause: 'handshake_success', detail: 'connected' };
  if (ret === 0x7f00) return { cause: 'out_of_memory', detail: 'MBEDTLS_ERR_SSL_ALLOC_FAILED' };
  if (NETWORK.has(ret)) return { cause: 'network', detail: `-0x${ret.toString(16)}` };
  if (ret === 0x2700) {
    if (flags & BADCERT_NOT_TRUSTED) return { cause: 'unknown_ca', detail: 'BADCERT_NOT_TRUSTED' };
    if (flags & BADCERT_EXPIRED) return { cause: 'expired', detail: 'BADCERT_EXPIRED' };
    if (flags & BADCERT_FUTURE) return { cause: 'not_yet_valid_clock', detail: 'BADCERT_FUTURE' };
    if (flags & BADCERT_CN_MISMATCH) return { cause: 'hostname_mismatch', detail: 'BADCERT_CN_MISMATCH' };
    return { cause: 'other', detail: `verify flags 0x${flags.toString(16)}` };
  }
  if (ret === 0x7780) {
    if (certreq)
      return { cause: 'peer_rejected_client_cert', detail: `alert ${alert} after CertificateRequest` };
    if (
      alert === ALERT_PROTOCOL_VERSION ||
      alert === ALERT_HANDSHAKE_FAILURE ||
      alert === ALERT_INSUFFICIENT_SECURITY
    )
      return { cause: 'protocol_mismatch', detail: `alert ${alert}` };
    return { cause: 'other', detail: `alert ${alert}` };
  }
  if (ret === 0x7200) return { cause: 'other', detail: 'record_too_large' };
  if (ret === 0x7080) return { cause: 'other', detail: 'handshake_fragmentation' };
  if (stage === 'mqtt') return { cause: 'other', detail: `mqtt -0x${ret.toString(16)}` };
  return { cause: 'other', detail: `-0x${ret.toString(16)}` };
}

/** INTERIM board-verdict observer (see the file comment): the native board's result line. */
export const resultLineObserver: BoardVerdictObserver = {
  name: 'result-line (interim, until @hubtrust/logs explainLog)',
  observe(logText) {
    const m = RESULT.exec(logText);
    if (!m) return null;
    const v = verdict(
      m[1] as string,
      Number.parseInt(m[2] as string, 16),
      Number.parseInt(m[3] as string, 16),
      Number(m[5]),
      m[6] === '1',
    );
    // A refused MQTT login after a good handshake is still a connected device (the hub said no).
    const mqtt = Number(m[4]);
    const detail = v.cause === 'handshake_success' && mqtt !== 0 ? `CONNACK ${mqtt}` : v.detail;
    return { cause: v.cause, detail, evidence: [m[0]] };
  },
};
