// The catalog integrity check run by every build (scripts/check-catalog.mjs) and every test run
// (src/catalog-check.test.ts): each generated record is re-derived from its own DER with
// @hubtrust/verify — fingerprints with its SHA-1/SHA-256, dates, names, serial, key and signature
// algorithm with parseCertificate (the verify.wasm decoder), and every claimed issuer → subject
// signature (self-signatures of roots, `chainsTo`, the alternative path) with verifySignature over
// the TBSCertificate. It reports every disagreement as slug + field, never stops at the first.
import {
  type ParsedCertificate,
  parseCertificate,
  sha1,
  sha256,
  VerifyError,
  verifySignature,
} from '@hubtrust/verify';
import { RECORDS } from './catalog.generated.js';
import type { CatalogRecord } from './catalog-types.js';
import { DerError, type SignedParts, signedParts } from './der.js';

/** One disagreement between a record and its certificate. */
export interface CatalogProblem {
  slug: string;
  /** The record field that disagrees, e.g. `sha256`, `notAfter`, `chainsTo`. */
  field: string;
  message: string;
}

interface Decoded {
  parsed: ParsedCertificate;
  parts: SignedParts;
}

const hexOf = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');
const serialKey = (s: string) => s.toLowerCase().replace(/^-?0+(?=.)/, '');

function decodeBase64(b64: string): Uint8Array | undefined {
  try {
    const binary = atob(b64);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** WebCrypto-style algorithm for verifySignature from the decoded signature algorithm. */
function algorithmOf(p: ParsedCertificate): Parameters<typeof verifySignature>[0]['algorithm'] | undefined {
  const a = p.signatureAlgorithm;
  if (a.name === 'Ed25519') return { name: 'Ed25519' };
  if (!a.hash) return undefined;
  if (a.name.endsWith('WithRSAEncryption')) return { name: 'RSASSA-PKCS1-v1_5', hash: a.hash };
  if (a.name.startsWith('ecdsa-with-')) return { name: 'ECDSA', hash: a.hash };
  if (a.pss)
    return { name: 'RSA-PSS', hash: a.pss.hash, mgf1Hash: a.pss.mgf1Hash, saltLength: a.pss.saltLength };
  return undefined;
}

/** True when `issuer`'s key made `child`'s signature and `issuer`'s subject is `child`'s issuer name. */
function signedBy(child: Decoded, issuer: Decoded): string | undefined {
  const algorithm = algorithmOf(child.parsed);
  if (!algorithm) return `signature algorithm ${child.parsed.signatureAlgorithm.name} is not checkable`;
  if (hexOf(child.parsed.issuer.der) !== hexOf(issuer.parsed.subject.der)) {
    return `its issuer name is not the subject of the claimed issuer`;
  }
  try {
    const ok = verifySignature({
      algorithm,
      publicKey: issuer.parts.spki,
      data: child.parts.tbs,
      signature: child.parts.signature,
    });
    return ok ? undefined : 'the signature does not verify with the claimed issuer key';
  } catch (e) {
    return `signature check failed: ${(e as Error).message}`;
  }
}

/**
 * Re-derives every fact of every catalog record from its DER with @hubtrust/verify and returns
 * the disagreements (empty when the catalog is consistent). Synchronous; call `await init()`
 * from @hubtrust/verify once before.
 *
 * @param records - the records to check (default: the generated catalog); tests pass tampered copies.
 * @throws Error when verify.wasm is not initialised.
 * @example
 * ```ts
 * import { init } from '@hubtrust/verify';
 * await init();
 * for (const p of checkCatalog()) console.error(`${p.slug}: ${p.field}: ${p.message}`);
 * ```
 */
export function checkCatalog(records: readonly CatalogRecord[] = RECORDS): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const add = (slug: string, field: string, message: string) => problems.push({ slug, field, message });
  const decoded = new Map<string, Decoded>();

  for (const r of records) {
    if (decoded.has(r.slug)) add(r.slug, 'slug', 'appears twice');
    const der = decodeBase64(r.derBase64);
    if (!der) {
      add(r.slug, 'der', 'is not valid base64');
      continue;
    }
    let parsed: ParsedCertificate;
    let parts: SignedParts;
    try {
      parsed = parseCertificate(der);
      parts = signedParts(der);
    } catch (e) {
      if (e instanceof VerifyError || e instanceof DerError) {
        add(r.slug, 'der', `does not decode: ${e.message}`);
        continue;
      }
      throw e;
    }
    decoded.set(r.slug, { parsed, parts });
    const want = (field: string, actual: unknown, expected: unknown) => {
      if (actual !== expected) {
        add(
          r.slug,
          field,
          `record says ${JSON.stringify(expected)}, certificate has ${JSON.stringify(actual)}`,
        );
      }
    };
    want('sha256', hexOf(sha256(der)), r.sha256);
    want('sha1', hexOf(sha1(der)), r.sha1);
    want('spkiSha256', parsed.key.spkiSha256, r.spkiSha256);
    want('notBefore', iso(parsed.validity.notBefore), r.notBefore);
    want('notAfter', iso(parsed.validity.notAfter), r.notAfter);
    want('subject', parsed.subject.text, r.subject);
    want('issuer', parsed.issuer.text, r.issuer);
    want('serial', serialKey(parsed.serial), serialKey(r.serial));
    want('signatureAlgorithm', parsed.signatureAlgorithm.name, r.signatureAlgorithm);
    want('key.type', parsed.key.type, r.key.type);
    want('key.bits', parsed.key.bits, r.key.bits);
    if (parsed.key.curve !== undefined || r.key.curve !== undefined)
      want('key.curve', parsed.key.curve, r.key.curve);
    const kind = !parsed.isCA ? 'leaf' : parsed.selfIssued ? 'root' : 'intermediate';
    want('kind', kind, r.kind);
    const selfSigned = parsed.selfIssued && signedBy({ parsed, parts }, { parsed, parts }) === undefined;
    want('selfSigned', selfSigned, r.selfSigned);
  }

  for (const r of records) {
    const me = decoded.get(r.slug);
    if (!me) continue;
    const paths: [string, readonly string[]][] = [['chainsTo', r.chainsTo]];
    if (r.alternativePath?.chain) paths.push(['alternativePath', r.alternativePath.chain]);
    for (const [field, path] of paths) {
      if (r.kind !== 'root' && path.length === 0) add(r.slug, field, 'a non-root names no issuer');
      let child = me;
      let childSlug = r.slug;
      for (const parentSlug of path) {
        const parent = decoded.get(parentSlug);
        if (!parent) {
          add(r.slug, field, `names ${parentSlug}, which is not a decodable catalog certificate`);
          break;
        }
        const why = signedBy(child, parent);
        if (why) add(r.slug, field, `${childSlug} ← ${parentSlug}: ${why}`);
        child = parent;
        childSlug = parentSlug;
      }
    }
    for (const twin of r.sameKeyAs) {
      const other = decoded.get(twin);
      if (!other) add(r.slug, 'sameKeyAs', `names ${twin}, which is not a decodable catalog certificate`);
      else if (other.parsed.key.spkiSha256 !== me.parsed.key.spkiSha256)
        add(r.slug, 'sameKeyAs', `${twin} has another key`);
      else if (hexOf(other.parsed.subject.der) !== hexOf(me.parsed.subject.der))
        add(r.slug, 'sameKeyAs', `${twin} has another subject`);
    }
  }
  return problems;
}
