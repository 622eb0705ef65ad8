// The one adapter between readiness and the device's TLS stack: a device is one of
// @hubtrust/verify's device profiles (`deviceProfiles`, issue 12: each profile's options with the
// evidence behind them and the differential against the real library), or an explicit behaviour
// with a name for a stack no profile models. Readiness runs verifyChain with those options.
//
// Only the profiles with a trusted clock take part: readiness is about dates, and a device without
// a clock (the `*-no-clock` profiles) never sees an expiry — verify keeps those prediction-only,
// and so does readiness (an explicit behaviour cannot switch the dates off either: verifyChain
// has no such option).
import {
  type DeviceProfileId,
  deviceProfiles,
  isDeviceProfileId,
  type ProfileOptions,
} from '@hubtrust/verify';
import { ReadinessError } from './errors.js';

export type { DeviceProfileId } from '@hubtrust/verify';

/** The device profiles readiness accepts by id: verify's profiles with a trusted clock. */
export const DEVICE_PROFILE_IDS: readonly DeviceProfileId[] = Object.values(deviceProfiles)
  .map((p) => p.id)
  .filter(isDeviceProfileId);

/** How a device's TLS stack verifies chains: the verifyChain options that model it. */
export type DeviceBehaviour = ProfileOptions;

/** The device readiness is computed for: a profile id, or an explicit behaviour with a name. */
export type DeviceSpec = DeviceProfileId | { id: string; behaviour: DeviceBehaviour };

/** A resolved device: its id and the verifyChain options readiness runs with. */
export interface ResolvedDevice {
  id: string;
  /** The options every verifyChain call of the analysis starts from. */
  options: DeviceBehaviour;
  /** True for one of {@link DEVICE_PROFILE_IDS}. */
  known: boolean;
}

/**
 * Resolves a device spec to the verifyChain options readiness uses.
 * @throws ReadinessError `UNKNOWN_DEVICE_PROFILE` for an id that is not a profile with a clock.
 * @example resolveDevice('bearssl-0.6').options.enforceAnchorExpiry // false
 */
export function resolveDevice(spec: DeviceSpec): ResolvedDevice {
  if (typeof spec === 'string') {
    if (!isDeviceProfileId(spec)) {
      throw new ReadinessError(
        'UNKNOWN_DEVICE_PROFILE',
        `unknown device profile "${spec}"; known: ${DEVICE_PROFILE_IDS.join(', ')}`,
      );
    }
    return { id: spec, options: deviceProfiles[spec].options, known: true };
  }
  if (!spec || typeof spec !== 'object' || typeof spec.id !== 'string' || !spec.behaviour) {
    throw new ReadinessError('INVALID_ARGUMENT', 'device: a profile id or { id, behaviour }');
  }
  return { id: spec.id, options: { ...spec.behaviour }, known: false };
}
