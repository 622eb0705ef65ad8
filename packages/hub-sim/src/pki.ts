// The test PKI: the twins of real certificates the cloud profiles name (twin-plan.ts) and
// hub-sim's own authorities, derived from a seed on first use, then cached on disk as one JSON file.
//
// Cache: `<dir>/pki-v<PKI_VERSION>-<sha256(seed)[0..16]>-<plan digest[0..12]>.json`, holding every
// key (JWK) and every authority/device certificate (PEM), plus one `leaf-v<PKI_VERSION>-<hash>.pem`
// per leaf issued (per scenario variant, cloud, region). The plan digest covers every chain
// reference, every twin and the catalog DER it copies, so a change of the profiles (a new cloud,
// another issuing CA, a refreshed catalog) selects a new file instead of a stale one. <dir> is,
// in order: the `cacheDir` option, the HUBTRUST_HUB_SIM_CACHE environment variable,
// `<this package>/node_modules/.cache/hubtrust-hub-sim` (the find-cache-dir convention), or
// `<os tmpdir>/hubtrust-hub-sim` when that is not writable.
// `cacheDir: false` keeps everything in memory. Writes go to a temporary file renamed into place,
// so concurrent processes cannot see half a file; a file that fails to parse or whose keys do not
// match its certificates is regenerated. Because everything is derived from the seed, the cache
// only saves time: deleting it changes nothing but the next start-up time.
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUTHORITIES, type CertProfile, DEVICE_CERTS, OWN_KEYS } from './authorities.js';
import type { Cloud } from './clouds.js';
import { deriveKey, type KeySpec, type PrivateJwk, seededBytes } from './keys.js';
import { type LeafVariant, leafProfile } from './leaves.js';
import type { LeafUrlStyle } from './profile-chains.js';
import { twinProfile } from './twin-certificates.js';
import { buildTwinPlan, type TwinPlan } from './twin-plan.js';
import { x509 } from './x509.js';
import type { SignatureHash } from './x509-signing.js';

/** The signing stack (@peculiar/x509, webcrypto, noble), loaded only to issue certificates. */
const signing = () => import('./x509-signing.js');

/** Bump when any profile, name, date or derivation changes: old cache files are then ignored. */
export const PKI_VERSION = 2;

/** The seed used when none is given. */
export const DEFAULT_SEED = 'hubtrust-hub-sim';

/** Options of {@link loadTestPki}. */
export interface PkiOptions {
  /** Seed the whole PKI derives from. Default {@link DEFAULT_SEED}. */
  readonly seed?: string;
  /** Cache directory, or false for memory only. Default: see the file comment. */
  readonly cacheDir?: string | false;
}

/** A leaf to issue. */
export interface LeafRequest {
  readonly cloud: Cloud;
  readonly region: string;
  readonly variant: LeafVariant;
  /** Issuing certificate id (a twin or one of hub-sim's own authorities). */
  readonly issuer: string;
  readonly key: string;
  readonly hash: SignatureHash;
  /** Shape of the leaf's AIA/CRL URLs. */
  readonly urls: { readonly style: LeafUrlStyle; readonly tag: string };
}

/** A loaded test PKI. */
export interface TestPki {
  readonly seed: string;
  /** Cache file used, or null in memory-only mode. */
  readonly cacheFile: string | null;
  /** True when this process derived the PKI (cold cache), false when it was read from the cache. */
  readonly generated: boolean;
  /** PEM of an authority or device certificate by id. @throws Error for an unknown id. */
  certificatePem(id: string): string;
  /** PKCS#8 PEM of a key by id. */
  privateKeyPem(key: string): string;
  /** Issues (once per process, then memoized) a leaf; returns its PEM. */
  issueLeaf(request: LeafRequest): Promise<string>;
}

