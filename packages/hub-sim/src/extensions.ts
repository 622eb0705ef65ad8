// Small builders for the X.509 extensions and names of hub-sim's own certificates (leaves, the
// untrusted and device CAs); twins of real certificates copy theirs (twin-certificates.ts).
import { derTlv } from './der-rewrite.js';
import { type X509Module, x509 } from './x509.js';

type Extension = X509Module.Extension;

/** A URL as in the real certificate, with its host moved under `.invalid` (RFC 6761: never resolves). */
export function testUrl(real: string): string {
  const url = new URL(real);
  url.hostname = `${url.hostname}.hubtrust.invalid`;
  return url.toString();
}

/** Attribute types whose values get the test prefix. */
const MARKED = new Set(['O', 'OU', 'CN']);

/** Marks a name as a test name: `CN=DigiCert Global Root G2` → `CN=hubtrust TEST DigiCert Global Root G2`. */
export function testName(rdns: readonly (readonly [string, string])[]): X509Module.JsonName {
  return rdns.map(([type, value]) => ({ [type]: [MARKED.has(type) ? `hubtrust TEST ${value}` : value] }));
}

/** Key usage bits as @peculiar/x509 numbers them (RFC 5280 §4.2.1.3 order). */
export const KU = {
  digitalSignature: 1,
  nonRepudiation: 2,
  keyEncipherment: 4,
  dataEncipherment: 8,
  keyAgreement: 16,
  keyCertSign: 32,
  cRLSign: 64,
} as const;

export function basicConstraints(ca: boolean, pathLength?: number, critical = true): Extension {
  return new (x509().BasicConstraintsExtension)(ca, pathLength, critical);
}

export function keyUsage(flags: number, critical = true): Extension {
  return new (x509().KeyUsagesExtension)(flags, critical);
}

export function extendedKeyUsage(...usages: ('serverAuth' | 'clientAuth')[]): Extension {
  return new (x509().ExtendedKeyUsageExtension)(
    usages.map((u) => x509().ExtendedKeyUsage[u]),
    false,
  );
}

export function subjectKeyId(keyId: string): Extension {
  return new (x509().SubjectKeyIdentifierExtension)(keyId, false);
}

export function authorityKeyId(keyId: string): Extension {
  return new (x509().AuthorityKeyIdentifierExtension)(keyId, false);
}

/** DER TLV with definite length (X.690 §8.1.3). */
function der(tag: number, ...contents: Uint8Array[]): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(derTlv(tag, Buffer.concat(contents)));
}

/** GeneralName uniformResourceIdentifier ([6] IA5String). */
function uri(url: string): Uint8Array {
  return der(0x86, Buffer.from(testUrl(url), 'ascii'));
}

const AD_OCSP = Uint8Array.from([0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01]);
const AD_CA_ISSUERS = Uint8Array.from([0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x02]);

/**
 * Authority Information Access (RFC 5280 §4.2.2.1), access descriptions in the order given
 * (real certificates differ: some list caIssuers first).
 */
export function authorityInfoAccess(access: { ocsp?: string[]; caIssuers?: string[] }): Extension {
  const entries = Object.entries(access).flatMap(([kind, urls]) =>
    (urls ?? []).map((url) => der(0x30, kind === 'ocsp' ? AD_OCSP : AD_CA_ISSUERS, uri(url))),
  );
  return new (x509().Extension)('1.3.6.1.5.5.7.1.1', false, der(0x30, ...entries));
}

/** CRL Distribution Points (RFC 5280 §4.2.1.13): ONE distribution point whose fullName lists the URLs. */
export function crlDistributionPoints(...urls: string[]): Extension {
  const fullName = der(0xa0, ...urls.map(uri));
  return new (x509().Extension)('2.5.29.31', false, der(0x30, der(0x30, der(0xa0, fullName))));
}

export function certificatePolicies(...oids: string[]): Extension {
  return new (x509().CertificatePolicyExtension)(oids, false);
}

export function subjectAltNames(dnsNames: readonly string[]): Extension {
  return new (x509().SubjectAlternativeNameExtension)(
    dnsNames.map((value) => ({ type: 'dns' as const, value })),
    false,
  );
}

/** Microsoft CA Version (1.3.6.1.4.1.311.21.1): INTEGER 0 (first key of the CA). */
export function microsoftCaVersion(): Extension {
  return new (x509().Extension)('1.3.6.1.4.1.311.21.1', false, Uint8Array.from([0x02, 0x01, 0x00]));
}

/** Microsoft certificate template name (1.3.6.1.4.1.311.20.2) as a BMPString, e.g. `SubCA`. */
export function microsoftTemplateName(name: string): Extension {
  const bmp = Buffer.from(name, 'utf16le').swap16();
  return new (x509().Extension)('1.3.6.1.4.1.311.20.2', false, Uint8Array.from([0x1e, bmp.length, ...bmp]));
}

/** Microsoft application policies (1.3.6.1.4.1.311.21.10): serverAuth and clientAuth, as on the 2015 leaf. */
export function microsoftApplicationPolicies(): Extension {
  const policy = (last: number) => [0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, last];
  return new (x509().Extension)(
    '1.3.6.1.4.1.311.21.10',
    false,
    Uint8Array.from([0x30, 0x18, ...policy(1), ...policy(2)]),
  );
}

/** CA/Browser Forum policy OIDs and Microsoft's. */
export const POLICY = {
  domainValidated: '2.23.140.1.2.1',
  organizationValidated: '2.23.140.1.2.2',
  anyPolicy: '2.5.29.32.0',
  microsoftServerAuth: '1.3.6.1.4.1.311.42.1',
  microsoftPki: '1.3.6.1.4.1.311.76.509.1.1',
} as const;
