// The large application message of the record-size scenarios (max-size-records, mfl-honoured):
// its size bounds, its bytes, and the concrete topic it is published on.

/**
 * Default size: the TLS maximum record plaintext, 2^14 bytes (RFC 8446 §5.1), so at least one
 * record the hub sends is full (the payload goes to the TLS stack as one write).
 */
export const DEFAULT_LARGE_MESSAGE_BYTES = 16_384;

/** Bounds of `largeMessageBytes`: room for the JSON frame; IoT Hub's 256 KiB message limit. */
export const LARGE_MESSAGE_BYTES_RANGE = { min: 64, max: 256 * 1024 } as const;

/**
 * A JSON document of exactly `bytes` bytes (`{"hubtrust":"large message","bytes":N,"padding":"..."}`),
 * valid as an IoT Hub cloud-to-device body, an AWS shadow document and an MQTT payload.
 * @throws RangeError outside {@link LARGE_MESSAGE_BYTES_RANGE} or not an integer
 * @example largeMessage(16384).length // 16384
 */
export function largeMessage(bytes: number): Buffer {
  const { min, max } = LARGE_MESSAGE_BYTES_RANGE;
  if (!Number.isSafeInteger(bytes) || bytes < min || bytes > max) {
    throw new RangeError(`largeMessageBytes must be an integer from ${min} to ${max}, got ${bytes}`);
  }
  const head = `{"hubtrust":"large message","bytes":${bytes},"padding":"`;
  const tail = '"}';
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const padding = alphabet
    .repeat(Math.ceil(bytes / alphabet.length))
    .slice(0, bytes - head.length - tail.length);
  return Buffer.from(head + padding + tail, 'ascii');
}

/**
 * A topic name matched by the MQTT topic filter `filter` (MQTT 3.1.1 §4.7): each `+` level becomes
 * `hubtrust`, a trailing `#` becomes `hubtrust=record-size` (which is also a valid IoT Hub
 * cloud-to-device property bag for `devices/{id}/messages/devicebound/#`).
 * @example topicForFilter('devices/d1/messages/devicebound/#') // 'devices/d1/messages/devicebound/hubtrust=record-size'
 */
export function topicForFilter(filter: string): string {
  return filter
    .split('/')
    .map((level) => (level === '+' ? 'hubtrust' : level === '#' ? 'hubtrust=record-size' : level))
    .join('/');
}
