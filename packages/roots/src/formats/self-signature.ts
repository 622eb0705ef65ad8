// Checks the signature of a self-issued certificate with its own key (RFC 5280 §6.1: trust
// anchors are not signature-checked in path validation, so a root whose bytes were corrupted in
// firmware still "decodes"; this is how the scanner tells a genuine root from a damaged one).
import { type ParsedCertificate, VerifyError, verifySignature } from '@hubtrust/verify';
import { derHeader, subjectAndKey } from './der.js';

/** Outcome of checking a self-issued certificate's signature with its own key. */
export type SelfSignature = 'valid' | 'invalid' | 'unsupported';

/** The signature check of a self-issued certificate, or undefined when it is not self-issued. */
export function checkSelfSignature(cert: ParsedCertificate): SelfSignature | undefined {
  if (!cert.selfIssued) return undefined;
  const der = cert.der;
  const outer = derHeader(der, 0);
  const tbs = outer && derHeader(der, outer.body, outer.end);
  const alg = tbs && derHeader(der, tbs.end, outer.end);
  const sig = alg && derHeader(der, alg.end, outer.end);
  const key = subjectAndKey(der);
  if (!outer || !tbs || !alg || !sig || !key || sig.end - sig.body < 1) return 'invalid';
  const a = cert.signatureAlgorithm;
  const hash = a.hash as 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512' | undefined;
  let algorithm: Parameters<typeof verifySignature>[0]['algorithm'];
  if (a.name === 'Ed25519') algorithm = { name: 'Ed25519' };
  else if (a.name === 'RSASSA-PSS' && a.pss && hash) {
    algorithm = {
      name: 'RSA-PSS',
      hash,
      saltLength: a.pss.saltLength,
      mgf1Hash: a.pss.mgf1Hash as typeof hash,
    };
  } else if (a.name.startsWith('ecdsa-with-') && hash) algorithm = { name: 'ECDSA', hash };
  else if (a.name.endsWith('WithRSAEncryption') && hash) algorithm = { name: 'RSASSA-PKCS1-v1_5', hash };
  else return 'unsupported';
  try {
    const ok = verifySignature({
      algorithm,
      publicKey: key.spki,
      data: der.subarray(outer.body, tbs.end),
      signature: der.subarray(sig.body + 1, sig.end),
    });
    return ok ? 'valid' : 'invalid';
  } catch (e) {
    if (e instanceof VerifyError && e.code === 'UNSUPPORTED_ALGORITHM') return 'unsupported';
    if (e instanceof VerifyError) return 'invalid';
    throw e;
  }
}
