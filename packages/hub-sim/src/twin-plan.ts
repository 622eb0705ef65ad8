// Which test twins of real certificates hub-sim's PKI holds, derived from the cloud profiles of
// @hubtrust/roots (profile-chains.ts) and its recommended root sets: every certificate a simulated
// chain sends, every anchor a device may stop at, the issuers up to each self-signed root, and the
// roots of every recommended set for a simulated cloud. For each twin the plan reads from the
// catalog what the real certificate is: issuer, key type and size (RSA public exponent included),
// same-key cross-signed siblings (which share one twin key), validity and signature hash; the
// extensions and the subject are copied from the real DER when the signing stack issues it
// (twin-certificates.ts). Certificates the profiles only model (no DER anywhere) need a recipe
// here (MODELLED_TWINS): whose extensions to copy and what subject to give them.
//
// Deliberate differences from the real certificates (also listed per twin in `deviations`):
// validity ends no earlier than 2037-12-31 so the simulated chains keep working (the real
// Baltimore root expired 2025-05-12; its twin does not), serial numbers are derived from the seed,
// and names carry the test prefix (twin-certificates.ts).
import { createHash, X509Certificate } from 'node:crypto';
import { findCertificate, profileCertificate, RECOMMENDED_SETS, type RecommendedSet } from '@hubtrust/roots';
import type { KeySpec } from './keys.js';
import {
  CHAIN_REFS,
  type ChainRef,
  issuerOfProfileCertificate,
  resolveChain,
  type SimulatedChain,
} from './profile-chains.js';
import type { SignatureHash } from './x509-signing.js';

/** Twins stay valid at least until then (the simulated leaves end 2035-06-01). */
export const TWIN_MIN_NOT_AFTER = '2037-12-31T23:59:59Z';

/** How to build the twin of a certificate the profiles only model. */
export interface ModelledTwinRecipe {
  /** Catalog slug whose extensions (order, criticality, values) the twin copies. */
  readonly extensionsFrom: string;
  /** The subject: a catalog slug to copy it from (cross-certificates), or the RDNs. */
  readonly subject: string | readonly (readonly [string, string])[];
  readonly hash: SignatureHash;
  /** URL substrings replaced in the copied extensions, e.g. the donor's issuer name. */
  readonly urlRenames?: readonly (readonly [string, string])[];
  /** Why these choices. */
  readonly why: string;
}

