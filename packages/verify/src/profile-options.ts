// Resolves `verifyChain({ profile })`: the profile's options first, then every option the caller
// gave explicitly (an option set to undefined counts as not given). Prediction-only profiles
// (devices without a trusted clock) are refused here, so they can never make verifyChain accept.
//
// The strictProfile option and the profiles: strictProfile: true (the default) is what the
// `strict` and `webpki` profiles set, and `strict` adds issuanceRules: true (the CA/B Forum and
// rustls-webpki issuance rules a linter applies), so it is stricter than no profile at all; every profile of a lenient device stack (mbedTLS, wolfSSL,
// BearSSL, OpenSSL, ESP-IDF's bundle) sets strictProfile: false. A caller who only set
// strictProfile: false before keeps that behaviour; `profile: 'openssl-3.0'` now says which
// stack the lenient rules stand for and adds its other options.
import { deviceProfiles, isAnyProfileId, isDeviceProfileId } from './device-profiles.js';
import type { VerifyChainError, VerifyChainOptions } from './verify-chain.js';

/** The options verifyChain runs with, or why the profile cannot be used. */
export type AppliedProfile =
  | { ok: true; options: VerifyChainOptions }
  | { ok: false; error: VerifyChainError };

/**
 * Merges a profile's options under the caller's explicit ones. Without `profile`, returns the
 * options unchanged.
 */
export function applyProfile(options: VerifyChainOptions): AppliedProfile {
  const id: unknown = options.profile;
  if (id === undefined) return { ok: true, options };
  if (!isDeviceProfileId(id)) {
    const message = isAnyProfileId(id)
      ? `profile ${id} is prediction-only (the device has no trusted clock, so it never checks validity): use predictDevice, whose result is marked as a prediction`
      : `unknown profile ${String(id)}; known: ${Object.keys(deviceProfiles).join(', ')}`;
    return { ok: false, error: { code: 'INVALID_ARGUMENT', message } };
  }
  return { ok: true, options: mergeProfile(deviceProfiles[id].options, options) };
}

/** `explicit` over `base`, ignoring explicit keys whose value is undefined. */
export function mergeProfile<T extends object>(base: Readonly<Partial<T>>, explicit: T): T {
  const merged: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(explicit)) if (v !== undefined) merged[k] = v;
  return merged as T;
}
