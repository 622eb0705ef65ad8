// PEM <-> DER helpers (RFC 7468, strict-ish: labels must match, base64 must be clean).

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;

/** A PEM block found in text. */
export interface PemBlock {
  /** The label, e.g. `CERTIFICATE`. */
  readonly label: string;
  /** The decoded bytes. */
  readonly der: Uint8Array;
}

/** Error thrown by the PEM helpers on malformed input. */
export class PemError extends Error {
  override readonly name = 'PemError';
  readonly code = 'MALFORMED' as const;
}

function decodeBase64(body: string, label: string): Uint8Array {
  const clean = body.replace(/[\r\n\t ]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) {
    throw new PemError(`PEM block "${label}" has invalid base64`);
  }
  const binary = atob(clean);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Splits text into its PEM blocks, in order. Text between blocks (comments, `certs.c` quoting
 * already removed) is ignored.
 *
 * @param text - text holding zero or more PEM blocks
 * @param label - only return blocks with this label (default: `CERTIFICATE`); `null` returns all
 * @throws PemError when a block's BEGIN and END labels differ or its base64 is invalid
 * @example
 * ```ts
 * const certs = splitPem(readFileSync('chain.pem', 'utf8')); // Uint8Array[]
 * ```
 */
export function splitPem(text: string, label: string | null = 'CERTIFICATE'): Uint8Array[] {
  return splitPemBlocks(text)
    .filter((b) => label === null || b.label === label)
    .map((b) => b.der);
}

/**
 * Like {@link splitPem} but keeps each block's label.
 * @throws PemError on a malformed block
 */
export function splitPemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    const [, begin = '', body = '', end = ''] = m;
    if (begin !== end) throw new PemError(`PEM BEGIN "${begin}" does not match END "${end}"`);
    blocks.push({ label: begin, der: decodeBase64(body, begin) });
  }
  return blocks;
}

/**
 * Decodes the first `CERTIFICATE` block of a PEM text.
 * @throws PemError when there is none, or it is malformed
 * @example
 * ```ts
 * const der = pemToDer('-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----');
 * ```
 */
export function pemToDer(text: string, label = 'CERTIFICATE'): Uint8Array {
  const [first] = splitPem(text, label);
  if (!first) throw new PemError(`no "${label}" PEM block found`);
  return first;
}

/**
 * Encodes DER bytes as PEM with 64-character lines and LF line endings.
 * @example
 * ```ts
 * derToPem(der); // '-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n'
 * ```
 */
export function derToPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  let binary = '';
  for (let i = 0; i < der.length; i++) binary += String.fromCharCode(der[i] as number);
  const b64 = btoa(binary);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}${lines.length ? '\n' : ''}-----END ${label}-----\n`;
}