/** Recipes for every modelled certificate a simulated chain names. */
export const MODELLED_TWINS: Readonly<Record<string, ModelledTwinRecipe>> = {
  'amazon-root-ca-1-by-starfield-g2': {
    extensionsFrom: 'starfield-services-root-g2-xsign-class2',
    subject: 'amazon-root-ca-1',
    hash: 'SHA-256',
    urlRenames: [
      ['http://o.ss2.us/', 'http://ocsp.rootg2.amazontrust.com'],
      ['http://x.ss2.us/x.cer', 'http://crt.rootg2.amazontrust.com/rootg2.cer'],
      ['http://s.ss2.us/r.crl', 'http://crl.rootg2.amazontrust.com/rootg2.crl'],
    ],
    why: 'no public PEM: the profile of the other Starfield cross-certificate, with the rootg2 URLs',
  },
  'amazon-root-ca-3-by-starfield-g2': {
    extensionsFrom: 'starfield-services-root-g2-xsign-class2',
    subject: 'amazon-root-ca-3',
    hash: 'SHA-256',
    urlRenames: [
      ['http://o.ss2.us/', 'http://ocsp.rootg2.amazontrust.com'],
      ['http://x.ss2.us/x.cer', 'http://crt.rootg2.amazontrust.com/rootg2.cer'],
      ['http://s.ss2.us/r.crl', 'http://crl.rootg2.amazontrust.com/rootg2.crl'],
    ],
    why: 'no public PEM: the profile of the other Starfield cross-certificate, with the rootg2 URLs',
  },
  'amazon-rsa-2048-m01': {
    extensionsFrom: 'amazon-server-ca-1b',
    subject: [
      ['C', 'US'],
      ['O', 'Amazon'],
      ['CN', 'Amazon RSA 2048 M01'],
    ],
    hash: 'SHA-256',
    why: 'no public PEM: the profile of Amazon Server CA 1B, the Amazon issuing CA in the catalog',
  },
  'amazon-ecdsa-256-m02': {
    extensionsFrom: 'amazon-server-ca-1b',
    subject: [
      ['C', 'US'],
      ['O', 'Amazon'],
      ['CN', 'Amazon ECDSA 256 M02'],
    ],
    hash: 'SHA-256',
    urlRenames: [['rootca1', 'rootca3']],
    why: 'no public PEM: the profile of Amazon Server CA 1B with Root CA 3 URLs; ecdsa-with-SHA256 from the P-256 root',
  },
  'azure-china-tls-issuing-ca': {
    extensionsFrom: 'microsoft-azure-rsa-tls-issuing-ca-03-xsign',
    subject: [
      ['C', 'CN'],
      ['O', 'Azure China (21Vianet)'],
      ['CN', 'Azure China TLS Issuing CA'],
    ],
    hash: 'SHA-256',
    urlRenames: [['DigiCertGlobalRootG2', 'DigiCertGlobalRootCA']],
    why: 'the real name is not documented: a DigiCert-issued Azure issuing CA profile under DigiCert Global Root CA',
  },
  'azure-china-g2-tls-issuing-ca': {
    extensionsFrom: 'microsoft-azure-rsa-tls-issuing-ca-03-xsign',
    subject: [
      ['C', 'CN'],
      ['O', 'Azure China (21Vianet)'],
      ['CN', 'Azure China G2 TLS Issuing CA'],
    ],
    hash: 'SHA-256',
    why: 'the real name is not documented: the DigiCert-G2-issued Azure issuing CA profile',
  },
  'symantec-class3-secure-server-ca-g4': {
    extensionsFrom: 'symantec-class3-ecc-256-ssl-ca-g2',
    subject: [
      ['C', 'US'],
      ['O', 'Symantec Corporation'],
      ['OU', 'Symantec Trust Network'],
      ['CN', 'Symantec Class 3 Secure Server CA - G4'],
    ],
    hash: 'SHA-256',
    why: 'no PEM in the catalog: the profile of its ECC sibling under the same VeriSign root',
  },
};

/** One twin of the simulated PKI. */
export interface TwinSpec {
  /** The real certificate's catalog slug, or the profiles' modelled id. */
  readonly id: string;
  readonly source: 'catalog' | 'modelled';
  readonly kind: 'root' | 'intermediate';
  /** Twin id of the issuer, or `self`. */
  readonly issuer: string;
  /** Key id: one key for every same-key sibling (a root and its cross-certificates). */
  readonly key: string;
  readonly keySpec: KeySpec;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly hash: SignatureHash;
  /** DER of the catalog certificate whose extensions the twin copies. */
  readonly extensionsFrom: string;
  /** Catalog slug whose subject the twin copies (prefixed), or explicit RDNs. */
  readonly subject: string | readonly (readonly [string, string])[];
  readonly urlRenames: readonly (readonly [string, string])[];
  /** How the twin knowingly differs from the real certificate. */
  readonly deviations: readonly string[];
}

/** The simulated PKI: every twin (issuers first), the resolved chains, and a digest for the cache key. */
export interface TwinPlan {
  readonly twins: readonly TwinSpec[];
  readonly chains: readonly SimulatedChain[];
  /** Root slugs twinned because a recommended set names them (beyond the chains' own anchors). */
  readonly setRoots: readonly string[];
  /** Keys of the twins by key id. */
  readonly keys: Readonly<Record<string, KeySpec>>;
  /** SHA-256 over everything the twins are built from (catalog DER included), hex. */
  readonly digest: string;
}

