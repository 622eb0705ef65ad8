// The verifyChain request as a standalone byte string, written from the layout documented in
// assembly/path/request.ts (and in the README's "Embedding verify.wasm"), the way a non-JS host
// writes it. Independent of src/verify-chain.ts on purpose: the runtimes test requires the same
// verdict from both encoders on every chain, which checks the documented layout against the API.

import { splitPem } from '../src/pem.js';
import type { VerifyChainOptions } from '../src/verify-chain.js';

const VERSION = 1;
const HEADER = 124;
const FLAG_ALLOW_SHA1 = 1 << 0;
const FLAG_IGNORE_ANCHOR_EXPIRY = 1 << 1;
const FLAG_REQUIRE_ORDERED = 1 << 2;
const FLAG_NC_REJECT_IF_CRITICAL = 1 << 3;
const FLAG_LENIENT_PROFILE = 1 << 4;
const FLAG_IGNORE_ISSUER_KEY_USAGE = 1 << 5;
const FLAG_NO_ANY_EKU = 1 << 6;
const FLAG_VALIDITY_END_EXCLUSIVE = 1 << 7;
const LEAF_KEY_USAGE = { ignore: 0, 'digital-signature': 1, signature: 2, 'tls-any': 3 } as const;
const EKU_SCOPE = { chain: 0, leaf: 1, none: 2 } as const;
const CRITICAL_EXPLICIT = 1 << 30;
const CRITICAL_BITS: Record<string, number> = {
  basicConstraints: 1,
  keyUsage: 2,
  extKeyUsage: 4,
  subjectAltName: 8,
  nameConstraints: 16,
  authorityKeyIdentifier: 32,
  subjectKeyIdentifier: 64,
  certificatePolicies: 128,
  'certificatePolicies/anyPolicy-only': 128 | (1 << 17),
  'certificatePolicies/cps-qualifiers-only': 128 | (1 << 18),
  authorityInfoAccess: 256,
  cRLDistributionPoints: 512,
  policyMappings: 1024,
  policyConstraints: 2048,
  inhibitAnyPolicy: 4096,
  issuerAltName: 8192,
  nsCertType: 1 << 16,
};
const ALGORITHM_EXPLICIT = 1 << 30;
const ALGORITHM_BITS: Record<string, number> = {
  'rsa-pss': 1,
  'rsa-pss-by-anchor': 2,
  'ecdsa-p256': 4,
  'ecdsa-p384': 8,
  ed25519: 16,
  'ecdsa-p521': 32,
};
const FLAG_ISSUANCE_RULES = 1 << 9;
const PURPOSES = { serverAuth: 0, clientAuth: 1, any: 2 } as const;
const NAME_DNS = 1;
const NAME_IP = 2;
const NAME_EMAIL = 3;

function ders(x: VerifyChainOptions['intermediates']): Uint8Array[] {
  if (x === undefined) return [];
  const list = typeof x === 'string' || x instanceof Uint8Array ? [x] : x;
  return list.flatMap((c) => (typeof c === 'string' ? splitPem(c) : [c]));
}

/**
 * Encodes options as the request verifyChain(req, len) reads: a 124-byte header, a table of
 * (offset, length) pairs (leaf, intermediates, roots), then the DER certificates and the peer name.
 * Only what the options hold is set; every other field is 0 (= the module's default).
 * @throws Error for options a request cannot carry (no leaf or roots, bad time)
 */
