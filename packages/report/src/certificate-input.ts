// Certificates from what a user gives (a file's bytes, pasted text): PEM text with any number of
// CERTIFICATE blocks, or DER (one certificate, or several concatenated). Shared by the CLI and
// the web page; C sources, ESP-IDF bundles and firmware images are @hubtrust/roots' readers'.
import { PemError, splitPemBlocks } from '@hubtrust/verify';

/** Why the input holds no usable certificate. */
export class CertificateInputError extends Error {
  override readonly name = 'CertificateInputError';
}

/** Certificates found in an input. */
export interface CertificateInput {
  format: 'PEM' | 'DER';
  /** DER of every certificate, in input order. */
  certificates: Uint8Array[];
  /** Labels of PEM blocks that are not certificates (keys, CSRs), in order. */
  otherBlocks: string[];
}

/** Length of the DER SEQUENCE at `pos` (tag, length and content), or -1 when there is none. */
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

/** True when the bytes hold PEM text (a `-----BEGIN ` line in the first 64 KiB). */
export function looksLikePem(bytes: Uint8Array): boolean {
  return new TextDecoder('latin1').decode(bytes.subarray(0, 64 * 1024)).includes('-----BEGIN ');
}

/**
 * Reads the certificates of an input: PEM when it holds a `-----BEGIN ` line, else DER.
 * @param input - the bytes of a file, or text
 * @param name - how the input is named in messages (a file name, `chain`)
 * @throws CertificateInputError naming the input: no certificate, bad base64, bytes that are no DER
 * @example readCertificateInput(readFileSync('chain.pem'), 'chain.pem').certificates // Uint8Array[]
 */
export function readCertificateInput(input: Uint8Array | string, name: string): CertificateInput {
  const text =
    typeof input === 'string'
      ? input
      : looksLikePem(input)
        ? new TextDecoder('latin1').decode(input)
        : undefined;
  if (text !== undefined) {
    let blocks: ReturnType<typeof splitPemBlocks>;
    try {
      blocks = splitPemBlocks(text);
    } catch (error) {
      if (error instanceof PemError) throw new CertificateInputError(`${name}: ${error.message}`);
      throw error;
    }
    const certificates = blocks.filter((b) => b.label === 'CERTIFICATE').map((b) => b.der);
    const otherBlocks = blocks.filter((b) => b.label !== 'CERTIFICATE').map((b) => b.label);
    if (certificates.length === 0)
      throw new CertificateInputError(
        `${name} holds no CERTIFICATE block${otherBlocks.length ? ` (found: ${otherBlocks.join(', ')})` : ''}`,
      );
    return { format: 'PEM', certificates, otherBlocks };
  }
  const bytes = input as Uint8Array;
  const certificates: Uint8Array[] = [];
  let pos = 0;
  // Each step consumes at least 2 bytes, so this ends.
  while (pos < bytes.length) {
    const length = derLength(bytes, pos);
    if (length < 0 || pos + length > bytes.length) break;
    certificates.push(bytes.slice(pos, pos + length));
    pos += length;
  }
  if (certificates.length === 0 || pos !== bytes.length)
    throw new CertificateInputError(
      `${name} is neither PEM nor DER: ${certificates.length === 0 ? 'no "-----BEGIN CERTIFICATE-----" block and no DER SEQUENCE at the start' : `the bytes after offset ${pos} are not a DER certificate`}`,
    );
  return { format: 'DER', certificates, otherBlocks: [] };
}