const HASHES: Readonly<Record<string, SignatureHash>> = {
  sha1WithRSAEncryption: 'SHA-1',
  sha256WithRSAEncryption: 'SHA-256',
  sha384WithRSAEncryption: 'SHA-384',
  'ecdsa-with-SHA256': 'SHA-256',
  'ecdsa-with-SHA384': 'SHA-384',
};

function keySpecOf(
  id: string,
  key: { type: string; bits: number; curve?: string },
  der?: Uint8Array,
): KeySpec {
  if (key.type === 'EC' && (key.curve === 'P-256' || key.curve === 'P-384'))
    return { type: 'EC', curve: key.curve };
  if (key.type === 'RSA' && (key.bits === 2048 || key.bits === 4096)) {
    const e = der ? new X509Certificate(der).publicKey.asymmetricKeyDetails?.publicExponent : undefined;
    return e === 3n ? { type: 'RSA', bits: key.bits, publicExponent: 3 } : { type: 'RSA', bits: key.bits };
  }
  throw new Error(`no test key type for ${id}: ${key.type} ${key.curve ?? key.bits}`);
}

function isoOf(date: string): string {
  return new Date(date.length === 10 ? `${date}T00:00:00Z` : date).toISOString().replace('.000Z', 'Z');
}

/** notAfter no earlier than {@link TWIN_MIN_NOT_AFTER}; the deviation when it moved. */
function extended(notAfter: string | undefined): { notAfter: string; deviation?: string } {
  if (notAfter === undefined) {
    return { notAfter: TWIN_MIN_NOT_AFTER, deviation: `notAfter ${TWIN_MIN_NOT_AFTER} (no documented end)` };
  }
  const iso = notAfter.length === 10 ? `${notAfter}T23:59:59Z` : isoOf(notAfter);
  return iso < TWIN_MIN_NOT_AFTER
    ? { notAfter: TWIN_MIN_NOT_AFTER, deviation: `notAfter moved from ${iso.slice(0, 10)} to 2037-12-31` }
    : { notAfter: iso };
}

/** Key id of a certificate: its same-key root if any, else the first of its same-key group. */
function keyIdOf(id: string): string {
  const c = profileCertificate(id);
  const group =
    c.source === 'catalog'
      ? [id, ...c.certificate.sameKeyAs]
      : [id, ...(c.modelled.sameKeyAs ? [c.modelled.sameKeyAs] : [])];
  const root = group.find((g) => findCertificate(g)?.kind === 'root');
  return root ?? [...group].sort()[0] ?? id;
}

function specOf(id: string): TwinSpec {
  const c = profileCertificate(id);
  const issuer = issuerOfProfileCertificate(id);
  if (c.source === 'catalog') {
    const real = c.certificate;
    if (real.kind === 'leaf') throw new Error(`${id} is a leaf: hub-sim issues its own leaves`);
    const hash = HASHES[real.signatureAlgorithm];
    if (!hash) throw new Error(`no test signature for ${id}: ${real.signatureAlgorithm}`);
    const validity = extended(real.notAfter.toISOString());
    return {
      id,
      source: 'catalog',
      kind: real.kind,
      issuer: issuer === id ? 'self' : issuer,
      key: keyIdOf(id),
      keySpec: keySpecOf(id, real.key, real.der),
      notBefore: isoOf(real.notBefore.toISOString()),
      notAfter: validity.notAfter,
      hash,
      extensionsFrom: id,
      subject: id,
      urlRenames: [],
      deviations: validity.deviation ? [validity.deviation] : [],
    };
  }
  const modelled = c.modelled;
  const recipe = MODELLED_TWINS[id];
  if (!recipe) {
    throw new Error(
      `no twin recipe for the modelled certificate "${id}" (add it to MODELLED_TWINS in packages/hub-sim/src/twin-plan.ts)`,
    );
  }
  const donor = findCertificate(recipe.extensionsFrom);
  if (!donor) throw new Error(`twin recipe of ${id}: no catalog certificate "${recipe.extensionsFrom}"`);
  const validity = extended(modelled.notAfter);
  return {
    id,
    source: 'modelled',
    kind: modelled.kind,
    issuer: issuer === id ? 'self' : issuer,
    key: keyIdOf(id),
    keySpec: keySpecOf(id, modelled.key),
    notBefore: modelled.notBefore ? isoOf(modelled.notBefore) : isoOf(donor.notBefore.toISOString()),
    notAfter: validity.notAfter,
    hash: recipe.hash,
    extensionsFrom: recipe.extensionsFrom,
    subject: recipe.subject,
    urlRenames: recipe.urlRenames ?? [],
    deviations: [
      `modelled (no copy of the real certificate): ${recipe.why}`,
      ...(validity.deviation ? [validity.deviation] : []),
    ],
  };
}

