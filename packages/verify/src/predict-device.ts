// predictDevice: what a device's TLS stack will say about a chain, for every profile including
// the prediction-only ones (devices without a trusted clock). The result is marked as a
// prediction and carries no trusted path: it answers "will this device connect?", never "is this
// chain valid?" (verifyChain answers that, and refuses the prediction-only profiles).
//
// No-clock profiles. mbedTLS without MBEDTLS_HAVE_TIME_DATE (and ESP-IDF's default) never checks
// dates; verify.wasm has no validity-free mode (adding one, reachable only from here, is issue 12
// phase 2), so the prediction runs the clocked profile at candidate times: the given time and
// every notBefore/notAfter of the inputs (at most MAX_CANDIDATE_TIMES). A chain accepted at one
// of them is accepted without a clock (dates are the only time-dependent checks). When no time
// works and every run failed on a date, the validity periods of the path do not overlap: such a
// device would accept, but the run cannot show it, so the prediction says `exact: false`. A run
// at the given time that fails on anything but a date decides at once: the other checks do not
// depend on the time.
// BearSSL without a clock fails every chain (BR_ERR_X509_TIME_UNKNOWN) except a leaf trusted
// directly by a non-CA anchor with its subject and key.
import { parseCertificate } from './certificate.js';
import { type AnyProfileId, deviceProfiles, isAnyProfileId } from './device-profiles.js';
import { splitPem } from './pem.js';
import { mergeProfile } from './profile-options.js';
import {
  type CertificateInput,
  type VerifyChainOptions,
  type VerifyChainResult,
  verifyChain,
} from './verify-chain.js';

/** Options of {@link predictDevice}: verifyChain's, with any profile id (required). */
export interface PredictDeviceOptions extends Omit<VerifyChainOptions, 'profile'> {
  profile: AnyProfileId;
}

/** What the device is predicted to do. Never a validation result. */
export interface DevicePrediction {
  /** Always true: this is a prediction of a device's behaviour, not hubtrust's verdict. */
  readonly prediction: true;
  profile: AnyProfileId;
  /** Whether the device is predicted to accept the chain. */
  accepts: boolean;
  /** False when the prediction could not be decided exactly (see `notes`). */
  exact: boolean;
  /** The verifyChain run the prediction rests on (a no-clock prediction: at the time that decided). */
  basis: VerifyChainResult;
  /** What the prediction assumed, in words (no clock, candidate time used, ...). */
  notes: string[];
}

/** Bound on the verifyChain runs of one no-clock prediction (the given time + 2 per certificate). */
export const MAX_CANDIDATE_TIMES = 33;

const DATE_CODES = new Set(['EXPIRED', 'NOT_YET_VALID']);

function certList(x: CertificateInput | readonly CertificateInput[] | undefined): Uint8Array[] {
  if (x === undefined) return [];
  const items = typeof x === 'string' || x instanceof Uint8Array ? [x] : x;
  return items.flatMap((i) => (typeof i === 'string' ? splitPem(i) : [i]));
}

/** notBefore/notAfter of every input that parses, deduplicated, the given time first. */
function candidateTimes(options: PredictDeviceOptions): number[] {
  const given =
    options.time === undefined
      ? Date.now()
      : options.time instanceof Date
        ? options.time.getTime()
        : options.time;
  const out = new Set<number>([given]);
  for (const der of [
    ...certList(options.leaf),
    ...certList(options.intermediates),
    ...certList(options.roots),
  ]) {
    try {
      const v = parseCertificate(der).validity;
      out.add(v.notBefore.getTime());
      out.add(v.notAfter.getTime());
    } catch {
      // An input that does not parse gives no time; verifyChain reports it.
    }
    if (out.size >= MAX_CANDIDATE_TIMES) break;
  }
  return [...out].slice(0, MAX_CANDIDATE_TIMES);
}

function bearsslDirectTrust(options: PredictDeviceOptions): boolean {
  try {
    const [leafDer] = certList(options.leaf);
    if (!leafDer) return false;
    const leaf = parseCertificate(leafDer);
    return certList(options.roots).some((r) => {
      const root = parseCertificate(r);
      return (
        !root.extensions.basicConstraints?.ca &&
        root.subject.text === leaf.subject.text &&
        root.key.spkiSha256 === leaf.key.spkiSha256
      );
    });
  } catch {
    return false;
  }
}

/**
 * Predicts whether a device running the profile's stack accepts the chain. For profiles with a
 * trusted clock this is verifyChain with the profile; prediction-only profiles (no clock) are
 * answered as described in the file header. The result is a prediction, never a trust decision.
 *
 * @throws Error when the module is not initialised.
 * @example
 * ```ts
 * const p = predictDevice({ profile: 'esp-crt-bundle-no-clock', leaf, intermediates, roots, hostname });
 * if (p.accepts) console.log('this ESP32 will connect, even though', p.notes.join('; '));
 * ```
 */
export function predictDevice(options: PredictDeviceOptions): DevicePrediction {
  const id: unknown = options.profile;
  if (!isAnyProfileId(id)) {
    const basis = verifyChain({ ...options, profile: id as never });
    return { prediction: true, profile: id as AnyProfileId, accepts: false, exact: true, basis, notes: [] };
  }
  const profile = deviceProfiles[id];
  const { profile: _ignored, ...rest } = options;
  const base = mergeProfile<VerifyChainOptions>(profile.options, rest);
  if (profile.trustedClock) {
    const basis = verifyChain(base);
    return { prediction: true, profile: id, accepts: basis.ok, exact: true, basis, notes: [] };
  }
  if (id === 'bearssl-0.6-no-clock') {
    const direct = bearsslDirectTrust(options);
    const basis = verifyChain(base);
    return {
      prediction: true,
      profile: id,
      accepts: direct,
      exact: true,
      basis,
      notes: [
        direct
          ? 'the leaf is trusted directly by a non-CA anchor with its subject and key: BearSSL accepts it without a clock'
          : 'BearSSL without a clock fails every chain with BR_ERR_X509_TIME_UNKNOWN (set the time with br_x509_minimal_set_time)',
      ],
    };
  }
  const notes = ['the device has no trusted clock: certificate dates are never checked'];
  const basis = verifyChain(base);
  if (basis.ok || !DATE_CODES.has(basis.error.code)) {
    return { prediction: true, profile: id, accepts: basis.ok, exact: true, basis, notes };
  }
  let allDates = true;
  for (const t of candidateTimes(options).slice(1)) {
    const r = verifyChain({ ...base, time: t });
    if (r.ok) {
      notes.push(`accepted when evaluated at ${new Date(t).toISOString()}`);
      return { prediction: true, profile: id, accepts: true, exact: true, basis: r, notes };
    }
    if (!DATE_CODES.has(r.error.code)) allDates = false;
  }
  if (allDates)
    notes.push(
      'the validity periods of the path never overlap: a device without a clock may still accept it',
    );
  return { prediction: true, profile: id, accepts: false, exact: !allDates, basis, notes };
}
