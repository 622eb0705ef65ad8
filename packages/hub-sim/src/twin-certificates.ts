// Turns a twin of the plan (twin-plan.ts) into a certificate profile pki.ts issues: the subject of
// the real certificate with the test prefix, and its extensions in the same order with the same
// criticality and values, except that key identifiers name the twin keys (RFC 5280 §4.2.1.1-2;
// an authority key identifier that also names the issuer and serial names the twin issuer's)
// and every URL moves under `.hubtrust.invalid` (der-rewrite.ts). Everything here runs only while
// the signing stack is loaded (certificates are parsed with @peculiar/x509).
import { findCertificate } from '@hubtrust/roots';
import type { CertProfile, IssueContext } from './authorities.js';
import { derElements, derTlv, rewriteUrls } from './der-rewrite.js';
import { testName, testUrl } from './extensions.js';
import type { TwinSpec } from './twin-plan.js';
import { type X509Module, x509 } from './x509.js';

const SUBJECT_KEY_ID = '2.5.29.14';
const AUTHORITY_KEY_ID = '2.5.29.35';

/** Attribute types (short names and OIDs) whose values get the test prefix. */
const MARKED = new Set(['O', 'OU', 'CN', '2.5.4.10', '2.5.4.11', '2.5.4.3']);

const parsed = new Map<string, X509Module.X509Certificate>();

function realCertificate(slug: string): X509Module.X509Certificate {
  let cert = parsed.get(slug);
  if (!cert) {
    const real = findCertificate(slug);
    if (!real) throw new Error(`no catalog certificate "${slug}"`);
    cert = new (x509().X509Certificate)(new Uint8Array(real.der));
    parsed.set(slug, cert);
  }
  return cert;
}

/** A real name with the test prefix on O, OU and CN values. */
export function prefixedName(name: X509Module.JsonName): X509Module.JsonName {
  return name.map((rdn) =>
    Object.fromEntries(
      Object.entries(rdn).map(([type, values]) => [
        type,
        MARKED.has(type) ? values.map((v) => `hubtrust TEST ${v}`) : values,
      ]),
    ),
  );
}

function subjectOf(spec: TwinSpec): X509Module.JsonName {
  return typeof spec.subject === 'string'
    ? prefixedName(realCertificate(spec.subject).subjectName.toJSON())
    : testName(spec.subject);
}

function renamed(spec: TwinSpec) {
  return (url: string): string => {
    let out = url;
    for (const [from, to] of spec.urlRenames) out = out.split(from).join(to);
    return testUrl(out);
  };
}

/** The tags of an AuthorityKeyIdentifier value's fields ([0] keyid, [1] issuer, [2] serial). */
function akiFields(value: ArrayBuffer): Set<number> {
  const [sequence] = derElements(new Uint8Array(value));
  return new Set(derElements(sequence?.contents ?? new Uint8Array()).map((e) => e.tag));
}

/** AuthorityKeyIdentifier with keyid, and issuer + serial when the real one has them. */
function authorityKeyId(critical: boolean, real: ArrayBuffer, context: IssueContext): X509Module.Extension {
  const fields = akiFields(real);
  const parts = [derTlv(0x80, Buffer.from(context.issuer, 'hex'))];
  if (fields.has(0xa1) && fields.has(0x82)) {
    const issuerName = context.issuerCertificate
      ? context.issuerCertificate.issuerName.toArrayBuffer()
      : new (x509().Name)(context.name).toArrayBuffer();
    const serial = context.issuerCertificate ? context.issuerCertificate.serialNumber : context.serialNumber;
    parts.push(derTlv(0xa1, derTlv(0xa4, new Uint8Array(issuerName))));
    parts.push(derTlv(0x82, Buffer.from(serial, 'hex')));
  }
  return new (x509().Extension)(AUTHORITY_KEY_ID, critical, derTlv(0x30, Buffer.concat(parts)));
}

function extensionsOf(spec: TwinSpec, context: IssueContext): X509Module.Extension[] {
  const rename = renamed(spec);
  return realCertificate(spec.extensionsFrom).extensions.map((extension) => {
    if (extension.type === SUBJECT_KEY_ID) {
      return new (x509().SubjectKeyIdentifierExtension)(context.subject, extension.critical);
    }
    if (extension.type === AUTHORITY_KEY_ID)
      return authorityKeyId(extension.critical, extension.value, context);
    return new (x509().Extension)(
      extension.type,
      extension.critical,
      rewriteUrls(new Uint8Array(extension.value), rename),
    );
  });
}

/** The certificate profile pki.ts issues for a twin. */
export function twinProfile(spec: TwinSpec): CertProfile {
  return {
    id: spec.id,
    mirrors:
      spec.source === 'catalog' ? spec.id : `${spec.id} (modelled; extensions of ${spec.extensionsFrom})`,
    key: spec.key,
    issuer: spec.issuer,
    subject: () => subjectOf(spec),
    notBefore: spec.notBefore,
    notAfter: spec.notAfter,
    hash: spec.hash,
    extensions: (context) => extensionsOf(spec, context),
    ...(spec.deviations.length > 0 ? { deviation: spec.deviations.join('; ') } : {}),
  };
}
