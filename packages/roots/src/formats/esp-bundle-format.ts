// The ESP-IDF `x509_crt_bundle` binary formats (components/mbedtls/esp_crt_bundle/:
// gen_crt_bundle.py writes them, esp_crt_bundle.c reads them). Both store, per root, only the
// subject Name and the SubjectPublicKeyInfo, sorted ascending by the subject's DER bytes so the
// device can binary-search the issuer of the first untrusted certificate; validity, issuer,
// serial, extensions and signature are not stored, so a device never checks a root's expiry.
//
// - 'v4.2' (ESP-IDF v4.2 – v5.3.x): u16 big-endian count, then per root u16 BE name length,
//   u16 BE key length, name, key.
// - 'v5.4' (ESP-IDF v5.4 onward, esp-idf commit d8e31eb6d01): N u32 little-endian offsets (the
//   first is 4·N, so the count is implied), then the entries: u16 LE name length, u16 LE key
//   length, name, key; each offset must point right after the previous entry.

/** Which binary layout: named after the first ESP-IDF release that wrote it. */
export type EspBundleFormat = 'v4.2' | 'v5.4';

/** Both layouts, oldest first. */
export const ESP_BUNDLE_FORMATS: readonly EspBundleFormat[] = ['v4.2', 'v5.4'];

/** Bytes before the first entry for `count` entries. */
export function espHeaderBytes(format: EspBundleFormat, count: number): number {
  return format === 'v4.2' ? 2 : 4 * count;
}

/** Bytes of one entry's header (the two lengths). */
export const ESP_ENTRY_HEADER_BYTES = 4;

/** Reads a u16 of the format's byte order. */
export function espU16(format: EspBundleFormat, b: Uint8Array, p: number): number {
  return format === 'v4.2'
    ? ((b[p] as number) << 8) | (b[p + 1] as number)
    : (b[p] as number) | ((b[p + 1] as number) << 8);
}

/** Writes a u16 of the format's byte order. */
export function putEspU16(format: EspBundleFormat, b: Uint8Array, p: number, v: number): void {
  if (format === 'v4.2') {
    b[p] = v >> 8;
    b[p + 1] = v & 0xff;
  } else {
    b[p] = v & 0xff;
    b[p + 1] = v >> 8;
  }
}

/** Reads a little-endian u32. */
export function u32le(b: Uint8Array, p: number): number {
  return (
    ((b[p] as number) |
      ((b[p + 1] as number) << 8) |
      ((b[p + 2] as number) << 16) |
      ((b[p + 3] as number) << 24)) >>>
    0
  );
}
