// Go's crypto/tls and crypto/x509 error strings (verify.go: CertificateInvalidError,
// HostnameError, UnknownAuthorityError; conn.go: alert errors "remote error: tls: ..."), as Go
// clients (paho.mqtt.golang, net/http, gRPC) print them.

import { has, K, type Mask } from '../keywords.js';
import { type Scan, STRENGTH } from '../scan.js';
import { alertFinding, alertNumberFromText } from './alerts.js';

const EXPIRY =
  /x509: certificate has expired or is not yet valid(?::\s*current time (\S+) is (after|before) (\S+))?/i;

/** Reads Go TLS and X.509 errors. */
export function detectGo(s: Scan, line: string, lower: string, n: number, m: Mask): void {
  if (has(m, K.goX509) && lower.includes('x509: ')) {
    const expiry = EXPIRY.exec(line);
    if (expiry) {
      const relation = expiry[2]?.toLowerCase();
      const year = expiry[1] ? Number(expiry[1].slice(0, 4)) : undefined;
      if (year !== undefined) {
        s.clockYear = year;
      }
      if (relation === 'after')
        s.add(
          {
            cause: 'expired',
            detail: 'x509_certificate_expired',
            strength: STRENGTH.specific + 2,
            line: n,
            note: `Go: a certificate expired at ${expiry[3]} (device time ${expiry[1]})`,
            stack: 'go',
          },
          line,
        );
      else if (relation === 'before')
        s.add(
          {
            cause: 'not_yet_valid_clock',
            detail: 'x509_certificate_not_yet_valid',
            strength: STRENGTH.specific + 3,
            line: n,
            note: `Go: a certificate is valid only from ${expiry[3]} (device time ${expiry[1]})`,
            stack: 'go',
          },
          line,
        );
      else
        s.add(
          {
            cause: 'expired',
            detail: 'x509_certificate_expired_or_not_yet_valid',
            strength: STRENGTH.specific,
            line: n,
            note: 'Go: a certificate is expired or not yet valid',
            stack: 'go',
            kind: 'expiry-ambiguous',
          },
          line,
        );
      return;
    }
    if (
      /x509: certificate signed by unknown authority|x509: certificate is not trusted|x509: self.signed certificate/i.test(
        line,
      )
    ) {
      s.add(
        {
          cause: 'unknown_ca',
          detail: 'x509_unknown_authority',
          strength: STRENGTH.trust + 3,
          line: n,
          note: 'Go: the chain does not lead to a root the client trusts',
          stack: 'go',
        },
        line,
      );
      return;
    }
    if (
      /x509: certificate is (?:valid for|not valid for any names)|x509: cannot validate certificate for|legacy common name field/i.test(
        line,
      )
    ) {
      s.add(
        {
          cause: 'hostname_mismatch',
          detail: 'x509_hostname_error',
          strength: STRENGTH.specific,
          line: n,
          note: 'Go: the certificate does not name the host the client dialled',
          stack: 'go',
        },
        line,
      );
      return;
    }
  }
  if (!has(m, K.goTls)) return;
  const remote = /remote error: tls: ([a-z ]+)/i.exec(line);
  if (remote?.[1]) {
    const text = remote[1]
      .trim()
      .replace(/ not supported$/, '')
      .replace(/^unknown certificate authority$/, 'unknown ca')
      .replace(/^expired certificate$/, 'certificate expired')
      .replace(/^revoked certificate$/, 'certificate revoked')
      .replace(/^unsupported certificate$/, 'unsupported certificate')
      .replace(/^unrecognized name$/, 'unrecognized name');
    const alert = alertNumberFromText(text);
    if (alert !== undefined) alertFinding(s, line, n, alert, true, 'go');
    return;
  }
  if (
    /tls: (?:server selected unsupported protocol version|no supported versions satisfy|no cipher suite supported|server chose an unconfigured cipher suite|unsupported (?:elliptic )?curve)/i.test(
      line,
    )
  )
    s.add(
      {
        cause: 'protocol_mismatch',
        detail: 'tls_version_or_suite',
        strength: STRENGTH.protocol,
        line: n,
        note: 'Go: no common TLS version or cipher suite',
        stack: 'go',
      },
      line,
    );
}
