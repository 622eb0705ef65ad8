// What a correct device does on a scenario, machine-readably, and the one function that picks the
// expectation for a given device: the HIL runner and the reports call it instead of each
// re-deriving the rules below.
//
// The cause vocabulary is @hubtrust/roots' (docs/architecture.md, "Handshake-log cause
// vocabulary"): every package speaks the same one.
//
// Per-buffer expectations. A TLS record carries at most 2^14 = 16,384 bytes of plaintext
// (RFC 8446 §5.1, RFC 5246 §6.2.1). Devices built with a smaller input buffer
// (MBEDTLS_SSL_IN_CONTENT_LEN=4096, ESP-IDF's asymmetric buffers, BearSSL's half-duplex buffers)
// fail on any record that carries more than their buffer holds; the only standard way out is
// RFC 6066 max_fragment_length, which the hub honours (OpenSSL always does: a hub that ignores the
// extension cannot be built on node:tls). RFC 8449 record_size_limit does not help against this
// hub: OpenSSL 3.0 does not implement it (openssl/openssl#8187), so the offer is ignored.
// Resolution rules (documented in the README, "Expected outcomes per device buffer"):
//   1. The device's buffer is `inputBuffer` (bytes or a name), 16,384 when unknown.
//   2. A device that offers max_fragment_length no larger than its buffer never receives a record
//      it cannot hold, so it is resolved as a full-buffer device.
//   3. With the served chain given, a device whose buffer is smaller than the Certificate record
//      (min(Certificate message, 16,384)) fails in the handshake: record_too_large, whatever the
//      scenario, unless the hub refuses it before sending the chain (tls10-only, weak-cipher-only).
//   4. Else the scenario's `byBuffer` entry of the largest listed buffer not larger than the
//      device's applies; a device smaller than every listed buffer takes the smallest entry
//      (a smaller buffer never does better). Full-buffer devices and scenarios without `byBuffer`
//      take the default fields of `expected`.
import type { HandshakeCause } from '@hubtrust/roots';
import type { ErrorCode } from '@hubtrust/verify';

/**
 * A chain verdict in @hubtrust/verify's codes (`UNKNOWN_ISSUER`, `EXPIRED`, `NOT_YET_VALID`,
 * `NAME_MISMATCH`, `WEAK_SIGNATURE_ALGORITHM`, ...): what `verifyChain` says about the served chain.
 */
export type ChainErrorCode = ErrorCode;

/** Input buffer sizes the expectations distinguish, in bytes of TLS plaintext per record. */
export const INPUT_BUFFERS = {
  'in-512': 512,
  'in-1k': 1024,
  'in-2k': 2048,
  'in-4k': 4096,
  'in-8k': 8192,
  'in-16k': 16384,
} as const;

/** A named input buffer: `in-4k` is a stack built with a 4,096-byte record plaintext buffer. */
export type InputBuffer = keyof typeof INPUT_BUFFERS;

/** The largest plaintext one TLS record may carry: 2^14 (RFC 8446 §5.1, RFC 5246 §6.2.1). */
export const MAX_RECORD_PLAINTEXT = 16_384;

/** The `max_fragment_length` values RFC 6066 §4 defines, in bytes. */
export const MAX_FRAGMENT_LENGTHS = [512, 1024, 2048, 4096] as const;

/** One expected outcome. */
export interface ExpectedOutcome {
  /**
   * A correct device completes the handshake and keeps a working connection (for the
   * record-size scenarios: it also receives the large message).
   */
  readonly connects: boolean;
  /** In the shared vocabulary of `@hubtrust/roots`. */
  readonly cause: HandshakeCause;
  /** Names an `other` failure hub-sim knows a name for: `record_too_large`. Absent otherwise. */
  readonly detail?: string;
  /**
   * The fatal alert that ends a correct device's attempt, and who sends it; null when it
   * connects, and when the stack decides (a device out of buffer space: mbedTLS closes without
   * one, others may send record_overflow).
   */
  readonly alert: { readonly name: string; readonly sentBy: 'device' | 'hub' } | null;
  /** `openssl s_client -verify_return_error` verify error for the chain; null when it verifies. */
  readonly opensslVerifyError: string | null;
  /**
   * What @hubtrust/verify's `verifyChain` says about the served chain with the cloud's trusted
   * roots, at the hub's time, for the hub's host name: the error code, or null when the chain
   * verifies (also for scenarios that fail for protocol reasons, not because of the chain).
   */
  readonly chainError: ChainErrorCode | null;
}

/** What a correct device does on a scenario: the default (full 16 KiB buffer) and per buffer. */
export interface ScenarioExpectation extends ExpectedOutcome {
  /**
   * Outcomes of devices with smaller input buffers where they differ from the default; keyed by
   * the buffer from which an entry applies (rule 4 of {@link resolveExpectation}). `in-16k` is
   * the default fields themselves and is never listed.
   */
  readonly byBuffer?: Readonly<Partial<Record<Exclude<InputBuffer, 'in-16k'>, ExpectedOutcome>>>;
}

/** A record-size failure: the device cannot hold a record the hub sends. */
export const RECORD_TOO_LARGE: ExpectedOutcome = {
  connects: false,
  cause: 'other',
  detail: 'record_too_large',
  alert: null,
  opensslVerifyError: null,
  chainError: null,
};

