// A minimal encoder of FORMAT.md updates for tests and benches (not published): header, fields in
// tag order, ECDSA P-256 signatures with node:crypto, normalised to low s. verify depends on nothing
// of ours, so it cannot use @hubtrust/roots' encoder; this one takes its fields as given (no
// sorting, no checks), so a test can also build updates that break the rules on purpose.
import { createHash, createPrivateKey, sign } from 'node:crypto';

const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** A P-256 private key as a JWK (test-data/updates/keys.json `privateJwk`). */
export interface TestKey {
  x: string;
  y: string;
  d: string;
}

/** The uncompressed point 04 ‖ X ‖ Y of a key. */
export function pointOf(key: TestKey): Uint8Array {
  return new Uint8Array(
    Buffer.concat([Buffer.from([4]), Buffer.from(key.x, 'base64url'), Buffer.from(key.y, 'base64url')]),
  );
}

/** r ‖ s over `body` with s ≤ (n − 1)/2. */
export function signLowS(key: TestKey, body: Uint8Array): Uint8Array {
  const jwk = { kty: 'EC', crv: 'P-256', ...key };
  const sig = sign('sha256', body, {
    key: createPrivateKey({ key: jwk, format: 'jwk' }),
    dsaEncoding: 'ieee-p1363',
  });
  const s = BigInt(`0x${sig.subarray(32).toString('hex')}`);
  if (s > N >> 1n) Buffer.from((N - s).toString(16).padStart(64, '0'), 'hex').copy(sig, 32);
  return new Uint8Array(sig);
}

/** One field: tag, 16-bit length, value. */
export function field(tag: number, value: Uint8Array): Uint8Array {
  const h = Buffer.alloc(3);
  h[0] = tag;
  h.writeUInt16BE(value.length, 1);
  return new Uint8Array(Buffer.concat([h, value]));
}

export interface EncodeInput {
  signer: TestKey;
  /** Encoded fields, in the order given (see field()). */
  fields: Uint8Array[];
  sequence?: number;
  notBefore?: bigint;
  notAfter?: bigint;
  /** Co-signs with this key (the NEXT_KEY signature). */
  nextSigner?: TestKey;
}

/** An update of FORMAT.md: the header, the fields, the signature(s). */
export function encodeUpdate(input: EncodeInput): Uint8Array {
  const fields = Buffer.concat(input.fields);
  const header = Buffer.alloc(64);
  header.write('HTBU', 0, 'latin1');
  header[4] = 1;
  header[5] = 1;
  header.writeUInt32BE(64 + fields.length, 8);
  header.writeUInt32BE(input.sequence ?? 7, 12);
  header.writeBigUInt64BE(input.notBefore ?? 1_790_000_000n, 16);
  header.writeBigUInt64BE(input.notAfter ?? 1_830_000_000n, 24);
  createHash('sha256').update(pointOf(input.signer)).digest().copy(header, 32);
  const body = new Uint8Array(Buffer.concat([header, fields]));
  const sigs = [
    signLowS(input.signer, body),
    ...(input.nextSigner ? [signLowS(input.nextSigner, body)] : []),
  ];
  return new Uint8Array(Buffer.concat([body, ...sigs]));
}
