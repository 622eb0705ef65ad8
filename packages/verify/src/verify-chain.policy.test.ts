// Certificate policies (RFC 5280 §6.1.2-6.1.5 with the RFC 9618 policy graph) on generated
// chains: each case is built from the RFC's steps, not from a suite's expectations.

import {
  concat,
  ctxPrim,
  ext,
  type Issued,
  int,
  intermediate,
  leaf,
  oid,
  root,
  seq,
} from '@hubtrust/test-pki';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, run } from '../test/chain-run.js';
import { errorDetail } from './errors.js';
import type { VerifyChainOptions } from './verify-chain.js';
import { initSync } from './wasm.js';

beforeAll(() => initSync());

const ANY = '2.5.29.32.0';
const P1 = '1.3.6.1.4.1.55555.9.1';
const P2 = '1.3.6.1.4.1.55555.9.2';
const P3 = '1.3.6.1.4.1.55555.9.3';

/** certificatePolicies with the given OIDs (critical by default: what government PKIs do). */
const policies = (oids: string[], critical = true) =>
  ext('2.5.29.32', critical, seq(...oids.map((o) => seq(oid(o)))));
/** policyConstraints { requireExplicitPolicy [0], inhibitPolicyMapping [1] }, critical. */
const constraints = (require?: number, inhibit?: number) =>
  ext(
    '2.5.29.36',
    true,
    seq(
      ...(require === undefined ? [] : [ctxPrim(0, Uint8Array.of(require))]),
      ...(inhibit === undefined ? [] : [ctxPrim(1, Uint8Array.of(inhibit))]),
    ),
  );
/** policyMappings, critical. */
const mappings = (pairs: [string, string][]) =>
  ext('2.5.29.33', true, seq(...pairs.map(([a, b]) => seq(oid(a), oid(b)))));
/** inhibitAnyPolicy, critical. */
const inhibitAny = (n: number) => ext('2.5.29.54', true, int(n));

function chain(icaExts: Uint8Array[], leafExts: Uint8Array[], rootExts: Uint8Array[] = []) {
  const r = root({ cn: 'Policy Root', extensions: rootExts });
  const ica = intermediate(r, { cn: 'Policy ICA', extensions: icaExts });
  const ee = leaf(ica, { cn: 'example.com', extensions: leafExts });
  return { leaf: ee.der, intermediates: [ica.der], roots: [r.der] };
}

function verdict(o: Partial<VerifyChainOptions> & Pick<VerifyChainOptions, 'leaf' | 'roots'>) {
  const res = run(o);
  if (res.ok) return { code: 'OK', policies: res.policies };
  return { code: res.error.code, detail: res.error.reason?.name, index: res.error.certIndex };
}