/** What {@link resolveExpectation} needs to know about a device. */
export interface DeviceRecordProfile {
  /**
   * Input buffer: a name (`in-4k`) or bytes of record plaintext (MBEDTLS_SSL_IN_CONTENT_LEN).
   * Absent or null: unknown, treated as the full 16,384 bytes.
   */
  readonly inputBuffer?: InputBuffer | number | null;
  /** The RFC 6066 max_fragment_length the device offers (512, 1024, 2048, 4096); null: none. */
  readonly maxFragmentLength?: number | null;
}

/** The chain a hub serves, as far as record sizes go (a running `Hub` fits). */
export interface ServedChain {
  /** Size of the Certificate handshake message per TLS version (`hub.certificateMessageBytes`). */
  readonly certificateMessageBytes: { readonly 'TLSv1.2': number; readonly 'TLSv1.3': number };
}

/** The expectation that applies to one device, and why. */
export interface ResolvedExpectation extends ExpectedOutcome {
  /**
   * Which rule chose it: `default` (the full-buffer expectation), a `byBuffer` key, or
   * `certificate-record` (rule 3: the served chain's Certificate record does not fit).
   */
  readonly from: 'default' | InputBuffer | 'certificate-record';
  /** The buffer the device was resolved as, in bytes (16,384 after rule 2). */
  readonly effectiveBuffer: number;
}

function bufferBytes(value: InputBuffer | number | null | undefined): number {
  if (value === undefined || value === null) return MAX_RECORD_PLAINTEXT;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new TypeError(`inputBuffer must be a positive integer of bytes, got ${value}`);
    }
    return Math.min(value, MAX_RECORD_PLAINTEXT);
  }
  const bytes = (INPUT_BUFFERS as Record<string, number>)[value];
  if (bytes === undefined) {
    throw new TypeError(`unknown inputBuffer "${value}" (one of ${Object.keys(INPUT_BUFFERS).join(', ')})`);
  }
  return bytes;
}

function outcomeOf(expected: ExpectedOutcome): ExpectedOutcome {
  const { connects, cause, detail, alert, opensslVerifyError, chainError } = expected;
  return {
    connects,
    cause,
    ...(detail !== undefined ? { detail } : {}),
    alert,
    opensslVerifyError,
    chainError,
  };
}

/**
 * The expectation of a scenario for one device (rules in the file header and the README).
 * @param expected - `SCENARIOS[name].expected` or `hub.scenario.expected`
 * @param device - the device's input buffer and the max_fragment_length it offers
 * @param served - the chain the hub serves (pass the `Hub`) to apply the Certificate-record rule
 * @throws TypeError for an unknown buffer name, a non-positive buffer or a max_fragment_length
 *   RFC 6066 does not define
 * @example
 * ```ts
 * resolveExpectation(SCENARIOS['max-size-records'].expected, { inputBuffer: 'in-4k' });
 * // { connects: false, cause: 'other', detail: 'record_too_large', from: 'in-8k', ... }
 * resolveExpectation(SCENARIOS['max-size-records'].expected, { inputBuffer: 4096, maxFragmentLength: 4096 });
 * // { connects: true, cause: 'handshake_success', from: 'default', effectiveBuffer: 16384, ... }
 * ```
 */
export function resolveExpectation(
  expected: ScenarioExpectation,
  device: DeviceRecordProfile = {},
  served?: ServedChain,
): ResolvedExpectation {
  const buffer = bufferBytes(device.inputBuffer);
  const mfl = device.maxFragmentLength ?? null;
  if (mfl !== null && !(MAX_FRAGMENT_LENGTHS as readonly number[]).includes(mfl)) {
    throw new TypeError(`maxFragmentLength must be one of ${MAX_FRAGMENT_LENGTHS.join(', ')}, got ${mfl}`);
  }
  const effectiveBuffer = mfl !== null && mfl <= buffer ? MAX_RECORD_PLAINTEXT : buffer;
  if (effectiveBuffer >= MAX_RECORD_PLAINTEXT)
    return { ...outcomeOf(expected), from: 'default', effectiveBuffer };

  if (served && expected.alert?.sentBy !== 'hub') {
    const message = Math.max(
      served.certificateMessageBytes['TLSv1.2'],
      served.certificateMessageBytes['TLSv1.3'],
    );
    if (Math.min(message, MAX_RECORD_PLAINTEXT) > effectiveBuffer) {
      return { ...RECORD_TOO_LARGE, from: 'certificate-record', effectiveBuffer };
    }
  }

  const listed = (Object.keys(expected.byBuffer ?? {}) as Exclude<InputBuffer, 'in-16k'>[]).sort(
    (a, b) => INPUT_BUFFERS[a] - INPUT_BUFFERS[b],
  );
  if (listed.length === 0) return { ...outcomeOf(expected), from: 'default', effectiveBuffer };
  const key =
    listed.filter((k) => INPUT_BUFFERS[k] <= effectiveBuffer).at(-1) ?? (listed[0] as (typeof listed)[0]);
  const entry = expected.byBuffer?.[key] as ExpectedOutcome;
  return { ...outcomeOf(entry), from: key, effectiveBuffer };
}
