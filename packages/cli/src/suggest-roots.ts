// "What to add": the roots that, added to a device's bundle, make a chain verify under a device
// profile. Candidates are the roots of @hubtrust/roots' catalog (or a file the user gives: a
// private PKI, hub-sim's twins); only those whose subject is the issuer (or the subject) of a
// certificate the server sent can anchor the chain (RFC 5280 §6.1: the path ends at an anchor
// whose name is the issuer of the last certificate), so only those are tried — one verification
// each, at most MAX_CANDIDATES. The recommended sets of the host's endpoint families say what a
// device should carry anyway, beyond the one root that fixes today's chain.
import {
  bySha256,
  catalog,
  endpointFamiliesForHost,
  RECOMMENDED_SETS,
  type RecommendedSet,
} from '@hubtrust/roots';
import {
  type AnyProfileId,
  isDeviceProfileId,
  parseCertificate,
  predictDevice,
  verifyChain,
} from '@hubtrust/verify';

/** Most candidate roots tried per profile (the catalog holds ~30 roots; a --candidates file may hold more). */
export const MAX_CANDIDATES = 256;

/** A root that could be added. */
export interface Candidate {
  der: Uint8Array;
  sha256: string;
  subject: string;
  /** The catalog slug, when the catalog knows it. */
  slug: string | null;
  notAfter: string;
}

/** What the device is checked with: the chain as sent, the host name, the time. */
export interface ProbeChain {
  leaf: Uint8Array;
  intermediates: Uint8Array[];
  hostname?: string;
  at: Date;
}

/** One profile's answer: a verdict (clocked profile) or a prediction (no clock). */
export interface ProfileCheck {
  /** Verdict: the chain verifies. Prediction: the device is predicted to connect. */
  ok: boolean;
  code?: string;
  message?: string;
  hint?: string;
  /** Predictions only. */
  exact?: boolean;
  notes?: string[];
}

/** Runs one profile on the chain with `roots`: verifyChain for verdict profiles, predictDevice otherwise. */
export function checkProfile(profile: AnyProfileId, chain: ProbeChain, roots: Uint8Array[]): ProfileCheck {
  const input = {
    leaf: chain.leaf,
    intermediates: chain.intermediates,
    roots,
    time: chain.at,
    ...(chain.hostname ? { hostname: chain.hostname } : {}),
  };
  if (isDeviceProfileId(profile)) {
    const r = verifyChain({ ...input, profile });
    if (r.ok) return { ok: true };
    return {
      ok: false,
      code: r.error.code,
      message: r.error.message,
      ...(r.error.hint ? { hint: r.error.hint } : {}),
    };
  }
  const p = predictDevice({ ...input, profile });
  const basis = p.basis.ok ? {} : { code: p.basis.error.code, message: p.basis.error.message };
  return { ok: p.accepts, ...(p.accepts ? {} : basis), exact: p.exact, notes: p.notes };
}

const sha256Hex = (der: Uint8Array, fallback: () => string) => {
  try {
    return parseCertificate(der).fingerprints.sha256;
  } catch {
    return fallback();
  }
};

/** Candidates from DER certificates (a file), named by the catalog where it knows them. */
export function candidatesOf(certificates: readonly Uint8Array[]): Candidate[] {
  const out: Candidate[] = [];
  for (const der of certificates) {
    try {
      const c = parseCertificate(der);
      out.push({
        der,
        sha256: c.fingerprints.sha256,
        subject: c.subject.text,
        slug: bySha256(c.fingerprints.sha256)?.slug ?? null,
        notAfter: c.validity.notAfter.toISOString(),
      });
    } catch {
      // Not a certificate the verifier reads: it cannot be an anchor either.
    }
  }
  return out;
}

/** The catalog's roots as candidates. */
export function catalogCandidates(): Candidate[] {
  return candidatesOf(catalog.filter((c) => c.kind === 'root').map((c) => c.der));
}

/** Names an anchor must carry to end a path through the sent chain: every issuer and subject. */
function anchorNames(chain: ProbeChain): Set<string> {
  const names = new Set<string>();
  for (const der of [chain.leaf, ...chain.intermediates]) {
    try {
      const c = parseCertificate(der);
      names.add(c.issuer.text.toLowerCase());
      names.add(c.subject.text.toLowerCase());
    } catch {
      // An unreadable certificate names nothing.
    }
  }
  return names;
}

/**
 * The candidates that, each added alone to `bundle`, make the chain pass `profile`.
 * @example suggestRoots('mbedtls-2.28', chain, bundle, catalogCandidates())
 */
export function suggestRoots(
  profile: AnyProfileId,
  chain: ProbeChain,
  bundle: readonly Uint8Array[],
  candidates: readonly Candidate[],
): Candidate[] {
  const names = anchorNames(chain);
  const have = new Set(bundle.map((der, i) => sha256Hex(der, () => `unreadable-${i}`)));
  return candidates
    .filter((c) => !have.has(c.sha256) && names.has(c.subject.toLowerCase()))
    .slice(0, MAX_CANDIDATES)
    .filter((c) => checkProfile(profile, chain, [...bundle, c.der]).ok);
}

/** A recommended set for the host, and whether carrying it makes each failing profile pass. */
export interface SetAdvice {
  id: string;
  name: string;
  families: string[];
  slugs: string[];
  /** Slugs of the set the bundle does not carry. */
  missing: string[];
  /** Failing profiles the bundle plus the set makes pass. */
  fixes: AnyProfileId[];
}

/** The recommended sets covering the host's endpoint families (none for an unknown host). */
export function setAdvice(
  chain: ProbeChain,
  bundle: readonly Uint8Array[],
  failing: readonly AnyProfileId[],
): SetAdvice[] {
  if (!chain.hostname) return [];
  let families: string[];
  try {
    families = endpointFamiliesForHost(chain.hostname).map((f) => f.id);
  } catch {
    return [];
  }
  const have = new Set(bundle.map((der, i) => sha256Hex(der, () => `unreadable-${i}`)));
  return (Object.values(RECOMMENDED_SETS) as RecommendedSet[])
    .filter((set) => set.families.some((f) => families.includes(f)))
    .map((set) => {
      const roots = catalog.filter((c) => set.slugs.includes(c.slug));
      const added = [...bundle, ...roots.filter((c) => !have.has(c.sha256)).map((c) => c.der)];
      return {
        id: set.id,
        name: set.name,
        families: set.families.filter((f) => families.includes(f)),
        slugs: [...set.slugs],
        missing: roots.filter((c) => !have.has(c.sha256)).map((c) => c.slug),
        fixes: failing.filter((p) => checkProfile(p, chain, added).ok),
      };
    });
}
