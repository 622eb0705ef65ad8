// Device profiles (@hubtrust/verify) on the command line, shared by `verify --profile` and
// `probe`: the ids and what they model for --help, the options a profile runs with (its own under
// the flags given explicitly), and the rule for the prediction-only profiles.
//
// Profiles of devices without a trusted clock (`*-no-clock`) never give a verdict: verifyChain
// refuses them. The CLI answers them in two parts: the verdict of the same stack *with* a clock
// (its clocked sibling, `mbedtls-2.28` for `mbedtls-2.28-no-clock`), which is what the exit code
// follows, and predictDevice's prediction, printed and serialised as a prediction, never as
// "trusted".
import {
  type AnyProfileId,
  type DevicePrediction,
  type DeviceProfileId,
  deviceProfiles,
  isDeviceProfileId,
  type VerifyChainOptions,
} from '@hubtrust/verify';

/** Every profile id, verdict profiles first (the order of `deviceProfiles`). */
export const PROFILE_IDS = Object.keys(deviceProfiles) as AnyProfileId[];

/** The verdict profiles (devices with a trusted clock). */
export const VERDICT_PROFILE_IDS = PROFILE_IDS.filter(isDeviceProfileId);

/** `mbedTLS 2.28` / `ESP-IDF certificate bundle on mbedTLS ESP-IDF 5.x (mbedTLS 3.x)`. */
export function profileStack(id: AnyProfileId): string {
  const { stack } = deviceProfiles[id];
  return `${stack.name} ${stack.version}`;
}

/** The "Device profiles:" block of --help. */
export function profilesHelp(): string {
  const width = Math.max(...PROFILE_IDS.map((id) => id.length));
  const lines = PROFILE_IDS.map((id) => {
    const p = deviceProfiles[id];
    return `  ${id.padEnd(width)}  ${profileStack(id)}${p.trustedClock ? '' : ' without a clock (prediction only)'}`;
  });
  return `\nDevice profiles (how a device's TLS stack verifies; @hubtrust/verify):\n${lines.join('\n')}\nA *-no-clock profile never gives a verdict: the command shows the verdict of the same stack with a clock\n(which sets the exit code) and, labelled as a prediction, what a device without a clock would do.\n`;
}

/** The clocked profile whose verdict stands for `id` (itself, or its sibling for a no-clock id). */
export function verdictProfileOf(id: AnyProfileId): DeviceProfileId {
  if (isDeviceProfileId(id)) return id;
  const sibling = id.replace(/-no-clock$/, '');
  if (!isDeviceProfileId(sibling)) throw new Error(`no clocked profile for ${id}`);
  return sibling;
}

/** The options verifyChain runs with under `profile`: the profile's, then the explicit ones. */
export function effectiveOptions<T extends Omit<VerifyChainOptions, 'leaf' | 'roots'>>(
  profile: DeviceProfileId | undefined,
  explicit: T,
): T {
  const merged: Record<string, unknown> = profile ? { ...deviceProfiles[profile].options } : {};
  for (const [key, value] of Object.entries(explicit)) if (value !== undefined) merged[key] = value;
  return merged as T;
}

/** A prediction as JSON: always marked `prediction: true`, with the verdict it rests on. */
export function predictionJson(p: DevicePrediction) {
  return {
    prediction: true as const,
    profile: p.profile,
    accepts: p.accepts,
    exact: p.exact,
    notes: p.notes,
    basis: p.basis.ok
      ? { ok: true }
      : { ok: false, code: p.basis.error.code, message: p.basis.error.message },
  };
}
