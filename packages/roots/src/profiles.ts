// Queries over the cloud profiles (src/profiles.data.ts): families by id and by host name, the
// certificates a chain names (catalog or modelled), the anchors that complete a chain, the chains
// served at a date and the change points a readiness computation must visit.

import type { CatalogCertificate } from './catalog.js';
import { findCertificate } from './catalog.js';
import { CatalogError } from './catalog-errors.js';
import { deepFreeze } from './freeze.js';
import { PROFILE_SOURCES } from './profile-sources.js';
import type {
  EndpointFamily,
  ModelledCertificate,
  ProfilePeriod,
  ProfileSource,
  ServedChain,
} from './profile-types.js';
import { ENDPOINT_FAMILIES, MODELLED_CERTIFICATES } from './profiles.data.js';

/** Every endpoint family with its chains over time (immutable). */
export const cloudProfiles: readonly EndpointFamily[] = /* @__PURE__ */ deepFreeze(ENDPOINT_FAMILIES);

/** Certificates the profiles model from documentation because the catalog has no copy (immutable). */
export const modelledCertificates: readonly ModelledCertificate[] =
  /* @__PURE__ */ deepFreeze(MODELLED_CERTIFICATES);

/** The documents the profiles cite (immutable). */
export const profileSources: readonly ProfileSource[] = /* @__PURE__ */ deepFreeze(PROFILE_SOURCES);

/** The family with this id, or undefined. */
export function findEndpointFamily(id: string): EndpointFamily | undefined {
  return cloudProfiles.find((f) => f.id === id);
}

/**
 * The family with this id.
 * @throws CatalogError `UNKNOWN_FAMILY` naming the id.
 * @example getEndpointFamily('azure-iot-hub').periods.at(-1)?.chains[0]?.label
 */
export function getEndpointFamily(id: string): EndpointFamily {
  const f = findEndpointFamily(id);
  if (!f) throw new CatalogError('UNKNOWN_FAMILY', `no endpoint family "${id}"`, [id]);
  return f;
}

/** The modelled certificate with this id, or undefined. */
export function findModelledCertificate(id: string): ModelledCertificate | undefined {
  return modelledCertificates.find((m) => m.id === id);
}

/** A certificate a profile names: from the catalog, or modelled from documentation. */
export type ProfileCertificate =
  | { id: string; source: 'catalog'; certificate: CatalogCertificate }
  | { id: string; source: 'modelled'; modelled: ModelledCertificate };

/**
 * Resolves a slug or modelled id named by a profile.
 * @throws CatalogError `UNKNOWN_SLUG` when it is neither.
 */
export function profileCertificate(id: string): ProfileCertificate {
  const certificate = findCertificate(id);
  if (certificate) return { id, source: 'catalog', certificate };
  const modelled = findModelledCertificate(id);
  if (modelled) return { id, source: 'modelled', modelled };
  throw new CatalogError('UNKNOWN_SLUG', `"${id}" is neither a catalog slug nor a modelled certificate`, [
    id,
  ]);
}

/** Validity of a profile certificate in epoch ms; open ends are ±Infinity. */
export function profileCertificateValidity(id: string): { notBefore: number; notAfter: number } {
  const c = profileCertificate(id);
  if (c.source === 'catalog')
    return { notBefore: c.certificate.notBefore.getTime(), notAfter: c.certificate.notAfter.getTime() };
  return {
    notBefore: c.modelled.notBefore
      ? Date.parse(`${c.modelled.notBefore}T00:00:00Z`)
      : Number.NEGATIVE_INFINITY,
    notAfter: c.modelled.notAfter ? Date.parse(`${c.modelled.notAfter}T23:59:59Z`) : Number.POSITIVE_INFINITY,
  };
}

/**
 * The trust anchors that complete a served chain: its `root`, plus the root twin (same subject and
 * key) of every cross-certificate it sends — a device holding that twin stops there. Catalog slugs
 * or modelled ids.
 * @example chainAnchors(microsoftTlsRsaRootG2Chain) // ['digicert-global-root-g2', 'microsoft-tls-rsa-root-g2']
 */
export function chainAnchors(chain: ServedChain): string[] {
  const out = [chain.root];
  for (const id of [...chain.above, ...chain.issuers]) {
    const c = profileCertificate(id);
    const twins =
      c.source === 'catalog' ? c.certificate.sameKeyAs : c.modelled.sameKeyAs ? [c.modelled.sameKeyAs] : [];
    for (const t of twins) {
      const twin = profileCertificate(t);
      const isRoot =
        twin.source === 'catalog' ? twin.certificate.kind === 'root' : twin.modelled.kind === 'root';
      if (isRoot && !out.includes(t)) out.push(t);
    }
  }
  return out;
}

const dayStart = (d: string) => Date.parse(`${d}T00:00:00Z`);

function time(at: Date | number): number {
  const t = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(t)) throw new CatalogError('INVALID_ARGUMENT', 'not a valid date');
  return t;
}