export interface CacheFile {
  readonly format: 'hubtrust-hub-sim-pki';
  readonly version: number;
  readonly seed: string;
  /** {@link TwinPlan.digest} of the plan the file was derived from. */
  readonly plan: string;
  readonly keys: Record<string, PrivateJwk>;
  readonly certs: Record<string, string>;
}

/** The cache directory that {@link loadTestPki} uses when `cacheDir` is not given. */
export function defaultCacheDir(): string {
  const fromEnv = process.env.HUBTRUST_HUB_SIM_CACHE;
  if (fromEnv) return fromEnv;
  const packageRoot = dirname(dirname(fileURLToPath(import.meta.url)));
  const preferred = join(packageRoot, 'node_modules', '.cache', 'hubtrust-hub-sim');
  try {
    mkdirSync(preferred, { recursive: true });
    return preferred;
  } catch {
    return join(tmpdir(), 'hubtrust-hub-sim');
  }
}

function cacheFileName(seed: string): string {
  const id = createHash('sha256').update(seed).digest('hex').slice(0, 16);
  return `pki-v${PKI_VERSION}-${id}-${twinPlan().digest.slice(0, 12)}.json`;
}

let plan: TwinPlan | undefined;

/**
 * The plan of the twins, built from the profiles of @hubtrust/roots once per process.
 * @throws Error when hub-sim's chain references no longer match the profiles (see profile-chains.ts)
 */
export function twinPlan(): TwinPlan {
  plan ??= buildTwinPlan();
  return plan;
}

let certificateProfiles: readonly CertProfile[] | undefined;

/** Every certificate of the PKI except leaves, issuers first: the twins, then hub-sim's own. */
export function allCertificates(): readonly CertProfile[] {
  certificateProfiles ??= [...twinPlan().twins.map(twinProfile), ...AUTHORITIES, ...DEVICE_CERTS];
  return certificateProfiles;
}

/** Every key of the PKI by id: the twins' keys, hub-sim's own and the leaf keys. */
export function allKeys(): Readonly<Record<string, KeySpec>> {
  return { ...twinPlan().keys, ...OWN_KEYS };
}

function serialFor(seed: string, label: string): string {
  const bytes = seededBytes(seed, `serial/${label}`, 16);
  bytes[0] = ((bytes[0] as number) & 0x7f) | 0x10; // positive, 16 significant bytes (RFC 5280 §4.1.2.2)
  return bytes.toString('hex');
}

/** PEM with LF line ends and a final newline, so PEMs concatenate into valid bundles. */
function pemText(cert: { toString(format: 'pem'): string }): string {
  const pem = cert.toString('pem').replace(/\r\n/g, '\n');
  return pem.endsWith('\n') ? pem : `${pem}\n`;
}

/** Derives every key of the PKI (the slow part: seconds, mostly RSA-4096 prime search). */
async function deriveAllKeys(seed: string): Promise<Record<string, PrivateJwk>> {
  const keys: Record<string, PrivateJwk> = {};
  for (const [id, spec] of Object.entries(allKeys())) {
    keys[id] = deriveKey(seed, `key/${id}`, spec);
    await new Promise((resolve) => setImmediate(resolve)); // let timers run between keys
  }
  return keys;
}

