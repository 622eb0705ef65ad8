// Path building and validation on generated chains: one behaviour per case, each able to fail.

import { identity, intermediate, issue, key, leaf, root } from '@hubtrust/test-pki';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, run } from '../test/chain-run.js';
import { errorDetail } from './errors.js';
import { derToPem } from './pem.js';
import { initSync } from './wasm.js';

beforeAll(() => initSync());

describe('path building', () => {
  const r = root({ cn: 'Root' });
  const ica = intermediate(r, { cn: 'ICA' });
  const ee = leaf(ica, { cn: 'example.com' });

  it('builds leaf -> intermediate -> root and reports where each certificate came from', () => {
    const res = run({ leaf: ee.der, intermediates: [ica.der], roots: [r.der], hostname: 'example.com' });
    expect(codeOf(res)).toBe('OK');
    if (res.ok)
      expect(res.chain.map((c) => `${c.source}:${c.index}`)).toEqual([
        'leaf:0',
        'intermediates:0',
        'roots:0',
      ]);
  });

  it('accepts PEM text, including a leaf PEM that carries the chain as a server sends it', () => {
    const res = run({ leaf: derToPem(ee.der) + derToPem(ica.der), roots: derToPem(r.der) });
    expect(codeOf(res)).toBe('OK');
    if (res.ok) expect(res.chain.map((c) => c.source)).toEqual(['leaf', 'intermediates', 'roots']);
  });

  it('finds the issuer among decoys (same subject, other key) in any order', () => {
    const decoyKey = key(undefined, 'decoy');
    const decoy1 = issue(r, true, { cn: 'ICA', key: decoyKey });
    const decoy2 = intermediate(root({ cn: 'Other Root' }), { cn: 'ICA' });
    const res = run({ leaf: ee.der, intermediates: [decoy1.der, decoy2.der, ica.der], roots: [r.der] });
    expect(codeOf(res)).toBe('OK');
    if (res.ok) expect(res.chain[1]?.index).toBe(2);
  });

  it('uses a cross-signed twin when only its issuer is trusted', () => {
    const r2 = root({ cn: 'Root 2' });
    const twin = issue(r2, true, { cn: 'ICA', key: ica.key });
    const res = run({ leaf: ee.der, intermediates: [ica.der, twin.der], roots: [r2.der] });
    expect(codeOf(res)).toBe('OK');
    if (res.ok) expect(res.chain.map((c) => c.index)).toEqual([0, 1, 0]);
  });

  it('ends on a loop of mutually cross-signed intermediates with UNKNOWN_ISSUER', () => {
    const kA = key(undefined, 'loop-A');
    const kB = key(undefined, 'loop-B');
    const a = intermediate(identity('Loop B', kB), { cn: 'Loop A', key: kA });
    const b = intermediate(identity('Loop A', kA), { cn: 'Loop B', key: kB });
    const res = run({
      leaf: leaf(a).der,
      intermediates: [a.der, b.der],
      roots: [root({ cn: 'Unrelated' }).der],
    });
    expect(codeOf(res)).toBe('UNKNOWN_ISSUER');
  });

  it('prefers a valid path over an expired intermediate, and reports EXPIRED with a hint when none is valid', () => {
    const expired = issue(r, true, { cn: 'ICA', key: ica.key, notAfter: new Date('2025-01-01T00:00:00Z') });
    expect(codeOf(run({ leaf: ee.der, intermediates: [expired.der, ica.der], roots: [r.der] }))).toBe('OK');
    const res = run({ leaf: ee.der, intermediates: [expired.der], roots: [r.der] });
    expect(codeOf(res)).toBe('EXPIRED');
    if (!res.ok) {
      expect(res.error.certIndex).toBe(1);
      expect(res.error.chain?.map((c) => c.source)).toEqual(['leaf', 'intermediates']);
      expect(res.error.message).toMatch(
        /"CN=ICA" \(intermediates\[0\]\).*valid 2020-01-01T00:00:00Z to 2025-01-01T00:00:00Z/,
      );
    }
  });

  it('names the certificate whose issuer is missing', () => {
    const res = run({ leaf: ee.der, intermediates: [ica.der], roots: [root({ cn: 'Somebody Else' }).der] });
    expect(codeOf(res)).toBe('UNKNOWN_ISSUER');
    if (!res.ok) expect(res.error.hint).toMatch(/intermediates\[0\]/);
  });
});

