// Update signing keys on the command line (ECDSA P-256, packages/verify/FORMAT.md §Key ids): a
// private key from a PEM file (PKCS#8 `PRIVATE KEY`, or SEC1 `EC PRIVATE KEY` as `openssl ecparam
// -genkey` writes) becomes a WebCrypto key for @hubtrust/roots' webCryptoSigner; a trusted key is
// a public key PEM (`openssl ec -pubout`), a private key PEM (its public half) or the raw 65-byte
// point the firmware pins. Key files are small: at most 64 KiB is read.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { type UpdateSigner, updateKeyId, webCryptoSigner } from '@hubtrust/roots';
import { CliError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { readInputFile } from './inputs.js';

const MAX_KEY_FILE_BYTES = 64 * 1024;

/** Lowercase hex of bytes (key ids in outputs). */
export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function p256(key: KeyObject, path: string, option: string, what: 'private' | 'public'): void {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw new CliError(
      `${option} "${path}" is not a P-256 ${what} key (it holds ${key.asymmetricKeyType === 'ec' ? `an EC ${key.asymmetricKeyDetails?.namedCurve ?? '?'}` : `an ${key.asymmetricKeyType?.toUpperCase() ?? 'unknown'}`} key)`,
      EXIT.usage,
      what === 'private'
        ? 'updates are signed with ECDSA P-256: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out update-key.pem'
        : 'give the public key the update was signed with (openssl pkey -in update-key.pem -pubout)',
    );
}

/** The 65-byte uncompressed point of a P-256 public key. */
function pointOf(key: KeyObject): Uint8Array {
  const spki = key.export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spki.length - 65));
}

/**
 * A signer from a private key PEM file.
 * @throws CliError (exit 2) for a missing file, not a private key, or another curve
 */
export async function readSigner(path: string, cwd: string, option: string): Promise<UpdateSigner> {
  const pem = readInputFile(path, cwd, `${option} file`, MAX_KEY_FILE_BYTES);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(pem), format: 'pem' });
  } catch (error) {
    throw new CliError(
      `${option} "${path}" is not a private key PEM: ${(error as Error).message}`,
      EXIT.usage,
      'give the PKCS#8 or SEC1 PEM of the signing key (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256)',
    );
  }
  p256(key, path, option, 'private');
  const subtle = globalThis.crypto.subtle;
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256' };
  const privateKey = await subtle.importKey(
    'pkcs8',
    key.export({ format: 'der', type: 'pkcs8' }),
    algorithm,
    false,
    ['sign'],
  );
  const publicKey = await subtle.importKey(
    'spki',
    createPublicKey(key).export({ format: 'der', type: 'spki' }),
    algorithm,
    true,
    ['verify'],
  );
  return webCryptoSigner({ privateKey, publicKey });
}

/**
 * The point of a trusted key: public key PEM, private key PEM or the raw 65-byte point.
 * @throws CliError (exit 2)
 */
export function readTrustedPoint(path: string, cwd: string, option: string): Uint8Array {
  const bytes = readInputFile(path, cwd, `${option} file`, MAX_KEY_FILE_BYTES);
  if (bytes.length === 65 && bytes[0] === 0x04) return bytes;
  const text = Buffer.from(bytes);
  let key: KeyObject;
  try {
    key = /PRIVATE KEY-----/.test(text.toString('latin1'))
      ? createPublicKey(createPrivateKey({ key: text, format: 'pem' }))
      : createPublicKey({ key: text, format: 'pem' });
  } catch (error) {
    throw new CliError(
      `${option} "${path}" is not a P-256 public key: ${(error as Error).message}`,
      EXIT.usage,
      'give a public key PEM (openssl pkey -pubout), the private key PEM, or the raw 65-byte point',
    );
  }
  p256(key, path, option, 'public');
  return pointOf(key);
}

/**
 * A key id for --revoke/--revoked: 64 hex digits, or a key file (its id is computed).
 * @throws CliError (exit 2)
 */
export function readKeyId(value: string, cwd: string, option: string): Uint8Array {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return new Uint8Array(Buffer.from(value, 'hex'));
  return updateKeyId(readTrustedPoint(value, cwd, option));
}