/** Issues every authority and device certificate from the keys (deterministic; tests compare it to the cache). */
export async function issueAuthorities(
  seed: string,
  keys: Record<string, PrivateJwk>,
): Promise<Record<string, string>> {
  const { issueCertificate, keyIdentifier } = await signing();
  const all = allCertificates();
  const byId = new Map(all.map((p) => [p.id, p]));
  const certs: Record<string, string> = {};
  for (const profile of all) {
    const issuer = profile.issuer === 'self' ? profile : byId.get(profile.issuer);
    const issuerPem = profile.issuer === 'self' ? null : certs[profile.issuer];
    if (!issuer || issuerPem === undefined)
      throw new Error(`unknown issuer ${profile.issuer} of ${profile.id}`);
    const subjectKey = keys[profile.key];
    const issuerKey = keys[issuer.key];
    if (!subjectKey || !issuerKey) throw new Error(`no key for ${profile.id} or its issuer`);
    const name = profile.subject();
    const serialNumber = serialFor(seed, profile.id);
    const cert = await issueCertificate({
      subject: name,
      issuer: issuer === profile ? name : issuer.subject(),
      serialNumber,
      notBefore: new Date(profile.notBefore),
      notAfter: new Date(profile.notAfter),
      subjectKey,
      issuerKey,
      hash: profile.hash,
      extensions: profile.extensions({
        subject: await keyIdentifier(subjectKey),
        issuer: await keyIdentifier(issuerKey),
        issuerCertificate: issuerPem === null ? null : new (x509().X509Certificate)(issuerPem),
        serialNumber,
        name,
      }),
    });
    certs[profile.id] = pemText(cert);
  }
  return certs;
}

async function generate(seed: string): Promise<CacheFile> {
  const keys = await deriveAllKeys(seed);
  const certs = await issueAuthorities(seed, keys);
  return { format: 'hubtrust-hub-sim-pki', version: PKI_VERSION, seed, plan: twinPlan().digest, keys, certs };
}

/** Checks a cache file: right seed and version, every certificate present and matching its key. */
function validCache(data: unknown, seed: string): data is CacheFile {
  const file = data as Partial<CacheFile> | null;
  if (
    file?.format !== 'hubtrust-hub-sim-pki' ||
    file.version !== PKI_VERSION ||
    file.seed !== seed ||
    file.plan !== twinPlan().digest
  ) {
    return false;
  }
  try {
    for (const profile of allCertificates()) {
      const pem = file.certs?.[profile.id];
      const jwk = file.keys?.[profile.key];
      if (!pem || !jwk) return false;
      if (!new X509Certificate(pem).checkPrivateKey(createPrivateKey({ key: jwk, format: 'jwk' })))
        return false;
    }
    return Object.keys(allKeys()).every((id) => file.keys?.[id]);
  } catch {
    return false;
  }
}

/** Reads and validates a cache file; null when missing, unreadable, stale or inconsistent. */
export function readCache(file: string, seed: string): CacheFile | null {
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return validCache(data, seed) ? data : null;
  } catch {
    return null;
  }
}

/** Writes via a temporary file renamed into place; a read-only directory only costs time later. */
function writeAtomically(file: string, content: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temp, content, { mode: 0o644 });
    renameSync(temp, file);
  } catch {
    // Not cached: the next start derives or issues again.
  }
}

class LoadedPki implements TestPki {
  private readonly keyPems = new Map<string, string>();
  private readonly leaves = new Map<string, Promise<string>>();
  constructor(
    readonly seed: string,
    readonly cacheFile: string | null,
    readonly generated: boolean,
    private readonly data: CacheFile,
  ) {}

  get keys(): Readonly<Record<string, PrivateJwk>> {
    return this.data.keys;
  }

  certificatePem(id: string): string {
    const pem = this.data.certs[id];
    if (!pem) throw new Error(`unknown certificate id "${id}"`);
    return pem;
  }