describe('certificate checks', () => {
  const r = root({ cn: 'Root' });
  const ica = intermediate(r, { cn: 'ICA' });

  it.each([
    ['leaf not yet valid', { notBefore: new Date('2031-01-01T00:00:00Z') }, 'NOT_YET_VALID'],
    ['leaf expired', { notAfter: new Date('2029-01-01T00:00:00Z') }, 'EXPIRED'],
    ['leaf for clientAuth only', { eku: ['clientAuth'] }, 'BAD_EKU'],
    ['leaf with anyExtendedKeyUsage', { eku: ['any'] }, 'OK'],
    ['leaf without EKU', { eku: undefined }, 'OK'],
    ['leaf that is a CA', { ca: true }, 'CA_AS_LEAF'],
    ['leaf with keyCertSign', { keyUsage: ['digitalSignature', 'keyCertSign'] }, 'MALFORMED'],
    ['leaf without AKI', { noAki: true }, 'MALFORMED'],
  ] as const)('%s -> %s', (_, o, code) => {
    const e = leaf(ica, { ...o } as never);
    expect(codeOf(run({ leaf: e.der, intermediates: [ica.der], roots: [r.der] }))).toBe(code);
  });

  it.each([
    ['intermediate without cA', { ca: false }, 'NOT_A_CA'],
    ['intermediate without basicConstraints', { ca: null }, 'NOT_A_CA'],
    ['intermediate without keyCertSign', { keyUsage: ['digitalSignature'] }, 'BAD_KEY_USAGE'],
    ['intermediate without keyUsage', { keyUsage: null }, 'OK'],
    ['intermediate for codeSigning only', { eku: ['codeSigning'] }, 'BAD_EKU'],
    ['intermediate for serverAuth', { eku: ['serverAuth'] }, 'OK'],
    ['intermediate without SKI', { noSki: true }, 'MALFORMED'],
    ['intermediate expired', { notAfter: new Date('2029-01-01T00:00:00Z') }, 'EXPIRED'],
  ] as const)('%s -> %s', (_, o, code) => {
    const i = intermediate(r, { ...o } as never);
    const e = leaf(i);
    expect(codeOf(run({ leaf: e.der, intermediates: [i.der], roots: [r.der] }))).toBe(code);
  });

  it('checks the anchor: expiry (unless ignored), CA bit, keyCertSign', () => {
    const old = root({ cn: 'Old Root', notAfter: new Date('2029-01-01T00:00:00Z') });
    const e = leaf(old);
    expect(codeOf(run({ leaf: e.der, roots: [old.der] }))).toBe('EXPIRED');
    expect(codeOf(run({ leaf: e.der, roots: [old.der], enforceAnchorExpiry: false }))).toBe('OK');
    const notCa = root({ cn: 'Not CA', ca: false });
    expect(codeOf(run({ leaf: leaf(notCa).der, roots: [notCa.der] }))).toBe('NOT_A_CA');
    const noSign = root({ cn: 'No Sign', keyUsage: ['digitalSignature'] });
    expect(codeOf(run({ leaf: leaf(noSign).der, roots: [noSign.der] }))).toBe('BAD_KEY_USAGE');
  });

  it('relaxes the profile rules with strictProfile: false', () => {
    const e = leaf(ica, { ca: true, noAki: true });
    expect(codeOf(run({ leaf: e.der, intermediates: [ica.der], roots: [r.der] }))).toBe('CA_AS_LEAF');
    expect(codeOf(run({ leaf: e.der, intermediates: [ica.der], roots: [r.der], strictProfile: false }))).toBe(
      'OK',
    );
  });

  it('trusts a leaf that is itself a trust anchor (a pinned self-signed server certificate)', () => {
    const self = root({ cn: 'device.local', san: [{ dns: 'device.local' }] });
    expect(codeOf(run({ leaf: self.der, roots: [self.der], hostname: 'device.local' }))).toBe('OK');
    expect(codeOf(run({ leaf: self.der, roots: [self.der], hostname: 'other.local' }))).toBe('NAME_MISMATCH');
  });

  it('explains the name failure of a pinned leaf as the normal path does', () => {
    const self = root({ cn: 'device.local', san: [{ dns: 'other.local' }] });
    const detail = (hostname: string) => {
      const res = run({ leaf: self.der, roots: [self.der], hostname });
      return res.ok ? 'OK' : errorDetail(res.error.detail ?? 0).name;
    };
    expect(detail('bad..name')).toBe('NAME_INVALID');
    expect(detail('device.local')).toBe('NAME_NOT_IN_SAN');
    const cnOnly = run({ leaf: self.der, roots: [self.der], hostname: 'device.local' });
    if (!cnOnly.ok) expect(cnOnly.error.hint).toMatch(/CN matches/);
    // An expired pinned leaf fails before any name check: no CN hint left over from the call above.
    const expired = root({
      cn: 'device.local',
      san: [{ dns: 'other.local' }],
      notAfter: new Date('2001-01-01'),
    });
    const res = run({ leaf: expired.der, roots: [expired.der], hostname: 'device.local' });
    expect(codeOf(res)).toBe('EXPIRED');
    if (!res.ok) expect(res.error.hint ?? '').not.toMatch(/CN matches/);
  });
});

