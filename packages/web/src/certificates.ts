// Certificates from what a user pastes or drops: PEM text (any number of CERTIFICATE blocks) or
// DER bytes (one certificate, or several concatenated). C sources, ESP-IDF bundles and firmware
// images join through @hubtrust/roots' readers when they land.
import { derToPem, PemError, splitPemBlocks } from '@hubtrust/verify';

/** Input the page could not read, with what to do. */
export class InputError extends Error {}

/** Length of the DER SEQUENCE at `pos`, or -1. */
function derLength(bytes: Uint8Array, pos: number): number {
  if (bytes[pos] !== 0x30 || pos + 2 > bytes.length) return -1;
  const first = bytes[pos + 1] as number;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || pos + 2 + n > bytes.length) return -1;
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + (bytes[pos + 2 + i] as number);
  return 2 + n + length;
}

/** True when the bytes are (probably) text holding PEM. */
export function looksLikePem(bytes: Uint8Array): boolean {
  return new TextDecoder('latin1').decode(bytes.subarray(0, 64 * 1024)).includes('-----BEGIN ');
}

/** DER certificates → PEM text, to show a dropped DER file in its text box. */
export function toPemText(ders: readonly Uint8Array[]): string {
  return ders.map((d) => derToPem(d)).join('');
}

/** DER certificates of a DER file (one or several concatenated). @throws InputError */
export function derCertificates(bytes: Uint8Array, name: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const length = derLength(bytes, pos);
    if (length < 0 || pos + length > bytes.length) break;
    out.push(bytes.slice(pos, pos + length));
    pos += length;
  }
  if (out.length === 0 || pos !== bytes.length)
    throw new InputError(`${name} is neither PEM nor DER certificates`);
  return out;
}

/** DER certificates of PEM text; empty text gives none. @throws InputError */
export function pemCertificates(text: string, name: string): Uint8Array[] {
  if (!text.trim()) return [];
  try {
    const blocks = splitPemBlocks(text);
    const certs = blocks.filter((b) => b.label === 'CERTIFICATE').map((b) => b.der);
    if (certs.length === 0) throw new InputError(`${name}: no "-----BEGIN CERTIFICATE-----" block`);
    return certs;
  } catch (error) {
    if (error instanceof PemError) throw new InputError(`${name}: ${error.message}`);
    throw error;
  }
}
