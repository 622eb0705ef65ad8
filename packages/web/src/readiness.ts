// The readiness choices the page offers and their defaults: the cloud endpoint families of
// @hubtrust/roots' cloud profiles (Azure IoT Hub and AWS IoT Core by default: the two hubs the
// project is about), the device profiles readiness accepts (those of @hubtrust/verify's
// deviceProfiles with a trusted clock, described by verify; mbedTLS 2.28 by default, the stack of
// most Azure and AWS C SDK ports), and the range: from ten years before the check date (a device
// generation in the field: the 2017 Azure IoT C SDK certs.c devices met the 2023 migration) to
// the horizon.
import {
  analyzeReadiness,
  type BundleInput,
  cloudProfiles,
  DEVICE_PROFILE_IDS,
  type DeviceProfileId,
  type ReadinessReport,
} from '@hubtrust/roots';
import { deviceProfiles } from '@hubtrust/verify';

/** Endpoint families checked when the page opens. */
export const DEFAULT_FAMILIES: readonly string[] = ['azure-iot-hub', 'aws-iot-core-ats-rsa'];
/** Device profile selected when the page opens. */
export const DEFAULT_DEVICE: DeviceProfileId = 'mbedtls-2.28';

/** A choice of the form: value, label, and a longer description. */
export interface Choice {
  id: string;
  label: string;
  description: string;
}

/** Every endpoint family, in the cloud profiles' order. */
export function familyChoices(): Choice[] {
  return cloudProfiles.map((f) => ({
    id: f.id,
    label: f.name,
    description: f.deprecated ? `deprecated: ${f.deprecated}` : f.notes,
  }));
}

/** The device profiles readiness accepts, described by @hubtrust/verify. */
export function deviceChoices(): Choice[] {
  return DEVICE_PROFILE_IDS.map((id) => {
    const p = deviceProfiles[id];
    return {
      id,
      label: p ? `${id} (${p.stack.name} ${p.stack.version})` : id,
      description: p?.description ?? '',
    };
  });
}

/** Years before the check date the timeline starts by default. */
export const DEFAULT_LOOKBACK_YEARS = 10;

/** What the form says. */
export interface ReadinessChoice {
  families: readonly string[];
  device: DeviceProfileId;
  /** Start of the timeline. */
  since: Date;
  /** End of the timeline and of the recommendation's window. */
  until: Date;
}

/**
 * Runs the readiness analysis of a bundle for the form's choice.
 * @throws ReadinessError (an empty or unreadable bundle, no family, a bad range) with its message
 */
export function runReadiness(bundle: BundleInput, choice: ReadinessChoice): ReadinessReport {
  return analyzeReadiness({
    bundle,
    families: choice.families,
    device: choice.device,
    from: choice.since,
    to: choice.until,
  });
}