describe('pathLenConstraint and maxDepth', () => {
  const r = root({ cn: 'Root' });

  it('counts intermediates below a CA, not self-issued ones', () => {
    const i0 = intermediate(r, { cn: 'I0', pathLen: 0 });
    const i1 = intermediate(i0, { cn: 'I1' });
    expect(codeOf(run({ leaf: leaf(i1).der, intermediates: [i0.der, i1.der], roots: [r.der] }))).toBe(
      'PATH_TOO_LONG',
    );
    expect(codeOf(run({ leaf: leaf(i0).der, intermediates: [i0.der], roots: [r.der] }))).toBe('OK');
    // A self-issued key-rollover certificate below I0 does not count.
    const roll = issue(i0, true, { cn: 'I0', key: key(undefined, 'rollover') });
    expect(codeOf(run({ leaf: leaf(roll).der, intermediates: [i0.der, roll.der], roots: [r.der] }))).toBe(
      'OK',
    );
  });

  it('applies the anchor pathLenConstraint', () => {
    const r0 = root({ cn: 'Root pathlen 0', pathLen: 0 });
    const i = intermediate(r0);
    expect(codeOf(run({ leaf: leaf(i).der, intermediates: [i.der], roots: [r0.der] }))).toBe('PATH_TOO_LONG');
  });

  it('limits intermediates with maxDepth', () => {
    const i1 = intermediate(r);
    const i2 = intermediate(i1);
    const e = leaf(i2);
    const base = { leaf: e.der, intermediates: [i2.der, i1.der], roots: [r.der] };
    expect(codeOf(run({ ...base, maxDepth: 2 }))).toBe('OK');
    expect(codeOf(run({ ...base, maxDepth: 1 }))).toBe('PATH_TOO_LONG');
    expect(codeOf(run({ leaf: leaf(r).der, roots: [r.der], maxDepth: 0 }))).toBe('OK');
  });
});

describe('host names', () => {
  const r = root({ cn: 'Root' });

  it('matches DNS names and IP addresses in the SAN only, case-insensitively, wildcards one label deep', () => {
    const e = leaf(r, {
      san: [{ dns: '*.Example.com' }, { dns: 'api.example.org' }, { ip: [192, 0, 2, 7] }],
    });
    const v = (hostname: string) => codeOf(run({ leaf: e.der, roots: [r.der], hostname }));
    expect(v('www.example.com')).toBe('OK');
    expect(v('WWW.EXAMPLE.COM.')).toBe('OK');
    expect(v('a.b.example.com')).toBe('NAME_MISMATCH');
    expect(v('example.com')).toBe('NAME_MISMATCH');
    expect(v('api.example.org')).toBe('OK');
    expect(v('192.0.2.7')).toBe('OK');
    expect(v('192.0.2.8')).toBe('NAME_MISMATCH');
    expect(v('::ffff:192.0.2.7')).toBe('NAME_MISMATCH');
  });

  it('never falls back to the CN, but says when the CN would have matched', () => {
    const e = leaf(r, { cn: 'device.example.com', san: [{ dns: 'other.example.com' }] });
    const res = run({ leaf: e.der, roots: [r.der], hostname: 'device.example.com' });
    expect(codeOf(res)).toBe('NAME_MISMATCH');
    if (!res.ok) expect(res.error.hint).toMatch(/CN matches/);
    const res2 = run({ leaf: e.der, roots: [r.der], hostname: 'nothing.example.com' });
    if (!res2.ok) expect(res2.error.hint ?? '').not.toMatch(/CN matches/);
  });

  it('matches a mailbox for client certificates', () => {
    const e = leaf(r, { san: [{ email: 'device@Example.com' }], eku: ['clientAuth'] });
    const v = (email: string) => codeOf(run({ leaf: e.der, roots: [r.der], email, purpose: 'clientAuth' }));
    expect(v('device@example.com')).toBe('OK');
    expect(v('Device@example.com')).toBe('NAME_MISMATCH');
  });
});

