// Which certificates the cloud profiles use as trust anchors, and how a certificate is named by the
// catalog: the defaults behind the scanner's `identify` and the writers' `UNUSED_BY_PROFILES`
// warning (issue 14 wires the catalog into the formats; both stay overridable).
import { bySha256, findCertificate } from './catalog.js';
import { chainAnchors, cloudProfiles } from './profiles.js';
import { RECOMMENDED_SETS, type RecommendedSet } from './recommended.js';

/**
 * SPKI SHA-256 of every catalog certificate some profile chain can end at (its root, or the root
 * twin of a cross-certificate it sends), in any period of any family, and of every root a
 * recommended set names (vendors' contingency roots such as Microsoft RSA Root CA 2017 anchor no
 * served chain yet). The profiles are immutable, so the result never changes.
 */
function anchorKeys(): Set<string> {
  const keys = new Set<string>();
  for (const set of Object.values(RECOMMENDED_SETS) as RecommendedSet[])
    for (const slug of set.slugs) {
      const cert = findCertificate(slug);
      if (cert) keys.add(cert.spkiSha256);
    }
  for (const f of cloudProfiles)
    for (const p of f.periods)
      for (const c of p.chains)
        for (const id of chainAnchors(c)) {
          const cert = findCertificate(id);
          if (cert) keys.add(cert.spkiSha256);
        }
  return keys;
}

let keysOnce: Set<string> | undefined;

/**
 * True when some cloud profile uses the certificate with this SHA-256 as a trust anchor (the
 * certificate itself, or another certificate with its key: a device holding either stops there),
 * or a recommended set names it. False for certificates the catalog does not know.
 * @example usedBySomeProfile(getCertificate('digicert-global-root-g2').sha256) // true
 */
export function usedBySomeProfile(sha256Hex: string): boolean {
  const cert = bySha256(sha256Hex);
  if (!cert) return false;
  keysOnce ??= anchorKeys();
  return keysOnce.has(cert.spkiSha256);
}

/**
 * The catalog's name for a certificate, by SHA-256: the scanner's default `identify`.
 * @example identifyInCatalog(getCertificate('amazon-root-ca-1').sha256) // { slug: 'amazon-root-ca-1' }
 */
export function identifyInCatalog(sha256Hex: string): { slug: string } | undefined {
  const cert = bySha256(sha256Hex);
  return cert ? { slug: cert.slug } : undefined;
}
