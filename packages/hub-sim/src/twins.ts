// The test twins of real certificates, and the mapping of a real device bundle onto them.
//
// hub-sim signs with twins of the real roots (twin-plan.ts), so a device flashed with its real
// bundle never verifies a simulated chain. A simulated rig (the HIL native board, the `npm start`
// demo, an example) flashes "the same bundle" by mapping each real certificate to its twin:
// catalog slugs directly, certificates by the SHA-256 of their DER (as @hubtrust/roots' readers
// return them, or catalog entries), ESP-IDF bundle anchors (subject + key only) by the SHA-256 of
// their key. What has no twin is reported, never dropped silently: a certificate the catalog does
// not know, or a real root hub-sim does not simulate (D-TRUST of the closed Azure Germany, WoSign,
// Let's Encrypt's roots, ...). Whether a scenario then verifies follows from the twins: a bundle
// holding only Baltimore's twin fails the `current` Azure chain (DigiCert Global Root G2's twin)
// with unknown_ca, as a real device with that bundle does.
import { createHash, X509Certificate } from 'node:crypto';
import { bySha256, bySpkiSha256, findCertificate, readPem } from '@hubtrust/roots';
import { init } from '@hubtrust/verify';
import { loadTestPki, type PkiOptions, type TestPki, twinPlan } from './pki.js';

/** The test twin of a real certificate. */
export interface Twin {
  /** The real certificate's catalog slug (or, for one the profiles only model, its modelled id). */
  readonly slug: string;
  readonly kind: 'root' | 'intermediate';
  /** The twin certificate: PEM (LF line ends, final newline), DER and SHA-256 of the DER (hex). */
  readonly pem: string;
  readonly der: Uint8Array;
  readonly sha256: string;
  /** The twin's subject, `C=…, O=hubtrust TEST …, CN=hubtrust TEST …`. */
  readonly subject: string;
  /** SHA-256 of the real certificate's DER (hex); null for a modelled one (no real copy known). */
  readonly realSha256: string | null;
}

/**
 * One certificate of a real device bundle: a catalog slug; PEM text (one or more blocks); DER
 * bytes; anything with a `der` (a reader's `FoundCertificate`, a `CatalogCertificate`); or an
 * ESP-IDF bundle anchor (`{ spkiDer }`, which stores only subject and key).
 */
export type BundleEntry =
  | string
  | Uint8Array
  | { readonly der: Uint8Array }
  | { readonly spkiDer: Uint8Array };

/** Why a bundle certificate has no twin. */
export type MissingTwinReason =
  | 'unknown-slug' // a string that is neither PEM nor a catalog slug or modelled id
  | 'not-in-catalog' // a certificate (or key) the catalog does not know: the device's own CA, a private root
  | 'no-twin' // a real certificate hub-sim does not simulate
  | 'not-a-certificate'; // PEM or bytes that do not decode as a certificate

/** How one certificate of the bundle maps. */
export interface BundleEntryMapping {
  /** Position of the entry in the input (several PEM blocks of one string share it). */
  readonly index: number;
  /** Catalog slug (or modelled id) of the real certificate, when known. */
  readonly slug: string | null;
  /** SHA-256 of the certificate's DER (of the key for an ESP-IDF anchor), hex; null for a slug entry. */
  readonly sha256: string | null;
  /** The twin, or null. */
  readonly twin: Twin | null;
  /** Why there is no twin; null when there is one. */
  readonly missing: MissingTwinReason | null;
  /** One line for a report: `baltimore-cybertrust-root → twin` or the reason. */
  readonly message: string;
}

/** A real bundle mapped to the twins. */
export interface SimulatedBundle {
  /** Every input certificate, in order. */
  readonly entries: readonly BundleEntryMapping[];
  /** The distinct twins, in input order: what to flash. */
  readonly twins: readonly Twin[];
  /** The twins as one PEM bundle (empty string when none). */
  readonly pem: string;
  /** The entries without a twin (also in `entries`). */
  readonly missing: readonly BundleEntryMapping[];
}

/**
 * Most certificates one bundle may hold: far above any device trust store (ESP-IDF's bundle
 * defaults to at most 200 roots, `CONFIG_MBEDTLS_CERTIFICATE_BUNDLE_MAX_CERTS`; Mozilla's whole
 * store has ~150), so only a runaway input reaches it.
 */
export const MAX_BUNDLE_CERTIFICATES = 4096;

