// The path-building and trust-anchor options of device profiles (chain-options.ts): each one
// changes a verdict the default rules give, in the direction of the stack it models, and the
// defaults set no option bit.
import { createHash, createPublicKey } from 'node:crypto';
import {
  buildCert,
  children,
  EXT,
  ext,
  type Issued,
  intermediate,
  key,
  leaf,
  name,
  octets,
  oid,
  readTlv,
  root,
  seq,
  T,
  utcTime,
} from '@hubtrust/test-pki';
import { beforeAll, describe, expect, it } from 'vitest';
import { chainOptionBits } from './chain-options.js';
import { type VerifyChainOptions, verifyChain } from './verify-chain.js';
import { initSync } from './wasm.js';

beforeAll(() => initSync());

const HOST = 'example.com';
const run = (o: Partial<VerifyChainOptions> & Pick<VerifyChainOptions, 'leaf' | 'roots'>) =>
  verifyChain({ time: T, hostname: HOST, ...o });
const code = (r: ReturnType<typeof verifyChain>) => (r.ok ? 'OK' : r.error.code);
const EXPIRED = { notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2025-01-01T00:00:00Z') };

/** R -> A -> B -> leaf. */
function chain3(o: { rootPathLen?: number } = {}) {
  const r = root(o.rootPathLen === undefined ? {} : { pathLen: o.rootPathLen });
  const a = intermediate(r);
  const b = intermediate(a);
  return { r, a, b, l: leaf(b) };
}

/** A subjectKeyIdentifier / authorityKeyIdentifier extension with the given key identifier. */
const skiExt = (id: Uint8Array) => ext(EXT.ski, false, octets(id));
const akiExt = (id: Uint8Array) => ext(EXT.aki, false, seq(Uint8Array.of(0x80, id.length, ...id)));

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING (unused-bits octet left out). */
function method1KeyId(i: Issued): Uint8Array {
  const spki = new Uint8Array(createPublicKey(i.key.privateKey).export({ type: 'spki', format: 'der' }));
  const bits = children(readTlv(spki)?.value ?? new Uint8Array())[1]?.value ?? new Uint8Array();
  return new Uint8Array(createHash('sha1').update(bits.subarray(1)).digest());
}

describe('chainOptionBits', () => {
  it('sets no bit for the defaults, spelled out or absent', () => {
    expect(chainOptionBits({})).toEqual({ bits: 0, anchorHasNoDates: false });
    const defaults = chainOptionBits({
      chainOrder: 'any',
      issuerSelection: 'search',
      issuerLookup: 'name',
      trustedLeaf: 'anchor-copy',
      anchorForm: 'certificate',
      anchorConstraints: 'enforce',
      anchorKeyPolicy: true,
      partialChain: true,
      sentCertificates: 'path-only',
      pathLenCountsSelfIssued: false,
      leafPathLen: 'ignore',
      pathLenOnAnchor: true,
    });
    expect(defaults).toEqual({ bits: 0, anchorHasNoDates: false });
  });

  it('refuses unknown values with INVALID_ARGUMENT', () => {
    const { r, a, b, l } = chain3();
    for (const bad of [
      { chainOrder: 'reversed' },
      { trustedLeaf: 'always' },
      { anchorKeyPolicy: 'no' },
      { issuerLookup: 'toString' },
    ]) {
      const res = run({ leaf: l.der, intermediates: [b.der, a.der], roots: [r.der], ...(bad as object) });
      expect(code(res), JSON.stringify(bad)).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('chainOrder', () => {
  it("'issuer-after-child' refuses an issuer sent before its child (mbedTLS, wolfSSL)", () => {
    const { r, a, b, l } = chain3();
    expect(code(run({ leaf: l.der, intermediates: [a.der, b.der], roots: [r.der] }))).toBe('OK');
    const o = { chainOrder: 'issuer-after-child' } as const;
    expect(code(run({ leaf: l.der, intermediates: [a.der, b.der], roots: [r.der], ...o }))).toBe(
      'UNKNOWN_ISSUER',
    );
    expect(code(run({ leaf: l.der, intermediates: [b.der, a.der], roots: [r.der], ...o }))).toBe('OK');
  });
});

describe('issuerSelection', () => {
  it("'first-match' takes the first same-name CA and never backtracks (mbedTLS)", () => {
    const r = root();
    const a = intermediate(r, { cn: 'Issuing CA' });
    const decoy = intermediate(r, { cn: 'Issuing CA', key: key('ed25519', 'decoy') });
    const l = leaf(a);
    const given = { leaf: l.der, intermediates: [decoy.der, a.der], roots: [r.der] };
    expect(code(run(given))).toBe('OK');
    expect(code(run({ ...given, issuerSelection: 'first-match' }))).toBe('BAD_SIGNATURE');
    expect(code(run({ ...given, intermediates: [a.der, decoy.der], issuerSelection: 'first-match' }))).toBe(
      'OK',
    );
  });

  it("'first-match' prefers a time-valid candidate to an earlier expired one", () => {
    const r = root();
    const a = intermediate(r, { cn: 'Issuing CA' });
    const old = intermediate(r, { cn: 'Issuing CA', key: a.key, ...EXPIRED });
    const l = leaf(a);
    const o = { issuerSelection: 'first-match', leaf: l.der, roots: [r.der] } as const;
    expect(code(run({ ...o, intermediates: [old.der, a.der] }))).toBe('OK');
    expect(code(run({ ...o, intermediates: [old.der] }))).toBe('EXPIRED');
  });

  it("'first-match' with no candidate at all reports the missing issuer (mbedTLS: NOT_TRUSTED), as the search does", () => {
    // The HIL board's case: the hub sends the leaf alone and no root has its issuer's name.
    const r = root();
    const other = root({ cn: 'Other Root' });
    const a = intermediate(r, { cn: 'Issuing CA' });
    const l = leaf(a);
    for (const issuerSelection of ['search', 'first-match'] as const) {
      const res = run({ issuerSelection, leaf: l.der, roots: [other.der, r.der] });
      expect(code(res)).toBe('UNKNOWN_ISSUER');
      expect(res.ok ? null : res.error.chain?.length).toBe(1);
    }
  });
});

describe('issuerLookup', () => {
  it("'key-identifier' drops a candidate whose SKI contradicts the child's AKI (OpenSSL)", () => {
    const r = root();
    const a = intermediate(r, { noSki: true, extensions: [skiExt(new Uint8Array(20).fill(7))] });
    const l = leaf(a);
    const given = { leaf: l.der, intermediates: [a.der], roots: [r.der], strictProfile: false };
    expect(code(run(given))).toBe('OK');
    expect(code(run({ ...given, issuerLookup: 'key-identifier' }))).toBe('UNKNOWN_ISSUER');
  });

  it("'key-identifier-computed' matches an issuer without SKI only by an RSA method-1 identifier (wolfSSL)", () => {
    const r = root();
    const rsa = intermediate(r, { key: key('rsa2048', 'no-ski'), noSki: true });
    const ec = intermediate(r, { key: key('p256', 'no-ski'), noSki: true });
    const lenient = { roots: [r.der], strictProfile: false };
    const viaMethod1 = leaf(rsa, { noAki: true, extensions: [akiExt(method1KeyId(rsa))] });
    const viaSpkiHash = leaf(rsa); // the builder's AKI: SHA-1 of the whole SPKI
    const ecLeaf = leaf(ec);
    for (const [l, i] of [
      [viaMethod1, rsa],
      [viaSpkiHash, rsa],
      [ecLeaf, ec],
    ] as const) {
      expect(code(run({ ...lenient, leaf: l.der, intermediates: [i.der] }))).toBe('OK');
      expect(
        code(run({ ...lenient, leaf: l.der, intermediates: [i.der], issuerLookup: 'key-identifier' })),
      ).toBe('OK');
    }
    const computed = { ...lenient, issuerLookup: 'key-identifier-computed' } as const;
    expect(code(run({ ...computed, leaf: viaMethod1.der, intermediates: [rsa.der] }))).toBe('OK');
    expect(code(run({ ...computed, leaf: viaSpkiHash.der, intermediates: [rsa.der] }))).toBe(
      'UNKNOWN_ISSUER',
    );
    expect(code(run({ ...computed, leaf: ecLeaf.der, intermediates: [ec.der] }))).toBe('UNKNOWN_ISSUER');
  });
});

describe('trustedLeaf', () => {
  const r = () => root();
  it('chooses which pinned leaves are trusted without an issuer', () => {
    const ca = r();
    const issued = leaf(ca);
    const self = leaf(ca, { noAki: true }); // re-signed below as its own issuer
    const selfSigned = root({ ca: null, keyUsage: ['digitalSignature'], key: self.key });
    const pinned = (l: Issued, trustedLeaf?: VerifyChainOptions['trustedLeaf']) =>
      code(
        run({
          leaf: l.der,
          roots: [l.der],
          strictProfile: false,
          purpose: 'any',
          hostname: undefined,
          trustedLeaf,
        }),
      );
    expect(pinned(issued)).toBe('OK');
    expect(pinned(issued, 'self-issued-copy')).toBe('UNKNOWN_ISSUER');
    expect(pinned(issued, 'self-signed-copy')).toBe('UNKNOWN_ISSUER');
    expect(pinned(issued, 'name-and-key')).toBe('OK');
    expect(pinned(issued, 'never')).toBe('UNKNOWN_ISSUER');
    expect(pinned(selfSigned, 'self-issued-copy')).toBe('OK');
    expect(pinned(selfSigned, 'self-signed-copy')).toBe('OK');
  });

  it('checks the dates of a pinned leaf even when anchor expiry is off (every stack does)', () => {
    const l = leaf(root(), EXPIRED);
    const given = { leaf: l.der, roots: [l.der], enforceAnchorExpiry: false };
    expect(code(run(given))).toBe('EXPIRED');
    expect(code(run({ ...given, trustedLeaf: 'name-and-key', strictProfile: false }))).toBe('EXPIRED');
  });
});

describe('anchorForm', () => {
  it("'ca-flag' refuses a v1 anchor, which the default takes as name and key (BearSSL's decoder)", () => {
    const k = key('ed25519', 'v1-root');
    const subject = name(['2.5.4.3', 'v1 root']);
    const spki = new Uint8Array(createPublicKey(k.privateKey).export({ type: 'spki', format: 'der' }));
    const v1 = buildCert({
      version: null,
      serial: Uint8Array.of(2, 1, 9),
      sigAlg: seq(oid('1.3.101.112')),
      issuer: subject,
      subject,
      validity: seq(utcTime(new Date('2020-01-01T00:00:00Z')), utcTime(new Date('2040-01-01T00:00:00Z'))),
      spki,
      extensions: [],
      signer: k.privateKey,
    });
    const l = leaf({ der: v1, key: k, subject, ski: new Uint8Array(20), cn: 'v1 root' }, { noAki: true });
    const given = { leaf: l.der, roots: [v1], strictProfile: false };
    expect(code(run(given))).toBe('OK');
    expect(code(run({ ...given, anchorForm: 'ca-flag' }))).toBe('NOT_A_CA');
  });

  it("'any-certificate' lets a non-CA anchor issue (wolfSSL); 'ca-or-key-usage' one with keyUsage and no basicConstraints (OpenSSL)", () => {
    const notCa = root({ ca: false, keyUsage: ['keyCertSign'] });
    const noBc = root({ ca: null, keyUsage: ['keyCertSign'] });
    for (const [r, form] of [
      [notCa, 'any-certificate'],
      [noBc, 'ca-or-key-usage'],
    ] as const) {
      const given = { leaf: leaf(r).der, roots: [r.der], strictProfile: false };
      expect(code(run(given))).toBe('NOT_A_CA');
      expect(code(run({ ...given, anchorForm: form }))).toBe('OK');
    }
    const given = { leaf: leaf(notCa).der, roots: [notCa.der], strictProfile: false };
    expect(code(run({ ...given, anchorForm: 'ca-or-key-usage' }))).toBe('NOT_A_CA');
  });

  it("'name-and-key' ignores the anchor certificate but follows the sent chain to its top (ESP-IDF bundle)", () => {
    // ECDSA: the bundle check verifies RSA PKCS#1 v1.5 and ECDSA only.
    const k = (id: string) => ({ key: key('p256', `esp-${id}`) });
    const r = root({ pathLen: 0, ...EXPIRED, ...k('root') });
    const a = intermediate(r, k('a'));
    const b = intermediate(a, k('b'));
    const l = leaf(b, k('leaf'));
    const given = { leaf: l.der, intermediates: [b.der, a.der], roots: [r.der] };
    expect(code(run(given))).toBe('EXPIRED');
    expect(code(run({ ...given, enforceAnchorExpiry: false }))).toBe('PATH_TOO_LONG');
    const esp = { ...given, anchorForm: 'name-and-key', issuerSelection: 'first-match' } as const;
    expect(code(run(esp))).toBe('OK');
    const ed = chain3({ rootPathLen: 0 }); // Ed25519 everywhere
    const edGiven = { leaf: ed.l.der, intermediates: [ed.b.der, ed.a.der], roots: [ed.r.der] };
    expect(code(run({ ...edGiven, anchorConstraints: 'ignore' }))).toBe('OK');
    expect(code(run({ ...edGiven, anchorForm: 'name-and-key' }))).toBe('UNSUPPORTED_ALGORITHM');
    // The sent copy of the root is the top of the chain: its dates count.
    const sentRoot = root({ cn: r.cn, key: r.key, ...EXPIRED });
    const withRoot = {
      ...esp,
      roots: [root({ cn: r.cn, key: r.key }).der],
      intermediates: [b.der, a.der, sentRoot.der],
    };
    expect(code(run({ ...withRoot, anchorForm: undefined, issuerSelection: undefined }))).toBe('OK');
    expect(code(run(withRoot))).toBe('EXPIRED');
  });
});

describe('anchorConstraints, anchorKeyPolicy, pathLenOnAnchor', () => {
  it("'ignore' and pathLenOnAnchor: false drop the anchor's pathLenConstraint", () => {
    const { r, a, b, l } = chain3({ rootPathLen: 0 });
    const given = { leaf: l.der, intermediates: [b.der, a.der], roots: [r.der] };
    expect(code(run(given))).toBe('PATH_TOO_LONG');
    expect(code(run({ ...given, anchorConstraints: 'ignore' }))).toBe('OK');
    expect(code(run({ ...given, pathLenOnAnchor: false }))).toBe('OK');
  });

  it("'ignore' drops the anchor's name constraints and unknown critical extensions", () => {
    const r = root({ permitted: [{ dns: 'example.org' }] });
    const given = { leaf: leaf(r).der, roots: [r.der] };
    expect(code(run(given))).toBe('NAME_CONSTRAINT_VIOLATION');
    expect(code(run({ ...given, anchorConstraints: 'ignore' }))).toBe('OK');
    const odd = root({ extensions: [ext('1.3.6.1.4.1.55555.1', true, octets(Uint8Array.of(1)))] });
    const g2 = { leaf: leaf(odd).der, roots: [odd.der] };
    expect(code(run(g2))).toBe('UNKNOWN_CRITICAL_EXTENSION');
    expect(code(run({ ...g2, anchorConstraints: 'ignore' }))).toBe('OK');
  });

  it('anchorKeyPolicy: false leaves minRsaBits off the anchor only', () => {
    const r = root({ key: key('rsa2048', 'anchor-key') });
    const a = intermediate(r, { key: key('p256', 'anchor-key-int') });
    const given = { leaf: leaf(a).der, intermediates: [a.der], roots: [r.der], minRsaBits: 3072 };
    expect(code(run(given))).toBe('WEAK_KEY');
    expect(code(run({ ...given, anchorKeyPolicy: false }))).toBe('OK');
    const weakInt = intermediate(r, { key: key('rsa2048', 'anchor-key-int2') });
    const g2 = { ...given, leaf: leaf(weakInt).der, intermediates: [weakInt.der], anchorKeyPolicy: false };
    expect(code(run(g2))).toBe('WEAK_KEY');
  });
});

describe('partialChain', () => {
  it('false needs a self-signed anchor at the end of the path (OpenSSL)', () => {
    const { r, a, b, l } = chain3();
    const given = { leaf: l.der, intermediates: [b.der], roots: [a.der] };
    expect(code(run(given))).toBe('OK');
    expect(code(run({ ...given, partialChain: false }))).toBe('UNKNOWN_ISSUER');
    expect(
      code(run({ ...given, intermediates: [b.der, a.der], roots: [a.der, r.der], partialChain: false })),
    ).toBe('OK');
  });
});

describe('sentCertificates', () => {
  it("'all-must-parse' fails on a sent certificate off the path with an unknown critical extension (mbedTLS)", () => {
    const { r, a, b, l } = chain3();
    const odd = intermediate(r, { extensions: [ext('1.3.6.1.4.1.55555.2', true, octets(Uint8Array.of(1)))] });
    const given = { leaf: l.der, intermediates: [b.der, a.der, odd.der], roots: [r.der] };
    expect(code(run(given))).toBe('OK');
    expect(code(run({ ...given, sentCertificates: 'all-must-parse' }))).toBe('UNKNOWN_CRITICAL_EXTENSION');
  });

  it("'all-must-verify' fails on a sent expired CA or an unknown self-signed one off the path (wolfSSL)", () => {
    const { r, a, b, l } = chain3();
    const oldA = intermediate(r, { cn: a.cn, key: a.key, ...EXPIRED });
    const stray = root();
    const o = { sentCertificates: 'all-must-verify', chainOrder: 'issuer-after-child' } as const;
    for (const extra of [oldA, stray]) {
      const given = { leaf: l.der, intermediates: [b.der, a.der, extra.der], roots: [r.der] };
      expect(code(run(given))).toBe('OK');
      expect(code(run({ ...given, ...o }))).not.toBe('OK');
    }
    const unrelated = intermediate(root()); // issuer unknown: skipped, as alternate chains do
    const given = { leaf: l.der, intermediates: [b.der, a.der, unrelated.der], roots: [r.der], ...o };
    expect(code(run(given))).toBe('OK');
  });
});

describe('pathLen counting', () => {
  it('pathLenCountsSelfIssued counts a self-issued intermediate (BearSSL)', () => {
    const r = root();
    const a = intermediate(r, { cn: 'Rolled CA', pathLen: 0 });
    const a2 = intermediate(a, { cn: 'Rolled CA', key: key('ed25519', 'rolled') });
    const l = leaf(a2);
    const given = { leaf: l.der, intermediates: [a2.der, a.der], roots: [r.der] };
    expect(code(run(given))).toBe('OK');
    expect(code(run({ ...given, pathLenCountsSelfIssued: true }))).toBe('PATH_TOO_LONG');
  });

  it("leafPathLen 'count-ca-leaf' counts a leaf that asserts cA (wolfSSL)", () => {
    const r = root();
    const a = intermediate(r, { pathLen: 0 });
    const l = leaf(a, { ca: true });
    const given = { leaf: l.der, intermediates: [a.der], roots: [r.der], strictProfile: false };
    expect(code(run(given))).toBe('OK');
    expect(code(run({ ...given, leafPathLen: 'count-ca-leaf' }))).toBe('PATH_TOO_LONG');
  });
});
