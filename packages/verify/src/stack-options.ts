// The verifyChain options that make a device profile agree with its TLS stack on usages,
// critical extensions, the end of the validity period and algorithms (issue 12), and how each
// becomes request bits (abi.json: RequestFlag, LeafKeyUsage, EkuScope, CriticalExtBit,
// AlgorithmBit). Each option's default is verifyChain's own rule: a request with none of them is
// byte for byte the request of a call without a profile. Options only ever model a stack; the
// no-clock prediction bit is not among them (predict-device.ts sets it, verifyChain never does).
import {
  AlgorithmBit,
  CriticalExtBit,
  EkuScope,
  ExtBit,
  LeafKeyUsage,
  RequestFlag,
} from './abi.generated.js';
import { optionError, optionLookup } from './option-table.js';

/** What a leaf keyUsage extension, when present, must allow (see {@link StackOptions.leafKeyUsage}). */
export type LeafKeyUsageRule = 'ignore' | 'digital-signature' | 'signature' | 'tls-any';

/** Extension types a stack may understand when critical (see {@link StackOptions.criticalExtensions}). */
export type CriticalExtensionType =
  | 'basicConstraints'
  | 'keyUsage'
  | 'extKeyUsage'
  | 'subjectAltName'
  | 'nameConstraints'
  | 'authorityKeyIdentifier'
  | 'subjectKeyIdentifier'
  | 'certificatePolicies'
  | 'certificatePolicies/anyPolicy-only'
  | 'certificatePolicies/cps-qualifiers-only'
  | 'authorityInfoAccess'
  | 'cRLDistributionPoints'
  | 'policyMappings'
  | 'policyConstraints'
  | 'inhibitAnyPolicy'
  | 'issuerAltName'
  | 'nsCertType';

/** Key and signature algorithms a stack verifies (see {@link StackOptions.signatureAlgorithms}). */
export type SignatureAlgorithmName =
  | 'rsa-pss'
  | 'rsa-pss-by-anchor'
  | 'ecdsa-p256'
  | 'ecdsa-p384'
  | 'ecdsa-p521'
  | 'ed25519';

/** The usage, extension, validity and algorithm options of verifyChain (device profiles set them). */
export interface StackOptions {
  /**
   * What the leaf keyUsage, when present, must allow for the TLS handshake: `ignore` (default: RFC
   * 5280 path validation does not look), `digital-signature` (mbedTLS, ECDHE suites),
   * `signature` (digitalSignature or nonRepudiation: BearSSL), `tls-any` (digitalSignature,
   * keyEncipherment or keyAgreement: OpenSSL).
   */
  leafKeyUsage?: LeafKeyUsageRule;
  /** Whether an issuer's keyUsage, when present, must assert keyCertSign: `enforce` (default) or `ignore` (wolfSSL 5.5). */
  issuerKeyUsage?: 'enforce' | 'ignore';
  /** Whose extendedKeyUsage must allow the purpose: `chain` (default: every certificate listing EKUs), `leaf` (mbedTLS, wolfSSL), `none` (BearSSL). */
  ekuScope?: 'chain' | 'leaf' | 'none';
  /** Whether anyExtendedKeyUsage stands for the purpose (default true; false: OpenSSL, rustls-webpki). */
  anyExtendedKeyUsage?: boolean;
  /**
   * The extension types the stack understands when critical (default: the verifier's own set). A
   * critical extension outside the list rejects the certificate (UNKNOWN_CRITICAL_EXTENSION); the
   * verifier still refuses what it does not process itself (unknown types, and the policy
   * extensions `policyProcessing` leaves unprocessed), whatever the list says; `nsCertType` is the
   * one unknown type a list may allow.
   */
  criticalExtensions?: readonly CriticalExtensionType[];
  /** `inclusive` (default, RFC 5280 §4.1.2.5): valid during the notAfter second; `exclusive`: expired at it (OpenSSL). */
  validityEnd?: 'inclusive' | 'exclusive';
  /**
   * The key and signature algorithms the stack verifies besides RSA with PKCS#1 v1.5, which every
   * stack verifies (default: every one the verifier supports). A key or signature outside the
   * list is UNSUPPORTED_ALGORITHM. `rsa-pss-by-anchor`: RSASSA-PSS signatures made by a trust
   * anchor's key (absent for ESP-IDF's bundle check).
   */
  signatureAlgorithms?: readonly SignatureAlgorithmName[];
}

const LEAF_KU: Record<LeafKeyUsageRule, number> = {
  ignore: LeafKeyUsage.IGNORE,
  'digital-signature': LeafKeyUsage.DIGITAL_SIGNATURE,
  signature: LeafKeyUsage.SIGNATURE,
  'tls-any': LeafKeyUsage.TLS_ANY,
};