  privateKeyPem(key: string): string {
    let pem = this.keyPems.get(key);
    if (!pem) {
      const jwk = this.data.keys[key];
      if (!jwk) throw new Error(`unknown key id "${key}"`);
      pem = createPrivateKey({ key: jwk, format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' }) as string;
      this.keyPems.set(key, pem);
    }
    return pem;
  }

  issueLeaf(request: LeafRequest): Promise<string> {
    const label = JSON.stringify(request);
    let leaf = this.leaves.get(label);
    if (!leaf) {
      leaf = this.issue(request, label);
      this.leaves.set(label, leaf);
    }
    return leaf;
  }

  private async issue(request: LeafRequest, label: string): Promise<string> {
    const file = this.cacheFile
      ? join(
          dirname(this.cacheFile),
          `leaf-v${PKI_VERSION}-${createHash('sha256').update(`${this.seed}\0${this.data.plan}\0${label}`).digest('hex').slice(0, 24)}.pem`,
        )
      : null;
    if (file) {
      const cached = this.readLeaf(file, request);
      if (cached) return cached;
    }
    const pem = await this.sign(request, label);
    if (file) writeAtomically(file, pem);
    return pem;
  }

  /** A cached leaf, if it parses, matches the request's key and is signed by the request's issuer. */
  private readLeaf(file: string, request: LeafRequest): string | null {
    try {
      const pem = readFileSync(file, 'utf8');
      const leaf = new X509Certificate(pem);
      const issuer = new X509Certificate(this.certificatePem(request.issuer));
      const key = createPrivateKey({ key: this.data.keys[request.key] as PrivateJwk, format: 'jwk' });
      return leaf.checkPrivateKey(key) && leaf.verify(issuer.publicKey) ? pem : null;
    } catch {
      return null;
    }
  }

  private async sign(request: LeafRequest, label: string): Promise<string> {
    const { issueCertificate, keyIdentifier } = await signing();
    const issuerProfile = allCertificates().find((p) => p.id === request.issuer);
    if (!issuerProfile) throw new Error(`unknown issuer "${request.issuer}"`);
    const subjectKey = this.data.keys[request.key] as PrivateJwk;
    const issuerKey = this.data.keys[issuerProfile.key] as PrivateJwk;
    const profile = leafProfile({
      cloud: request.cloud,
      region: request.region,
      variant: request.variant,
      hash: request.hash,
      subjectKeyId: await keyIdentifier(subjectKey),
      issuerKeyId: await keyIdentifier(issuerKey),
      urls: request.urls,
    });
    const cert = await issueCertificate({
      subject: profile.subject,
      issuer: issuerProfile.subject(),
      serialNumber: serialFor(this.seed, `leaf/${label}`),
      notBefore: profile.notBefore,
      notAfter: profile.notAfter,
      subjectKey,
      issuerKey,
      hash: profile.hash,
      extensions: profile.extensions,
    });
    return pemText(cert);
  }
}

const loaded = new Map<string, Promise<TestPki>>();

/**
 * Loads the test PKI for a seed: from the in-process memo, else the disk cache, else derives it
 * (a few seconds: RSA key derivation) and writes the cache.
 * @example
 * ```ts
 * const pki = await loadTestPki();
 * pki.certificatePem('digicert-global-root-g2');
 * ```
 */
export function loadTestPki(options: PkiOptions = {}): Promise<TestPki> {
  const seed = options.seed ?? DEFAULT_SEED;
  const dir = options.cacheDir === false ? null : (options.cacheDir ?? defaultCacheDir());
  const file = dir === null ? null : join(dir, cacheFileName(seed));
  const memoKey = `${file ?? 'memory'}\0${seed}`;
  let pki = loaded.get(memoKey);
  if (!pki) {
    pki = (async () => {
      const cached = file ? readCache(file, seed) : null;
      if (cached) return new LoadedPki(seed, file, false, cached);
      const data = await generate(seed);
      if (file) writeAtomically(file, JSON.stringify(data));
      return new LoadedPki(seed, file, true, data);
    })();
    loaded.set(memoKey, pki);
    pki.catch(() => loaded.delete(memoKey));
  }
  return pki;
}

/** Ids of every authority and device certificate, in issuing order. */
export function certificateIds(): readonly string[] {
  return allCertificates().map((p) => p.id);
}

/** The cached keys of a loaded PKI (tests re-derive a few and compare). */
export function pkiKeys(pki: TestPki): Readonly<Record<string, PrivateJwk>> {
  if (!(pki instanceof LoadedPki)) throw new TypeError('not a PKI from loadTestPki');
  return pki.keys;
}
