// Certificate signing with @peculiar/x509 over @peculiar/webcrypto, made deterministic.
// RSASSA-PKCS1-v1_5 signatures are deterministic by construction (RFC 8017 §8.2). ECDSA in
// WebCrypto draws a random nonce, so ECDSA signing goes through @noble/curves with RFC 6979
// deterministic nonces instead; everything else (TBS encoding, extensions) stays @peculiar/x509.
import { createHash, createPublicKey } from 'node:crypto';
import { p256, p384 } from '@noble/curves/nist.js';
import { Crypto } from '@peculiar/webcrypto';
import { type PrivateJwk, publicJwk } from './keys.js';
import { loadX509, type X509Module } from './x509.js';

// This module is imported only when certificates are issued (pki.ts imports it dynamically).
const x509 = await loadX509();
const webcrypto = new Crypto();
x509.cryptoProvider.set(webcrypto);

/** Digest used in a certificate signature (`sha384WithRSAEncryption`, `ecdsa-with-SHA256`, ...). */
export type SignatureHash = 'SHA-1' | 'SHA-256' | 'SHA-384';

const NODE_HASH: Record<SignatureHash, string> = {
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
};

/** Private EC scalars of imported signing keys, for deterministic ECDSA. */
const ecScalars = new WeakMap<CryptoKey, { curve: string; d: Uint8Array }>();
const importedKeys = new Map<string, Promise<CryptoKey>>();

function importSigningKey(jwk: PrivateJwk, hash: SignatureHash): Promise<CryptoKey> {
  const id = `${jwk.kty}:${jwk.n ?? jwk.x}:${hash}`;
  let key = importedKeys.get(id);
  if (!key) {
    key = (async () => {
      if (jwk.kty === 'RSA') {
        return webcrypto.subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['sign']);
      }
      const imported = await webcrypto.subtle.importKey(
        'jwk',
        jwk,
        { name: 'ECDSA', namedCurve: jwk.crv as string },
        false,
        ['sign'],
      );
      ecScalars.set(imported, { curve: jwk.crv as string, d: Buffer.from(jwk.d, 'base64url') });
      return imported;
    })();
    importedKeys.set(id, key);
  }
  return key;
}

/** A Crypto whose `subtle.sign` uses RFC 6979 for ECDSA keys and WebCrypto for the rest. */
const deterministicCrypto: Crypto = (() => {
  const subtle = new Proxy(webcrypto.subtle, {
    get(target, property) {
      if (property === 'sign') {
        return async (algorithm: EcdsaParams, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer> => {
          const ec = ecScalars.get(key);
          if (!ec) return target.sign(algorithm, key, data);
          const hashName = (
            typeof algorithm.hash === 'string' ? algorithm.hash : algorithm.hash.name
          ) as SignatureHash;
          const bytes = ArrayBuffer.isView(data)
            ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
            : new Uint8Array(data);
          const digest = createHash(NODE_HASH[hashName]).update(bytes).digest();
          const curve = ec.curve === 'P-384' ? p384 : p256;
          const signature = curve.sign(digest, ec.d, { prehash: false }); // r || s, as WebCrypto returns
          return signature.slice().buffer;
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return Object.assign(Object.create(webcrypto) as Crypto, {
    subtle,
    getRandomValues: webcrypto.getRandomValues.bind(webcrypto),
  });
})();

/** SubjectPublicKeyInfo DER of a key. */
function spkiDer(jwk: PrivateJwk): Uint8Array<ArrayBuffer> {
  return new Uint8Array(
    createPublicKey({ key: publicJwk(jwk), format: 'jwk' }).export({ type: 'spki', format: 'der' }),
  );
}

/** RFC 5280 §4.2.1.2 method (1) key identifier (SHA-1 of the subjectPublicKey bits), hex. */
export async function keyIdentifier(jwk: PrivateJwk): Promise<string> {
  const key = await x509.PublicKey.create(spkiDer(jwk));
  return Buffer.from(await key.getKeyIdentifier()).toString('hex');
}

/** Everything needed to issue one certificate. */
export interface IssueParams {
  readonly subject: X509Module.JsonName;
  readonly issuer: X509Module.JsonName;
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subjectKey: PrivateJwk;
  readonly issuerKey: PrivateJwk;
  readonly hash: SignatureHash;
  readonly extensions: readonly X509Module.Extension[];
}

/**
 * Issues a certificate deterministically: same inputs, same DER.
 * @example
 * ```ts
 * const cert = await issueCertificate({ subject, issuer: subject, subjectKey: k, issuerKey: k, ... });
 * cert.toString('pem');
 * ```
 */
export async function issueCertificate(params: IssueParams): Promise<X509Module.X509Certificate> {
  const signingKey = await importSigningKey(params.issuerKey, params.hash);
  const signingAlgorithm =
    params.issuerKey.kty === 'RSA'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: params.hash }
      : { name: 'ECDSA', hash: params.hash };
  return x509.X509CertificateGenerator.create(
    {
      subject: params.subject,
      issuer: params.issuer,
      serialNumber: params.serialNumber,
      notBefore: params.notBefore,
      notAfter: params.notAfter,
      publicKey: spkiDer(params.subjectKey),
      signingKey,
      signingAlgorithm,
      extensions: [...params.extensions],
    },
    deterministicCrypto,
  );
}
