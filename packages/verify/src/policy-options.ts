// Certificate-policy options and results of verifyChain: the inputs of RFC 5280 §6.1.1 (c)(e)(f)(g)
// as request fields and flags, and the valid policy sets of RFC 9618 §4.4 (g) read back from the
// result. The processing itself is in the wasm (assembly/path/policy.ts).
import { PolicyFlag, RESULT_LAYOUT as RES, RequestFlag } from './abi.generated.js';
import { oidText } from './x509-text.js';

/** anyPolicy (RFC 5280 §4.2.1.4). */
export const ANY_POLICY = '2.5.29.32.0';

/** The relying party's policy inputs (RFC 5280 §6.1.1). */
export interface PolicyOptions {
  /**
   * user-initial-policy-set: the policies (dotted OIDs) acceptable to the caller, in the trust
   * anchor's policy domain. Absent, empty or holding `2.5.29.32.0`: any policy.
   */
  acceptable?: readonly string[];
  /** initial-explicit-policy: the path must be valid for at least one acceptable policy (default false). */
  requireExplicit?: boolean;
  /** initial-policy-mapping-inhibit: policyMappings are not followed (default false). */
  inhibitMapping?: boolean;
  /** initial-any-policy-inhibit: anyPolicy in a certificate matches nothing (default false). */
  inhibitAnyPolicy?: boolean;
}

/**
 * How certificate policies are handled: `rfc5280` (default) processes them (RFC 5280 §6.1,
 * critical or not); the others model stacks that do not: `ignore` accepts critical policy
 * extensions unprocessed (OpenSSL without X509_V_FLAG_POLICY_CHECK), `ignore-except-critical-mappings`
 * likewise but rejects a critical policyMappings (wolfSSL), `reject-if-critical` rejects a
 * critical policyMappings, policyConstraints or inhibitAnyPolicy (mbedTLS, BearSSL, webpki).
 */
export type PolicyProcessing =
  | 'rfc5280'
  | 'ignore'
  | 'ignore-except-critical-mappings'
  | 'reject-if-critical';

/** The policies a validated path is good for (RFC 9618 §4.4 (g)); anyPolicy appears as `2.5.29.32.0`. */
export interface ValidPolicies {
  /** authorities-constrained-policy-set: what the CAs of the path allow. */
  authoritiesConstrained: string[];
  /** user-constrained-policy-set: those of them the caller accepts (see `policies.acceptable`). */
  userConstrained: string[];
}

/** DER OBJECT IDENTIFIER (tag, length, contents) of a dotted OID, or undefined when it is not one. */
export function oidDer(dotted: string): Uint8Array | undefined {
  if (!/^[0-2](\.(0|[1-9][0-9]*))+$/.test(dotted)) return undefined;
  const arcs = dotted.split('.').map((a) => BigInt(a));
  const [a0 = 0n, a1 = 0n, ...rest] = arcs;
  if (a0 < 2n && a1 > 39n) return undefined;
  const out: number[] = [];
  for (const arc of [a0 * 40n + a1, ...rest]) {
    const bytes = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) bytes.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...bytes);
  }
  if (out.length > 127) return undefined;
  return Uint8Array.of(0x06, out.length, ...out);
}

/** The acceptable set as the request carries it (DER OIDs back to back); empty for "any". */
export function acceptableDer(options: PolicyOptions | undefined): Uint8Array | string {
  const list = options?.acceptable ?? [];
  if (list.includes(ANY_POLICY)) return new Uint8Array();
  const parts: Uint8Array[] = [];
  for (const oid of list) {
    const der = typeof oid === 'string' ? oidDer(oid) : undefined;
    if (!der) return `policies.acceptable: ${String(oid)} is not a dotted object identifier`;
    parts.push(der);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** RequestFlag bits of the policy options, or an error message. */
export function policyFlags(
  options: PolicyOptions | undefined,
  processing: PolicyProcessing | undefined,
): number | string {
  let flags = 0;
  if (options?.requireExplicit) flags |= RequestFlag.POLICY_EXPLICIT;
  if (options?.inhibitMapping) flags |= RequestFlag.POLICY_INHIBIT_MAPPING;
  if (options?.inhibitAnyPolicy) flags |= RequestFlag.POLICY_INHIBIT_ANY;
  switch (processing ?? 'rfc5280') {
    case 'rfc5280':
      return flags;
    case 'ignore':
      return flags | RequestFlag.POLICY_IGNORE;
    case 'ignore-except-critical-mappings':
      return flags | RequestFlag.POLICY_IGNORE | RequestFlag.POLICY_REJECT_CRITICAL_MAPPINGS;
    case 'reject-if-critical':
      return flags | RequestFlag.POLICY_REJECT_CRITICAL;
    default:
      return `policyProcessing must be 'rfc5280', 'ignore', 'ignore-except-critical-mappings' or 'reject-if-critical'`;
  }
}

function oidTable(mem: Uint8Array, dv: DataView, req: number, table: number, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const off = req + dv.getUint32(req + table + i * 8, true);
    out.push(oidText(mem, off, off + dv.getUint32(req + table + i * 8 + 4, true)));
  }
  return out;
}

/** The valid policy sets of a successful verifyChain result at `r` (request at `req`), if processed. */
export function readValidPolicies(
  mem: Uint8Array,
  dv: DataView,
  req: number,
  r: number,
): ValidPolicies | undefined {
  const flags = dv.getUint32(r + RES.policyFlags[0], true);
  if ((flags & PolicyFlag.PROCESSED) === 0) return undefined;
  const u32 = (f: readonly [number, ...unknown[]]) => dv.getUint32(r + f[0], true);
  const authority = oidTable(mem, dv, req, u32(RES.authorityPolicyTable), u32(RES.authorityPolicyCount));
  const user = oidTable(mem, dv, req, u32(RES.userPolicyTable), u32(RES.userPolicyCount));
  if (flags & PolicyFlag.AUTHORITY_ANY) authority.push(ANY_POLICY);
  if (flags & PolicyFlag.USER_ANY) user.push(ANY_POLICY);
  return { authoritiesConstrained: authority, userConstrained: user };
}