const twinsByPki = new WeakMap<TestPki, ReadonlyMap<string, Twin>>();

/** Every twin of a loaded PKI by slug (built once per PKI). */
function twinsOf(pki: TestPki): ReadonlyMap<string, Twin> {
  let twins = twinsByPki.get(pki);
  if (!twins) {
    const map = new Map<string, Twin>();
    for (const spec of twinPlan().twins) {
      const pem = pki.certificatePem(spec.id);
      const cert = new X509Certificate(pem);
      const der = new Uint8Array(cert.raw);
      map.set(spec.id, {
        slug: spec.id,
        kind: spec.kind,
        pem,
        der,
        sha256: createHash('sha256').update(der).digest('hex'),
        subject: cert.subject.split('\n').join(', '),
        realSha256: spec.source === 'catalog' ? (findCertificate(spec.id)?.sha256 ?? null) : null,
      });
    }
    twins = map;
    twinsByPki.set(pki, twins);
  }
  return twins;
}

/**
 * Slugs (and modelled ids) of every real certificate hub-sim has a twin of: the certificates its
 * chains send, their anchors and issuers, and the roots of the recommended sets of its clouds.
 * @throws Error when hub-sim's chain references no longer match the profiles
 */
export function twinSlugs(): string[] {
  return twinPlan().twins.map((t) => t.id);
}

/**
 * The test twin of a real certificate: the simulated certificate that plays it in hub-sim's
 * chains, with its PEM and DER.
 * @param slug - a catalog slug of `@hubtrust/roots` (or a modelled id of its profiles)
 * @param options - the PKI (seed, cache directory) the hubs use; default the default PKI
 * @throws TypeError naming the slugs that have twins when `slug` has none
 * @example
 * ```ts
 * const g2 = await twinOf('digicert-global-root-g2');
 * g2.subject; // 'C=US, O=hubtrust TEST DigiCert Inc, OU=hubtrust TEST www.digicert.com, CN=hubtrust TEST DigiCert Global Root G2'
 * ```
 */
export async function twinOf(slug: string, options: PkiOptions = {}): Promise<Twin> {
  const twins = twinsOf(await loadTestPki(options));
  const twin = twins.get(slug);
  if (!twin) {
    throw new TypeError(`no twin of "${slug}" in hub-sim (it simulates ${[...twins.keys()].join(', ')})`);
  }
  return twin;
}

function hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function mapped(index: number, slug: string, sha256: string | null, twin: Twin): BundleEntryMapping {
  return { index, slug, sha256, twin, missing: null, message: `${slug} → ${twin.subject}` };
}

function notMapped(
  index: number,
  slug: string | null,
  sha256: string | null,
  missing: MissingTwinReason,
  message: string,
): BundleEntryMapping {
  return { index, slug, sha256, twin: null, missing, message };
}

/** Maps one certificate, known by the SHA-256 of its DER. */
function byCertificate(index: number, sha256: string, twins: ReadonlyMap<string, Twin>): BundleEntryMapping {
  for (const twin of twins.values())
    if (twin.sha256 === sha256) return mapped(index, twin.slug, sha256, twin);
  const real = bySha256(sha256);
  if (!real) {
    return notMapped(
      index,
      null,
      sha256,
      'not-in-catalog',
      `certificate ${sha256.slice(0, 16)}… is not in the catalog`,
    );
  }
  const twin = twins.get(real.slug);
  return twin
    ? mapped(index, real.slug, sha256, twin)
    : notMapped(
        index,
        real.slug,
        sha256,
        'no-twin',
        `${real.slug} (${real.subjectCn}) has no twin in hub-sim`,
      );
}

/** Maps an ESP-IDF anchor (subject + key): the twin of the catalog root with that key. */
function byKey(index: number, spkiDer: Uint8Array, twins: ReadonlyMap<string, Twin>): BundleEntryMapping {
  const spki = hex(spkiDer);
  const sameKey = bySpkiSha256(spki).sort((a, b) => Number(b.kind === 'root') - Number(a.kind === 'root'));
  if (sameKey.length === 0) {
    return notMapped(index, null, spki, 'not-in-catalog', `key ${spki.slice(0, 16)}… is not in the catalog`);
  }
  const withTwin = sameKey.find((c) => twins.has(c.slug));
  if (!withTwin) {
    const first = sameKey[0] as (typeof sameKey)[number];
    return notMapped(
      index,
      first.slug,
      spki,
      'no-twin',
      `${first.slug} (${first.subjectCn}) has no twin in hub-sim`,
    );
  }
  return mapped(index, withTwin.slug, spki, twins.get(withTwin.slug) as Twin);
}