describe('name constraints', () => {
  type Case = [string, Parameters<typeof root>[0], Parameters<typeof leaf>[1], string, string?];
  const cases: Case[] = [
    [
      'permitted DNS subtree',
      { permitted: [{ dns: 'example.com' }] },
      { san: [{ dns: 'a.example.com' }] },
      'OK',
    ],
    [
      'outside the permitted subtree',
      { permitted: [{ dns: 'example.com' }] },
      { san: [{ dns: 'a.example.org' }] },
      'NAME_CONSTRAINT_VIOLATION',
    ],
    [
      'label boundary',
      { permitted: [{ dns: 'example.com' }] },
      { san: [{ dns: 'badexample.com' }] },
      'NAME_CONSTRAINT_VIOLATION',
    ],
    [
      'excluded wins',
      { permitted: [{ dns: 'example.com' }], excluded: [{ dns: 'bad.example.com' }] },
      { san: [{ dns: 'x.bad.example.com' }] },
      'NAME_CONSTRAINT_VIOLATION',
    ],
    [
      'wildcard may expand into an exclusion (CVE-2025-61727)',
      { excluded: [{ dns: 'bar.example.com' }] },
      { san: [{ dns: '*.example.com' }] },
      'NAME_CONSTRAINT_VIOLATION',
      'foo.example.com',
    ],
    [
      'malformed DNS constraint (leading period)',
      { permitted: [{ dns: '.example.com' }] },
      { san: [{ dns: 'a.example.com' }] },
      'NAME_CONSTRAINT_VIOLATION',
    ],
    [
      'constraint of another form',
      { permitted: [{ ip: [10, 0, 0, 0, 255, 0, 0, 0] }] },
      { san: [{ dns: 'a.example.org' }] },
      'OK',
    ],
    [
      'IP in range',
      { permitted: [{ ip: [10, 0, 0, 0, 255, 0, 0, 0] }] },
      { san: [{ ip: [10, 1, 2, 3] }] },
      'OK',
      '10.1.2.3',
    ],
    [
      'IP out of range',
      { permitted: [{ ip: [10, 0, 0, 0, 255, 0, 0, 0] }] },
      { san: [{ ip: [11, 1, 2, 3] }] },
      'NAME_CONSTRAINT_VIOLATION',
      '11.1.2.3',
    ],
    [
      'DN subtree',
      { permitted: [{ dn: [['2.5.4.10', 'Acme']] }] },
      {
        subject: [
          ['2.5.4.10', 'ACME'],
          ['2.5.4.3', 'x'],
        ],
      },
      'OK',
    ],
    [
      'DN outside',
      { permitted: [{ dn: [['2.5.4.10', 'Acme']] }] },
      {
        subject: [
          ['2.5.4.10', 'Other'],
          ['2.5.4.3', 'x'],
        ],
      },
      'NAME_CONSTRAINT_VIOLATION',
    ],
    [
      'URI host',
      { permitted: [{ uri: '.example.com' }] },
      { san: [{ dns: 'a.example.com' }, { uri: 'https://a.example.com/x' }] },
      'OK',
    ],
    [
      'URI host outside',
      { permitted: [{ uri: '.example.com' }] },
      { san: [{ dns: 'a.example.com' }, { uri: 'https://a.example.org/x' }] },
      'NAME_CONSTRAINT_VIOLATION',
    ],
    [
      'otherName constraint with an otherName SAN',
      { excluded: [{ otherName: '1.2.3.4' }] },
      { san: [{ dns: 'a.example.com' }, { otherName: '1.2.3.4' }] },
      'NAME_CONSTRAINT_VIOLATION',
    ],
    [
      'otherName constraint without one',
      { excluded: [{ otherName: '1.2.3.4' }] },
      { san: [{ dns: 'a.example.com' }] },
      'OK',
    ],
  ];
  it.each(cases)('%s -> %s', (_, rootOpts, leafOpts, code, hostname = 'a.example.com') => {
    const r = root(rootOpts);
    const e = leaf(r, leafOpts);
    const h =
      leafOpts?.san?.some((g) => 'dns' in g && g.dns === hostname) || leafOpts?.san?.some((g) => 'ip' in g)
        ? hostname
        : undefined;
    expect(codeOf(run({ leaf: e.der, roots: [r.der], hostname: h }))).toBe(code);
  });

  it('applies an intermediate’s constraints to the certificates below it, not to itself', () => {
    const r = root();
    const i = intermediate(r, { permitted: [{ dns: 'example.com' }], san: [{ dns: 'ca.other.org' }] });
    expect(codeOf(run({ leaf: leaf(i).der, intermediates: [i.der], roots: [r.der] }))).toBe('OK');
    const r2 = root({ permitted: [{ dns: 'example.com' }] });
    const i2 = intermediate(r2, { san: [{ dns: 'ca.other.org' }] });
    expect(codeOf(run({ leaf: leaf(i2).der, intermediates: [i2.der], roots: [r2.der] }))).toBe(
      'NAME_CONSTRAINT_VIOLATION',
    );
  });

  it("models mbedTLS 2.x with nameConstraints: 'reject-if-critical'", () => {
    const crit = root({ permitted: [{ dns: 'example.org' }] });
    const nonCrit = root({ permitted: [{ dns: 'example.org' }], ncCritical: false });
    const opts = { nameConstraints: 'reject-if-critical' as const };
    expect(codeOf(run({ leaf: leaf(crit).der, roots: [crit.der], ...opts }))).toBe(
      'UNKNOWN_CRITICAL_EXTENSION',
    );
    expect(codeOf(run({ leaf: leaf(nonCrit).der, roots: [nonCrit.der], ...opts }))).toBe('OK');
    expect(codeOf(run({ leaf: leaf(nonCrit).der, roots: [nonCrit.der] }))).toBe('NAME_CONSTRAINT_VIOLATION');
  });
});