export function encodeChainRequest(o: VerifyChainOptions): Uint8Array {
  const [leaf, ...sent] = ders(o.leaf);
  if (!leaf) throw new Error('no leaf');
  const intermediates = [...ders(o.intermediates), ...sent];
  const roots = ders(o.roots);
  const certs = [leaf, ...intermediates, ...roots];
  let name: { kind: number; bytes: Uint8Array } | undefined;
  if (o.email !== undefined) name = { kind: NAME_EMAIL, bytes: new TextEncoder().encode(o.email) };
  else if (o.hostname !== undefined) {
    // An IP address is given as text too (v4 dotted, v6 with ':'; brackets removed).
    const host = o.hostname.replace(/^\[(.*)\]$/, '$1');
    const ip = host.includes(':') || /^[0-9.]+$/.test(host);
    name = { kind: ip ? NAME_IP : NAME_DNS, bytes: new TextEncoder().encode(host) };
  }
  const table = HEADER + 8 * certs.length;
  const len = table + certs.reduce((n, c) => n + c.length, 0) + (name?.bytes.length ?? 0);
  const out = new Uint8Array(len);
  const dv = new DataView(out.buffer);
  const put = (at: number, v: number) => dv.setUint32(at, v, true);
  const ms = o.time === undefined ? Date.now() : o.time instanceof Date ? o.time.getTime() : o.time;
  if (!Number.isFinite(ms)) throw new Error('bad time');
  let flags = 0;
  if (o.allowSha1) flags |= FLAG_ALLOW_SHA1;
  if (o.enforceAnchorExpiry === false) flags |= FLAG_IGNORE_ANCHOR_EXPIRY;
  if (o.requireOrderedChain) flags |= FLAG_REQUIRE_ORDERED;
  if (o.nameConstraints === 'reject-if-critical') flags |= FLAG_NC_REJECT_IF_CRITICAL;
  if (o.strictProfile === false) flags |= FLAG_LENIENT_PROFILE;
  if (o.issuerKeyUsage === 'ignore') flags |= FLAG_IGNORE_ISSUER_KEY_USAGE;
  if (o.anyExtendedKeyUsage === false) flags |= FLAG_NO_ANY_EKU;
  if (o.validityEnd === 'exclusive') flags |= FLAG_VALIDITY_END_EXCLUSIVE;
  const bits = (list: readonly string[] | undefined, table: Record<string, number>, explicit: number) =>
    list === undefined ? 0 : list.reduce((b, n) => (b | (table[n] ?? 0)) >>> 0, explicit);
  if (o.issuanceRules === true) flags |= FLAG_ISSUANCE_RULES;
  put(0, VERSION);
  put(4, intermediates.length);
  put(8, roots.length);
  put(12, flags);
  put(16, PURPOSES[o.purpose ?? 'serverAuth']);
  put(20, o.maxDepth ?? 0xffffffff); // ~0: the default depth
  put(24, o.minRsaBits ?? 0);
  dv.setBigInt64(28, BigInt(Math.floor(ms / 1000)), true);
  put(48, o.budget?.signatureChecks ?? 0);
  put(52, o.budget?.buildCalls ?? 0);
  put(56, o.budget?.nameConstraintComparisons ?? 0);
  // 60: reserved; 64: chainOptions (path-building and anchor rules; 0 = the module's own);
  // 68-87: name rules (nameChaining, host names, name constraints; 0 = RFC 5280 and RFC 9525).
  // 88-103: usage, critical-extension and algorithm options (0 = the module's own rules);
  // 104: publicSuffixLabels (the issuance rules' wildcard test).
  put(88, LEAF_KEY_USAGE[o.leafKeyUsage ?? 'ignore']);
  put(92, EKU_SCOPE[o.ekuScope ?? 'chain']);
  put(96, bits(o.criticalExtensions, CRITICAL_BITS, CRITICAL_EXPLICIT));
  put(100, bits(o.signatureAlgorithms, ALGORITHM_BITS, ALGORITHM_EXPLICIT));
  let at = table;
  certs.forEach((der, i) => {
    put(HEADER + 8 * i, at);
    put(HEADER + 8 * i + 4, der.length);
    out.set(der, at);
    at += der.length;
  });
  if (name) {
    put(36, name.kind);
    put(40, at);
    put(44, name.bytes.length);
    out.set(name.bytes, at);
    if (o.issuanceRules === true && name.kind === NAME_DNS) {
      // Labels of the name's public suffix, as the caller's lookup reports it (0: unknown).
      const suffix = o.publicSuffix?.(new TextDecoder().decode(name.bytes).replace(/\.$/, ''));
      put(104, suffix ? suffix.split('.').length : 0);
    }
  }
  return out;
}
