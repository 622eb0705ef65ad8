// Azure IoT Hub shared access signature (SAS) tokens, as devices send them in the MQTT password:
//   SharedAccessSignature sr={url-encoded resource URI}&sig={url-encoded signature}&se={expiry}[&skn={policy}]
// signature = base64(HMAC-SHA256(base64-decoded key, "{url-encoded resource URI}\n{expiry}")).
// Source: Microsoft Learn, "Control access to IoT Hub with shared access signatures".
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Inputs of {@link createSasToken}. */
export interface SasTokenOptions {
  /** Resource URI, e.g. `myhub.azure-devices.net/devices/dev1`. */
  readonly resourceUri: string;
  /** The device or policy key, base64. */
  readonly key: string;
  /** Expiry time. */
  readonly expiresAt: Date;
  /** Shared access policy name (omit for device keys). */
  readonly policyName?: string;
}

/** Why a SAS token was refused by {@link verifySasToken}. */
export type SasRejection = 'malformed' | 'wrong-resource' | 'expired' | 'bad-signature';

function sign(key: string, encodedUri: string, expiry: number): string {
  return createHmac('sha256', Buffer.from(key, 'base64')).update(`${encodedUri}\n${expiry}`).digest('base64');
}

/**
 * Creates a SAS token the way the Azure IoT device SDKs do.
 * @example
 * ```ts
 * createSasToken({ resourceUri: 'hub.azure-devices.net/devices/d1', key, expiresAt: new Date(Date.now() + 3600e3) });
 * ```
 */
export function createSasToken(options: SasTokenOptions): string {
  const encodedUri = encodeURIComponent(options.resourceUri);
  const expiry = Math.floor(options.expiresAt.getTime() / 1000);
  const sig = encodeURIComponent(sign(options.key, encodedUri, expiry));
  const skn = options.policyName ? `&skn=${encodeURIComponent(options.policyName)}` : '';
  return `SharedAccessSignature sr=${encodedUri}&sig=${sig}&se=${expiry}${skn}`;
}

/**
 * Checks a SAS token against the expected resource URI and key at time `now`.
 * Resource URIs compare case-insensitively, as IoT Hub does for host names.
 * @returns `{ ok: true }` or `{ ok: false, reason }`
 */
export function verifySasToken(
  token: string,
  expected: { resourceUri: string; key: string; now?: Date },
): { ok: true } | { ok: false; reason: SasRejection } {
  const prefix = 'SharedAccessSignature ';
  if (!token.startsWith(prefix)) return { ok: false, reason: 'malformed' };
  const fields = new Map<string, string>();
  for (const part of token.slice(prefix.length).split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || fields.has(part.slice(0, eq))) return { ok: false, reason: 'malformed' };
    fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const sr = fields.get('sr');
  const sig = fields.get('sig');
  const se = fields.get('se');
  if (!sr || !sig || !se || !/^\d{1,12}$/.test(se)) return { ok: false, reason: 'malformed' };
  let resource: string;
  let signature: Buffer;
  try {
    resource = decodeURIComponent(sr);
    signature = Buffer.from(decodeURIComponent(sig), 'base64');
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (resource.toLowerCase() !== expected.resourceUri.toLowerCase())
    return { ok: false, reason: 'wrong-resource' };
  const expiry = Number(se);
  if (expiry * 1000 <= (expected.now ?? new Date()).getTime()) return { ok: false, reason: 'expired' };
  const want = Buffer.from(sign(expected.key, sr, expiry), 'base64');
  if (signature.length !== want.length || !timingSafeEqual(signature, want)) {
    return { ok: false, reason: 'bad-signature' };
  }
  return { ok: true };
}
