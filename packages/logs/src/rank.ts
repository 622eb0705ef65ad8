// Picks the root cause from the findings of one log.
//
// 1. Attempts: only failures after the last proof of success count (a retry that worked ends the
//    story), except rejections of the device identity that come after the handshake (TLS 1.3
//    client-certificate alerts, a broker closing or refusing the session after MQTT CONNECT).
// 2. Context resolves the ambiguous findings:
//    - a fatal alert whose type is unknown, or handshake_failure: at the hello stage it answers the
//      ClientHello (protocol_mismatch); after the device sent its certificate, or when the log shows
//      no stage at all, it answers the device's identity (peer_rejected_client_cert);
//    - "expired or not yet valid" (BearSSL, Go without times): a device clock shown before 2016 or
//      said to be unset, or no clock evidence at all on an embedded stack, makes it
//      not_yet_valid_clock; a plausible clock makes it expired;
//    - a failure naming no reason: when the device presented a client certificate and nothing shows
//      its own verification failing, the server refused that certificate.
// 3. The strongest finding wins (scan.ts STRENGTH); on a tie, the later line (the final attempt).

import type { HandshakeCause } from '@hubtrust/roots';
import type { Confidence } from './explanation.js';
import { type Finding, type Scan, STRENGTH, Stage } from './scan.js';

/** The decision: the winning finding (with its resolved cause) and the supporting ones. */
export interface Ranked {
  readonly winner: Finding | undefined;
  readonly supporting: readonly Finding[];
  readonly confidence: Confidence;
  readonly success: boolean;
}

function resolve(f: Finding, s: Scan): Finding {
  switch (f.kind) {
    case 'fatal-alert': {
      if (f.stage !== Stage.unknown && f.stage <= Stage.serverHello) {
        return {
          ...f,
          cause: 'protocol_mismatch',
          note: `${f.note} — right after the ClientHello: no common version, cipher suite or curve`,
        };
      }
      const when =
        f.stage >= Stage.clientAuth
          ? 'after the device sent its certificate'
          : s.certificateRequested
            ? 'after the server asked for a client certificate'
            : 'the log shows no handshake stage; servers send this when the client certificate is missing or refused';
      return { ...f, cause: 'peer_rejected_client_cert', note: `${f.note} — ${when}` };
    }
    case 'expiry-ambiguous': {
      const clockBad = s.clockUnset || (s.clockYear !== undefined && s.clockYear < 2016);
      const clockGood = !s.clockUnset && s.clockYear !== undefined && s.clockYear >= 2016;
      if (clockBad || (!clockGood && f.stack !== 'go')) {
        return {
          ...f,
          cause: 'not_yet_valid_clock',
          detail: `${f.detail}`,
          note: `${f.note} — ${clockBad ? 'the device clock is not set' : 'no sign the device clock was set; an unset clock (1970) is the usual reason'}`,
        };
      }
      return { ...f, cause: 'expired' };
    }
    case 'verify-generic':
      if (s.clockUnset) {
        return {
          ...f,
          cause: 'not_yet_valid_clock',
          note: `${f.note} — and the device clock is not set, so every current certificate is "not yet valid"`,
        };
      }
      return f;
    case 'generic':
      if (s.clientCert) {
        return {
          ...f,
          cause: 'peer_rejected_client_cert',
          note: `${f.note}; the device presented a client certificate and did not report a failure verifying the server, so the server most likely refused that certificate`,
        };
      }
      return f;
    default:
      return f;
  }
}

/** Chooses the winner among the scan's findings. */
export function rank(s: Scan): Ranked {
  const all = [...s.findings.values()].map((f) => resolve(f, s));
  const at = s.successAt;
  const cleared = (f: Finding) =>
    at.handshake > f.line || (isVerification(f) ? at.verified > f.line : at.app > f.line);
  const live = all.filter((f) => !cleared(f));
  const success = s.successLine > 0 && live.length === 0;
  if (success) return { winner: undefined, supporting: [], confidence: 'high', success };

  let winner: Finding | undefined;
  for (const f of live) {
    if (!winner || f.strength > winner.strength || (f.strength === winner.strength && f.line > winner.line))
      winner = f;
  }
  if (!winner) return { winner: undefined, supporting: [], confidence: 'low', success: false };
  const supporting = live
    .filter((f) => f !== winner && (f.cause === winner.cause || f.strength >= STRENGTH.verify))
    .sort((a, b) => b.strength - a.strength || a.line - b.line);
  return { winner, supporting, confidence: confidenceOf(winner, supporting, s), success: false };
}

/** Failures of the device's own verification of the server (what "verified" lines clear). */
function isVerification(f: Finding): boolean {
  return (
    f.cause === 'unknown_ca' ||
    f.cause === 'expired' ||
    f.cause === 'not_yet_valid_clock' ||
    f.cause === 'hostname_mismatch' ||
    f.detail.endsWith('_rejected_by_profile')
  );
}

function confidenceOf(w: Finding, supporting: readonly Finding[], s: Scan): Confidence {
  if (w.kind === 'generic' || w.kind === 'after-connect') return w.cause === 'other' ? 'low' : 'medium';
  if (w.kind === 'fatal-alert')
    return w.stage === Stage.unknown && !s.certificateRequested ? 'low' : 'medium';
  if (w.kind === 'expiry-ambiguous' || (w.kind === 'verify-generic' && w.cause !== 'unknown_ca'))
    return 'medium';
  if (w.strength >= STRENGTH.verify + 5) return 'high';
  const agreeing = supporting.some((f) => f.cause === w.cause);
  return w.strength >= STRENGTH.networkBefore || agreeing ? 'medium' : 'low';
}

/** The cause the explanation reports for a winner. */
export function causeOf(r: Ranked): HandshakeCause {
  if (r.success) return 'handshake_success';
  return r.winner?.cause ?? 'other';
}
