// The device's client certificate over the range (X.509 device authentication): when the hub can
// accept it, and when it or its CA expires.
import { type CertificateInput, parseCertificate, VerifyError, verifyChain } from '@hubtrust/verify';
import { ReadinessError } from './errors.js';
import type { ReportClient } from './report.js';
import { iso } from './timeline.js';

/** The client certificate's timeline: verifyChain (`clientAuth`) against its CA, or its dates alone. */
export function clientReport(
  client: { certificate: CertificateInput; ca?: CertificateInput },
  from: number,
  to: number,
): ReportClient {
  const parse = (c: CertificateInput, what: string) => {
    try {
      return parseCertificate(c);
    } catch (e) {
      if (e instanceof VerifyError) throw new ReadinessError('INVALID_ARGUMENT', `${what}: ${e.message}`);
      throw e;
    }
  };
  const cert = parse(client.certificate, 'client certificate');
  const ca = client.ca ? parse(client.ca, 'client CA') : undefined;
  const summary = (c: typeof cert) => ({
    subject: c.subject.text,
    sha256: c.fingerprints.sha256,
    notBefore: iso(c.validity.notBefore.getTime()),
    notAfter: iso(c.validity.notAfter.getTime()),
  });
  const points = new Set<number>([from]);
  for (const c of ca ? [cert, ca] : [cert]) {
    points.add(c.validity.notBefore.getTime());
    points.add(c.validity.notAfter.getTime() + 1000);
  }
  const sorted = [...points].filter((t) => t >= from && t < to).sort((a, b) => a - b);
  const out: ReportClient['timeline'] = [];
  for (const t of sorted) {
    let entry: ReportClient['timeline'][number];
    if (ca) {
      // The hub verifies the device's chain like a server stack: every date, the CA's included.
      const r = verifyChain({
        leaf: cert.der,
        roots: [ca.der],
        purpose: 'clientAuth',
        strictProfile: false,
        time: t,
      });
      entry = r.ok
        ? { from: iso(t), to: '', status: 'verifies' }
        : { from: iso(t), to: '', status: 'fails', code: r.error.code, reason: r.error.message };
    } else {
      const { notBefore, notAfter } = cert.validity;
      entry =
        t < notBefore.getTime()
          ? {
              from: iso(t),
              to: '',
              status: 'fails',
              code: 'NOT_YET_VALID',
              reason: `valid only from ${iso(notBefore.getTime())}`,
            }
          : t > notAfter.getTime()
            ? {
                from: iso(t),
                to: '',
                status: 'fails',
                code: 'EXPIRED',
                reason: `expired on ${iso(notAfter.getTime())}`,
              }
            : { from: iso(t), to: '', status: 'verifies' };
    }
    const last = out[out.length - 1];
    if (last && last.status === entry.status && last.code === entry.code) continue;
    if (last) last.to = entry.from;
    out.push(entry);
  }
  const last = out[out.length - 1];
  if (last) last.to = iso(to);
  const report: ReportClient = { certificate: summary(cert), timeline: out };
  if (ca) report.ca = summary(ca);
  return report;
}
