// predictDevice: what a device's TLS stack will say about a chain, for every profile including
// the prediction-only ones (devices without a trusted clock). The result is marked as a
// prediction and carries no trusted path: it answers "will this device connect?", never "is this
// chain valid?" (verifyChain answers that, and refuses the prediction-only profiles).
//
// No-clock profiles. mbedTLS without MBEDTLS_HAVE_TIME_DATE (and ESP-IDF's default) never checks
// dates: the prediction runs verify.wasm with FLAG_PREDICT_NO_CLOCK (no validity period checked),
// which only this file can ask for (verify-chain.ts predictWithoutClock; verifyChain never sets
// it, so such a run is never a verdict).
// BearSSL without a clock fails every chain (BR_ERR_X509_TIME_UNKNOWN) except a leaf trusted
// directly by a non-CA anchor with its subject and key.
import { parseCertificate } from './certificate.js';
import { type AnyProfileId, deviceProfiles, isAnyProfileId } from './device-profiles.js';
import { splitPem } from './pem.js';
import { mergeProfile } from './profile-options.js';
import {
  type CertificateInput,
  predictWithoutClock,
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

/**
 * Bound on the verifyChain runs of one no-clock prediction.
 * @deprecated No-clock predictions now take one run without validity checks; kept for compatibility.
 */
export const MAX_CANDIDATE_TIMES = 33;

function certList(x: CertificateInput | readonly CertificateInput[] | undefined): Uint8Array[] {
  if (x === undefined) return [];
  const items = typeof x === 'string' || x instanceof Uint8Array ? [x] : x;
  return items.flatMap((i) => (typeof i === 'string' ? splitPem(i) : [i]));
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
  const basis = predictWithoutClock(base);
  return { prediction: true, profile: id, accepts: basis.ok, exact: true, basis, notes };
}
