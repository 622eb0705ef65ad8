// The roots a remedy names for a host, from @hubtrust/roots: the host's endpoint families (cloud
// profiles) and the recommended set that covers all of them. A deprecated family (AWS's legacy
// VeriSign endpoints) names the set of its cloud's current endpoints, since the fix is to move.
import {
  endpointFamiliesForHost,
  getCertificate,
  getEndpointFamily,
  RECOMMENDED_SETS,
  type RecommendedSet,
} from '@hubtrust/roots';

/** The roots a device should carry for the endpoint a log names. */
export interface RecommendedRoots {
  /** The host's default endpoint family id (roots' `cloudProfiles`), e.g. `azure-iot-hub`. */
  readonly family: string;
  /** Its name, for sentences. */
  readonly familyName: string;
  /** Every family the host belongs to (one host can serve RSA and ECC chains). */
  readonly families: readonly string[];
  /** The recommended set named (roots' `RECOMMENDED_SETS`). */
  readonly setId: string;
  /** Catalog slugs of @hubtrust/roots. */
  readonly slugs: readonly string[];
  /** Common names, same order. */
  readonly names: readonly string[];
  /** Why the family is deprecated, when it is: the remedy is to move the device off it. */
  readonly deprecated?: string;
}

function setFor(families: readonly { id: string; cloud: string }[]): RecommendedSet | undefined {
  const sets = Object.values(RECOMMENDED_SETS) as RecommendedSet[];
  const ids = families.map((f) => f.id);
  const covering = sets.filter((s) => ids.every((id) => s.families.includes(id)));
  const clouds = new Set(families.map((f) => f.cloud));
  const candidates =
    covering.length > 0
      ? covering
      : sets.filter((s) => !s.derived && s.families.some((id) => clouds.has(getEndpointFamily(id).cloud)));
  // Vendor-stated sets first, then the smallest.
  return candidates.sort(
    (a, b) => Number(a.derived) - Number(b.derived) || a.slugs.length - b.slugs.length,
  )[0];
}

/**
 * The roots a device connecting to `host` should carry today, or undefined for a host of no known
 * cloud endpoint.
 * @example recommendedRootsForHost('myhub.azure-devices.net')?.setId // 'azure-all'
 */
export function recommendedRootsForHost(host: string): RecommendedRoots | undefined {
  let families: ReturnType<typeof endpointFamiliesForHost>;
  try {
    families = endpointFamiliesForHost(host);
  } catch {
    return undefined; // not a host name
  }
  const first = families[0];
  if (!first) return undefined;
  const set = setFor(families);
  if (!set) return undefined;
  return {
    family: first.id,
    familyName: first.name,
    families: families.map((f) => f.id),
    setId: set.id,
    slugs: set.slugs,
    names: set.slugs.map((slug) => getCertificate(slug).subjectCn),
    ...(first.deprecated ? { deprecated: first.deprecated } : {}),
  };
}