/** The recommended sets that cover a family hub-sim simulates. */
function setsFor(families: ReadonlySet<string>): RecommendedSet[] {
  return Object.values(RECOMMENDED_SETS as Readonly<Record<string, RecommendedSet>>).filter((set) =>
    set.families.some((f) => families.has(f)),
  );
}

/**
 * Builds the plan of the simulated PKI from the profiles.
 * @throws Error when a chain reference no longer matches the profile, a modelled certificate has
 *   no recipe, or two same-key twins disagree on their key
 */
export function buildTwinPlan(refs: readonly ChainRef[] = CHAIN_REFS): TwinPlan {
  const chains = refs.map(resolveChain);
  const wanted: string[] = [];
  const add = (id: string) => {
    if (!wanted.includes(id)) wanted.push(id);
  };
  for (const chain of chains) for (const id of [...chain.sent, chain.root, ...chain.anchors]) add(id);
  const setRoots: string[] = [];
  for (const set of setsFor(new Set(chains.map((c) => c.family.id)))) {
    for (const slug of set.slugs) {
      if (!wanted.includes(slug) && !setRoots.includes(slug)) setRoots.push(slug);
      add(slug);
    }
  }
  // Close over issuers, then order issuers before subjects.
  const specs = new Map<string, TwinSpec>();
  for (let i = 0; i < wanted.length; i++) {
    const spec = specOf(wanted[i] as string);
    specs.set(spec.id, spec);
    if (spec.issuer !== 'self') add(spec.issuer);
  }
  const ordered: TwinSpec[] = [];
  const visit = (spec: TwinSpec, depth: number) => {
    if (ordered.includes(spec)) return;
    if (depth > specs.size) throw new Error(`issuer cycle at ${spec.id}`);
    if (spec.issuer !== 'self') visit(specs.get(spec.issuer) as TwinSpec, depth + 1);
    ordered.push(spec);
  };
  for (const spec of specs.values()) visit(spec, 0);
  const keys: Record<string, KeySpec> = {};
  for (const spec of ordered) {
    const known = keys[spec.key];
    if (known && JSON.stringify(known) !== JSON.stringify(spec.keySpec)) {
      throw new Error(`twins sharing key ${spec.key} disagree on it (${spec.id})`);
    }
    keys[spec.key] = spec.keySpec;
  }
  const digest = createHash('sha256')
    .update(
      JSON.stringify({
        twins: ordered.map((t) => ({
          ...t,
          from: findCertificate(t.extensionsFrom)?.sha256,
          name: typeof t.subject === 'string' ? findCertificate(t.subject)?.sha256 : t.subject,
        })),
        chains: chains.map((c) => ({ ref: c.ref, sent: c.sent, anchors: c.anchors, leafKey: c.leafKey })),
      }),
    )
    .digest('hex');
  return { twins: ordered, chains, setRoots, keys, digest };
}