/** The period of a family that contains `at`, or undefined (before the first or after the last one). */
export function periodAt(family: EndpointFamily, at: Date | number): ProfilePeriod | undefined {
  const t = time(at);
  return family.periods.find((p) => t >= dayStart(p.from) && (p.to === undefined || t < dayStart(p.to)));
}

/**
 * The chains a family serves at a date, each narrowed to the issuing CAs valid then (a CA is only
 * served while valid); chains left with no issuer are dropped. Undefined outside every period.
 */
export function chainsAt(
  family: EndpointFamily,
  at: Date | number,
): { period: ProfilePeriod; chains: ServedChain[] } | undefined {
  const t = time(at);
  const period = periodAt(family, t);
  if (!period) return undefined;
  const chains = period.chains
    .map((c) => {
      const issuers = c.issuers.filter((i) => {
        const v = profileCertificateValidity(i);
        return t >= v.notBefore && t <= v.notAfter;
      });
      // drop the links of issuing CAs not served at this date; the links above them stay
      const links = c.links.filter((l) =>
        l.subject === 'leaf'
          ? issuers.includes(l.issuer)
          : !c.issuers.includes(l.subject) || issuers.includes(l.subject),
      );
      return { ...c, issuers, links };
    })
    .filter((c) => c.issuers.length > 0);
  return { period, chains };
}

/**
 * Every date at which what a family serves, or whether it verifies, can change: period
 * boundaries and the notBefore / notAfter (+1 s) of every certificate its chains name, including
 * the anchors. Sorted, unique; optionally clipped to [from, to].
 */
export function profileChangePoints(family: EndpointFamily, range: { from?: Date; to?: Date } = {}): Date[] {
  const points = new Set<number>();
  for (const p of family.periods) {
    points.add(dayStart(p.from));
    if (p.to) points.add(dayStart(p.to));
    for (const c of p.chains) {
      for (const id of new Set([...c.issuers, ...c.above, ...chainAnchors(c)])) {
        const v = profileCertificateValidity(id);
        if (Number.isFinite(v.notBefore)) points.add(v.notBefore);
        if (Number.isFinite(v.notAfter)) points.add(v.notAfter + 1000);
      }
      if (c.leaf.slug) {
        const v = profileCertificateValidity(c.leaf.slug);
        points.add(v.notBefore);
        points.add(v.notAfter + 1000);
      }
    }
  }
  const lo = range.from ? time(range.from) : Number.NEGATIVE_INFINITY;
  const hi = range.to ? time(range.to) : Number.POSITIVE_INFINITY;
  return [...points]
    .filter((t) => t >= lo && t <= hi)
    .sort((a, b) => a - b)
    .map((t) => new Date(t));
}

// ---- host names ----

/** Longest DNS name (RFC 1035 §2.3.4). */
const MAX_HOST = 253;

function hostOf(input: string): string {
  if (typeof input !== 'string') throw new CatalogError('INVALID_ARGUMENT', 'host must be a string');
  let h = input.trim().toLowerCase();
  if (h.length > MAX_HOST + 8)
    throw new CatalogError('INVALID_ARGUMENT', `host is longer than ${MAX_HOST} characters`);
  h = h.replace(/^[a-z][a-z0-9+.-]*:\/\//, ''); // a URL's scheme
  h = h.replace(/[/?#].*$/, ''); // path, query
  h = h.replace(/:\d+$/, ''); // port
  h = h.replace(/\.$/, ''); // root label
  if (!h || h.length > MAX_HOST || !/^[a-z0-9_.-]+$/.test(h)) {
    throw new CatalogError('INVALID_ARGUMENT', `"${input}" is not a DNS host name`);
  }
  return h;
}

/** True when `host` matches `pattern`; `*` matches one or more characters inside one label. */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().split('.');
  const h = hostOf(host).split('.');
  if (p.length !== h.length) return false;
  return p.every((label, i) => {
    if (!label.includes('*')) return label === h[i];
    const re = new RegExp(
      `^${label
        .split('*')
        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[a-z0-9_-]+')}$`,
    );
    return re.test(h[i] as string);
  });
}

/**
 * The endpoint families a host name belongs to, default family first: one host can serve several
 * (Azure IoT Hub RSA and, for ECC preview hubs, ECC; AWS ATS RSA or ECC by cipher suite). Accepts
 * a bare host, `host:port` or a URL. Empty when no profile covers the host.
 * @throws CatalogError `INVALID_ARGUMENT` for something that is not a host name.
 * @example endpointFamiliesForHost('myhub.azure-devices.net').map((f) => f.id) // ['azure-iot-hub', 'azure-iot-hub-ecc']
 */
export function endpointFamiliesForHost(host: string): EndpointFamily[] {
  const h = hostOf(host);
  return cloudProfiles.filter(
    (f) => f.hosts.some((p) => hostMatches(p, h)) && !(f.excludeHosts ?? []).some((p) => hostMatches(p, h)),
  );
}