/**
 * Maps a real device bundle to hub-sim's twins, so a simulated device can be flashed with "the
 * same bundle": each slug to its twin, each certificate (matched by the SHA-256 of its DER via the
 * catalog) to the twin of that real certificate, each ESP-IDF anchor (by its key) to the twin of
 * the root with that key; everything without a twin is listed in `missing` with the reason.
 * @param entries - slugs, PEM text, DER bytes, a reader's certificates or ESP-IDF anchors (see {@link BundleEntry})
 * @param options - the PKI (seed, cache directory) the hubs use; default the default PKI
 * @throws TypeError for an entry of another type; RangeError for more than
 *   {@link MAX_BUNDLE_CERTIFICATES} certificates
 * @example
 * ```ts
 * await init(); // @hubtrust/verify, for the roots readers
 * const { certificates } = readCSource(readFileSync('certs.c', 'utf8'));
 * const bundle = await simulatedBundle(certificates);
 * bundle.pem; // the twins to flash (writeC(bundle.twins) for a C bundle)
 * bundle.missing.map((m) => m.message); // e.g. "d-trust-root-class-3-ca-2-2009 (…) has no twin in hub-sim"
 * ```
 */
export async function simulatedBundle(
  entries: readonly BundleEntry[],
  options: PkiOptions = {},
): Promise<SimulatedBundle> {
  if (!Array.isArray(entries)) throw new TypeError('simulatedBundle takes an array of bundle entries');
  const tooMany = () =>
    new RangeError(`a bundle of more than ${MAX_BUNDLE_CERTIFICATES} certificates is not a device bundle`);
  if (entries.length > MAX_BUNDLE_CERTIFICATES) throw tooMany();
  const twins = twinsOf(await loadTestPki(options));
  const out: BundleEntryMapping[] = [];
  for (const [index, entry] of entries.entries()) {
    if (out.length > MAX_BUNDLE_CERTIFICATES) throw tooMany();
    if (typeof entry === 'string') {
      if (!entry.includes('-----BEGIN')) {
        const twin = twins.get(entry);
        if (twin) out.push(mapped(index, entry, null, twin));
        else if (findCertificate(entry))
          out.push(notMapped(index, entry, null, 'no-twin', `${entry} has no twin in hub-sim`));
        else out.push(notMapped(index, null, null, 'unknown-slug', `"${entry}" is not a catalog slug`));
        continue;
      }
      await init();
      const read = readPem(entry, { file: `entry ${index}` });
      if (out.length + read.certificates.length > MAX_BUNDLE_CERTIFICATES) throw tooMany();
      for (const found of read.certificates) out.push(byCertificate(index, found.sha256, twins));
      for (const error of read.errors)
        out.push(notMapped(index, null, null, 'not-a-certificate', error.message));
    } else if (entry instanceof Uint8Array) {
      out.push(certificateBytes(index, entry, twins));
    } else if (entry && typeof entry === 'object' && 'der' in entry && entry.der instanceof Uint8Array) {
      out.push(certificateBytes(index, entry.der, twins));
    } else if (
      entry &&
      typeof entry === 'object' &&
      'spkiDer' in entry &&
      entry.spkiDer instanceof Uint8Array
    ) {
      out.push(byKey(index, entry.spkiDer, twins));
    } else {
      throw new TypeError(
        `bundle entry ${index} is neither a slug, PEM text, DER bytes, a certificate with der nor an ESP-IDF anchor`,
      );
    }
  }
  const distinct: Twin[] = [];
  for (const entry of out) if (entry.twin && !distinct.includes(entry.twin)) distinct.push(entry.twin);
  return {
    entries: out,
    twins: distinct,
    pem: distinct.map((t) => t.pem).join(''),
    missing: out.filter((e) => e.twin === null),
  };
}

/** Maps DER bytes, refusing bytes that are not one certificate. */
function certificateBytes(
  index: number,
  der: Uint8Array,
  twins: ReadonlyMap<string, Twin>,
): BundleEntryMapping {
  try {
    new X509Certificate(der);
  } catch (error) {
    return notMapped(
      index,
      null,
      hex(der),
      'not-a-certificate',
      `entry ${index}: ${(error as Error).message}`,
    );
  }
  return byCertificate(index, hex(der), twins);
}
