// A trust bundle as the native board compiles it: @hubtrust/roots' C writer, DER form, symbol
// prefix `hubtrust_roots` (hubtrust_roots_der[], hubtrust_roots_der_len[], hubtrust_roots_count).
import { writeC } from '@hubtrust/roots';
import { initSync } from '@hubtrust/verify';
import type { FirmwareBundle } from './flasher.js';

/**
 * Renders roots (PEM or DER each) as the firmware bundle the native flasher compiles in.
 * @throws TypeError for an empty list; FormatError for an input that is not a certificate.
 * @example
 * ```ts
 * const bundle = firmwareBundle('baltimore-only', [baltimorePem]);
 * await flashNative({ ...ctx, bundle });
 * ```
 */
export function firmwareBundle(name: string, roots: readonly (string | Uint8Array)[]): FirmwareBundle {
  initSync(); // the writer decodes with verify's wasm; a no-op once loaded
  const { header, source } = writeC([...roots], { prefix: 'hubtrust_roots', forms: ['der'] });
  return { name, header: header.text, source: source.text };
}