describe('certificate policies (RFC 5280 §6.1)', () => {
  it('accepts critical certificatePolicies, policyConstraints and inhibitAnyPolicy and reports the valid set', () => {
    const c = chain([policies([P1, P2]), constraints(0), inhibitAny(0)], [policies([P1])]);
    const v = verdict(c);
    expect(v.code).toBe('OK');
    expect(v.policies).toEqual({ authoritiesConstrained: [P1], userConstrained: [P1] });
  });

  it('requireExplicitPolicy 0 in the intermediate: a leaf without a valid policy fails (§6.1.3 (f))', () => {
    expect(verdict(chain([policies([P1]), constraints(0)], []))).toMatchObject({
      code: 'POLICY_VIOLATION',
      detail: 'POLICY_EXPLICIT',
      index: 0,
    });
    // A policy the intermediate does not allow is no better.
    expect(verdict(chain([policies([P1]), constraints(0)], [policies([P2])])).code).toBe('POLICY_VIOLATION');
  });

  it('without any explicit-policy requirement, a path with no common policy is valid with empty sets', () => {
    const v = verdict(chain([policies([P1])], [policies([P2])]));
    expect(v).toEqual({ code: 'OK', policies: { authoritiesConstrained: [], userConstrained: [] } });
  });

  it('requireExplicitPolicy counts certificates: 1 in the intermediate still allows the leaf to lack policies', () => {
    // explicit_policy = 1 after the intermediate; the leaf's (f) check sees 1, wrap-up (a) makes it
    // 0 and (g) finds the graph NULL: fails. With 2 it stays positive.
    expect(verdict(chain([policies([P1]), constraints(1)], [])).code).toBe('POLICY_VIOLATION');
    expect(verdict(chain([policies([P1]), constraints(2)], [])).code).toBe('OK');
  });

  it('the caller requires an explicit policy from an acceptable set (initial-explicit-policy, user-initial-policy-set)', () => {
    const c = chain([policies([P1, P2])], [policies([P1, P2])]);
    const accept = (acceptable: string[]) =>
      verdict({ ...c, policies: { acceptable, requireExplicit: true } });
    expect(accept([P2])).toEqual({
      code: 'OK',
      policies: { authoritiesConstrained: [P1, P2], userConstrained: [P2] },
    });
    expect(accept([P3])).toMatchObject({ code: 'POLICY_VIOLATION', detail: 'POLICY_USER_SET' });
    expect(verdict({ ...chain([], []), policies: { requireExplicit: true } })).toMatchObject({
      code: 'POLICY_VIOLATION',
      detail: 'POLICY_EXPLICIT',
    });
  });

  it('anyPolicy matches every policy unless inhibited (§6.1.3 (d)(2), inhibitAnyPolicy, initial-any-policy-inhibit)', () => {
    const c = chain([policies([ANY])], [policies([P1])]);
    expect(verdict({ ...c, policies: { requireExplicit: true } })).toEqual({
      code: 'OK',
      policies: { authoritiesConstrained: [P1], userConstrained: [P1] },
    });
    // anyPolicy in the leaf under anyPolicy in the intermediate: the sets are anyPolicy.
    const any = chain([policies([ANY])], [policies([ANY])]);
    expect(verdict({ ...any, policies: { requireExplicit: true, acceptable: [P3] } })).toEqual({
      code: 'OK',
      policies: { authoritiesConstrained: [ANY], userConstrained: [P3] },
    });
    expect(verdict({ ...any, policies: { requireExplicit: true, inhibitAnyPolicy: true } }).code).toBe(
      'POLICY_VIOLATION',
    );
    // The default acceptable set is anyPolicy: both sets are anyPolicy and nothing else, however
    // many calls ran before (a phantom user-set entry once read stale heap bytes as an OID).
    for (let i = 0; i < 3; i++) {
      run({ ...chain([], [policies([P1])]), roots: [root({ cn: `Other Root ${i}` }).der] });
      expect(verdict(any)).toEqual({
        code: 'OK',
        policies: { authoritiesConstrained: [ANY], userConstrained: [ANY] },
      });
    }
    // inhibitAnyPolicy 0 in the intermediate: the leaf's anyPolicy no longer counts.
    const inhibited = chain([policies([ANY]), inhibitAny(0)], [policies([ANY])]);
    expect(verdict({ ...inhibited, policies: { requireExplicit: true } }).code).toBe('POLICY_VIOLATION');
    expect(
      verdict({
        ...chain([policies([ANY]), inhibitAny(1)], [policies([ANY])]),
        policies: { requireExplicit: true },
      }).code,
    ).toBe('OK');
  });

  it('follows policyMappings into the subject domain and reports the anchor-domain policy (§6.1.4 (b))', () => {
    const c = chain([policies([P1]), mappings([[P1, P2]])], [policies([P2])]);
    expect(verdict({ ...c, policies: { acceptable: [P1], requireExplicit: true } })).toEqual({
      code: 'OK',
      policies: { authoritiesConstrained: [P1], userConstrained: [P1] },
    });
    expect(verdict({ ...c, policies: { acceptable: [P2], requireExplicit: true } }).code).toBe(
      'POLICY_VIOLATION',
    );
    const viaAny = chain([policies([ANY]), mappings([[P1, P2]])], [policies([P2])]);
    expect(verdict({ ...viaAny, policies: { acceptable: [P1], requireExplicit: true } })).toEqual({
      code: 'OK',
      policies: { authoritiesConstrained: [P1], userConstrained: [P1] },
    });
    // Inhibited mapping deletes the mapped node: nothing is left for P2.
    expect(
      verdict({ ...viaAny, policies: { acceptable: [P1], requireExplicit: true, inhibitMapping: true } })
        .code,
    ).toBe('POLICY_VIOLATION');
    // So does inhibitPolicyMapping 0 in the intermediate's own policyConstraints (it applies below it).
    const two = (() => {
      const r = root({ cn: 'Map Root' });
      const i1 = intermediate(r, { cn: 'Map I1', extensions: [policies([ANY]), constraints(undefined, 0)] });
      const i2 = intermediate(i1, { cn: 'Map I2', extensions: [policies([ANY]), mappings([[P1, P2]])] });
      const ee = leaf(i2, { cn: 'example.com', extensions: [policies([P2])] });
      return { leaf: ee.der, intermediates: [i1.der, i2.der], roots: [r.der] };
    })();
    expect(verdict({ ...two, policies: { acceptable: [P1], requireExplicit: true } }).code).toBe(
      'POLICY_VIOLATION',
    );
  });

  it('a mapping to or from anyPolicy rejects the path (§6.1.4 (a))', () => {
    const c = chain([policies([P1]), mappings([[ANY, P1]])], [policies([P1])]);
    expect(verdict(c)).toMatchObject({ code: 'POLICY_VIOLATION', detail: 'POLICY_MAPPING_ANY', index: 1 });
    expect(errorDetail(262).name).toBe('POLICY_MAPPING_ANY');
  });

  it("the trust anchor's own policy extensions are not processed (§6.1.1 (d))", () => {
    const c = chain([policies([P1])], [policies([P1])], [constraints(0, 0), inhibitAny(0)]);
    expect(verdict({ ...c, policies: { requireExplicit: true } }).code).toBe('OK');
  });

  it('profiles that do not process policies: ignore, reject-if-critical, wolfSSL mappings', () => {
    const c = chain([policies([P1]), constraints(0)], []);
    expect(verdict({ ...c, policyProcessing: 'ignore' })).toEqual({ code: 'OK', policies: undefined });
    expect(verdict({ ...c, policyProcessing: 'reject-if-critical' })).toMatchObject({
      code: 'UNKNOWN_CRITICAL_EXTENSION',
      detail: 'POLICY_CRITICAL',
    });
    const mapped = chain([policies([P1]), mappings([[P1, P2]])], []);
    expect(verdict({ ...mapped, policyProcessing: 'ignore-except-critical-mappings' }).code).toBe(
      'UNKNOWN_CRITICAL_EXTENSION',
    );
    expect(verdict({ ...c, policyProcessing: 'ignore-except-critical-mappings' }).code).toBe('OK');
    expect(verdict({ ...c, policyProcessing: 'bogus' as never }).code).toBe('INVALID_ARGUMENT');
    expect(verdict({ ...c, policies: { acceptable: ['not.an.oid'] } }).code).toBe('INVALID_ARGUMENT');
  });
});