describe('options and inputs', () => {
  const r = root();
  const i1 = intermediate(r);
  const i2 = intermediate(i1);
  const e = leaf(i2);

  it('requireOrderedChain accepts the issuing order and reports CHAIN_ORDER otherwise', () => {
    const base = { leaf: e.der, roots: [r.der], requireOrderedChain: true };
    expect(codeOf(run({ ...base, intermediates: [i2.der, i1.der] }))).toBe('OK');
    expect(codeOf(run({ ...base, intermediates: [i1.der, i2.der] }))).toBe('CHAIN_ORDER');
    expect(codeOf(run({ ...base, intermediates: [i1.der] }))).toBe('UNKNOWN_ISSUER');
  });

  it('ignores undecodable certificates among the roots and intermediates', () => {
    const junk = [Uint8Array.of(0x30, 0x03, 1, 2, 3), new Uint8Array(0), Uint8Array.of(0x30, 0x80, 0, 0)];
    const res = run({
      leaf: e.der,
      intermediates: [...junk, i2.der, i1.der],
      roots: [...junk, r.der, ...junk],
    });
    expect(codeOf(res)).toBe('OK');
    if (res.ok)
      expect(res.chain.map((c) => `${c.source}:${c.index}`)).toEqual([
        'leaf:0',
        'intermediates:3',
        'intermediates:4',
        'roots:3',
      ]);
    // A later call with fewer roots must not see the previous call's anchors.
    expect(
      codeOf(run({ leaf: e.der, intermediates: [i2.der, i1.der], roots: [junk[0] as Uint8Array] })),
    ).toBe('UNKNOWN_ISSUER');
  });

  it('rejects bad arguments without throwing', () => {
    expect(codeOf(run({ leaf: e.der, roots: [] }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(run({ leaf: 'not pem', roots: [r.der] }))).toBe('MALFORMED');
    expect(codeOf(run({ leaf: Uint8Array.of(0x30, 0x03, 1, 2, 3), roots: [r.der] }))).toBe('MALFORMED');
    expect(codeOf(run({ leaf: e.der, roots: [r.der], time: new Date(Number.NaN) }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(run({ leaf: e.der, roots: [r.der], maxDepth: -1 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(run({ leaf: e.der, roots: [r.der], hostname: 'bad host' }))).toBe('NAME_MISMATCH');
  });

  it('stops with BUDGET_EXCEEDED when the signature budget is too small', () => {
    const base = { leaf: e.der, intermediates: [i1.der, i2.der], roots: [r.der] };
    expect(codeOf(run({ ...base, budget: { signatureChecks: 2 } }))).toBe('BUDGET_EXCEEDED');
    expect(codeOf(run({ ...base, budget: { signatureChecks: 3 } }))).toBe('OK');
  });
});