const EKU_SCOPE = { chain: EkuScope.CHAIN, leaf: EkuScope.LEAF, none: EkuScope.NONE } as const;

const CRITICAL: Record<CriticalExtensionType, number> = {
  basicConstraints: ExtBit.BASIC_CONSTRAINTS,
  keyUsage: ExtBit.KEY_USAGE,
  extKeyUsage: ExtBit.EXT_KEY_USAGE,
  subjectAltName: ExtBit.SAN,
  nameConstraints: ExtBit.NAME_CONSTRAINTS,
  authorityKeyIdentifier: ExtBit.AKI,
  subjectKeyIdentifier: ExtBit.SKI,
  certificatePolicies: ExtBit.CERT_POLICIES,
  'certificatePolicies/anyPolicy-only': ExtBit.CERT_POLICIES | CriticalExtBit.POLICIES_ANY_POLICY_ONLY,
  'certificatePolicies/cps-qualifiers-only': ExtBit.CERT_POLICIES | CriticalExtBit.POLICIES_CPS_ONLY,
  authorityInfoAccess: ExtBit.AIA,
  cRLDistributionPoints: ExtBit.CRL_DP,
  policyMappings: ExtBit.POLICY_MAPPINGS,
  policyConstraints: ExtBit.POLICY_CONSTRAINTS,
  inhibitAnyPolicy: ExtBit.INHIBIT_ANY_POLICY,
  issuerAltName: ExtBit.ISSUER_ALT_NAME,
  nsCertType: CriticalExtBit.NS_CERT_TYPE,
};

const ALGORITHMS: Record<SignatureAlgorithmName, number> = {
  'rsa-pss': AlgorithmBit.RSA_PSS,
  'rsa-pss-by-anchor': AlgorithmBit.RSA_PSS_BY_ANCHOR,
  'ecdsa-p256': AlgorithmBit.ECDSA_P256,
  'ecdsa-p384': AlgorithmBit.ECDSA_P384,
  'ecdsa-p521': AlgorithmBit.ECDSA_P521,
  ed25519: AlgorithmBit.ED25519,
};

/** The request words of {@link StackOptions}: flag bits and the four appended fields. */
export interface StackRequest {
  flags: number;
  leafKeyUsage: number;
  ekuScope: number;
  criticalExtensions: number;
  algorithms: number;
}

function pick(table: Readonly<Record<string, number>>, v: unknown, what: string): number {
  const id = optionLookup(table, v);
  if (id === undefined) throw new TypeError(optionError(what, table));
  return id;
}

function set<T extends string>(
  table: Readonly<Record<T, number>>,
  list: readonly T[],
  explicit: number,
  what: string,
): number {
  if (!Array.isArray(list)) throw new TypeError(`${what} must be an array`);
  return list.reduce((bits, v) => (bits | pick(table, v, `${what}[]`)) >>> 0, explicit);
}

/**
 * The request bits of the options (0 everywhere for options left out).
 * @throws TypeError for a value outside an option's list (verifyChain reports INVALID_ARGUMENT).
 */
export function stackRequest(o: StackOptions): StackRequest {
  let flags = 0;
  if (o.issuerKeyUsage !== undefined && pick({ enforce: 0, ignore: 1 }, o.issuerKeyUsage, 'issuerKeyUsage'))
    flags |= RequestFlag.IGNORE_ISSUER_KEY_USAGE;
  if (o.anyExtendedKeyUsage !== undefined) {
    if (typeof o.anyExtendedKeyUsage !== 'boolean')
      throw new TypeError('anyExtendedKeyUsage must be a boolean');
    if (!o.anyExtendedKeyUsage) flags |= RequestFlag.NO_ANY_EKU;
  }
  if (o.validityEnd !== undefined && pick({ inclusive: 0, exclusive: 1 }, o.validityEnd, 'validityEnd'))
    flags |= RequestFlag.VALIDITY_END_EXCLUSIVE;
  return {
    flags,
    leafKeyUsage: o.leafKeyUsage === undefined ? 0 : pick(LEAF_KU, o.leafKeyUsage, 'leafKeyUsage'),
    ekuScope: o.ekuScope === undefined ? 0 : pick(EKU_SCOPE, o.ekuScope, 'ekuScope'),
    criticalExtensions:
      o.criticalExtensions === undefined
        ? 0
        : set(CRITICAL, o.criticalExtensions, CriticalExtBit.EXPLICIT, 'criticalExtensions'),
    algorithms:
      o.signatureAlgorithms === undefined
        ? 0
        : set(ALGORITHMS, o.signatureAlgorithms, AlgorithmBit.EXPLICIT, 'signatureAlgorithms'),
  };
}