describe('certificate policies: hostile input ends within budget with a typed error', () => {
  const many = (n: number, prefix = '1.3.6.1.4.1.55555.7') =>
    Array.from({ length: n }, (_, i) => `${prefix}.${i}`);

  it('thousands of policies under anyPolicy exhaust the node budget (default 1,000, OpenSSL)', () => {
    const c = chain([policies([ANY])], [policies(many(3000))]);
    const res = run(c);
    expect(res.ok).toBe(false);
    if (!res.ok)
      expect([res.error.code, res.error.reason?.name]).toEqual(['BUDGET_EXCEEDED', 'BUDGET_POLICY_NODES']);
    // The same chain with a larger budget validates, and reports what it used.
    const big = run({ ...c, budget: { policyNodes: 10_000, policyComparisons: 20_000_000 } });
    expect(codeOf(big)).toBe('OK');
    if (big.ok) {
      expect(big.policies?.authoritiesConstrained.length).toBe(3000);
      expect(big.work.policyNodes).toBeGreaterThan(6000);
    }
  });

  it('a web of mappings (every policy to every other, in every intermediate) stays bounded', () => {
    const ps = many(30, '1.3.6.1.4.1.55555.8');
    const web = mappings(ps.flatMap((a) => ps.filter((b) => b !== a).map((b): [string, string] => [a, b])));
    let issuer: Issued = root({ cn: 'Web Root' });
    const rootDer = issuer.der;
    const ints: Uint8Array[] = [];
    for (let i = 0; i < 6; i++) {
      issuer = intermediate(issuer, { cn: `Web I${i}`, extensions: [policies(ps), web] });
      ints.push(issuer.der);
    }
    const ee = leaf(issuer, { cn: 'example.com', extensions: [policies(ps)] });
    const res = run({
      leaf: ee.der,
      intermediates: ints,
      roots: [rootDer],
      policies: { requireExplicit: true },
    });
    // 31 nodes per level but 30 x 29 edges: the graph budget ends it, typed.
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('BUDGET_EXCEEDED');
    const cheap = run({
      leaf: ee.der,
      intermediates: ints,
      roots: [rootDer],
      policies: { requireExplicit: true },
      budget: { policyNodes: 20_000, policyComparisons: 100 },
    });
    expect(cheap.ok ? 'OK' : cheap.error.reason?.name).toBe('BUDGET_POLICY_COMPARISONS');
  });

  it('a mapping loop (A to B and B to A in every certificate) ends with the right answer', () => {
    const loop = mappings([
      [P1, P2],
      [P2, P1],
    ]);
    let issuer: Issued = root({ cn: 'Loop Root' });
    const rootDer = issuer.der;
    const ints: Uint8Array[] = [];
    for (let i = 0; i < 5; i++) {
      issuer = intermediate(issuer, { cn: `Loop I${i}`, extensions: [policies([P1, P2]), loop] });
      ints.push(issuer.der);
    }
    // Five swaps: P1 in the anchor domain is P2 at the leaf.
    const ee = leaf(issuer, { cn: 'example.com', extensions: [policies([P2])] });
    const v = verdict({
      leaf: ee.der,
      intermediates: ints,
      roots: [rootDer],
      policies: { requireExplicit: true, acceptable: [P1] },
    });
    expect(v.code).toBe('OK');
  });

  it('a malformed policy qualifier is MALFORMED, not skipped', () => {
    const bad = ext(
      '2.5.29.32',
      true,
      seq(seq(oid(P1), seq(seq(oid('1.3.6.1.5.5.7.2.1'), concat(Uint8Array.of(0x16, 0x05, 0x41)))))),
    );
    expect(verdict(chain([], [bad]))).toMatchObject({ code: 'MALFORMED', detail: 'EXT_CERT_POLICIES' });
  });
});
