// The name options of verifyChain on generated chains: nameChaining (RFC 5280 §7.1 by default),
// hostNameRule (device stacks' CN fallback, wildcard, trailing-dot and underscore rules) and
// nameConstraintRule (wolfSSL's name-constraint processing). Each case fails without its option.
import { type Issued, intermediate, leaf, oid, printable, root, seq, set, utf8 } from '@hubtrust/test-pki';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, run } from '../test/chain-run.js';
import { initSync } from './wasm.js';

beforeAll(() => initSync());

const CN = '2.5.4.3';
const O = '2.5.4.10';

/** The CA as a child would name it after the CA re-encoded its subject. */
function renamed(ca: Issued, subject: Uint8Array): Issued {
  return { ...ca, subject };
}

describe('nameChaining', () => {
  const r = root({ cn: 'Names Root' });
  const ica = intermediate(r, {
    subject: [
      [O, 'Hubtrust Test'],
      [CN, 'Device CA 1'],
    ],
  });
  const printableUpper = seq(
    set(seq(oid(O), printable('HUBTRUST TEST'))),
    set(seq(oid(CN), printable('DEVICE CA 1'))),
  );
  const spaced = seq(set(seq(oid(O), utf8('Hubtrust  Test '))), set(seq(oid(CN), utf8('Device CA 1'))));
  const other = seq(set(seq(oid(O), utf8('Hubtrust Test'))), set(seq(oid(CN), utf8('Device CA 2'))));
  const leafUnder = (subject: Uint8Array) => leaf(renamed(ica, subject));

  it('builds a chain whose CA re-encoded its name (case, string type, spaces) by default', () => {
    for (const name of [printableUpper, spaced]) {
      expect(codeOf(run({ leaf: leafUnder(name).der, intermediates: [ica.der], roots: [r.der] }))).toBe('OK');
    }
    expect(codeOf(run({ leaf: leafUnder(other).der, intermediates: [ica.der], roots: [r.der] }))).toBe(
      'UNKNOWN_ISSUER',
    );
  });

  it('matches a trust anchor under the same rule', () => {
    const anchorName = seq(set(seq(oid(CN), printable('NAMES ROOT'))));
    const direct = leaf(renamed(r, anchorName));
    expect(codeOf(run({ leaf: direct.der, roots: [r.der] }))).toBe('OK');
    expect(codeOf(run({ leaf: direct.der, roots: [r.der], nameChaining: 'exact' }))).toBe('UNKNOWN_ISSUER');
  });

  it("keeps each stack's rule: exact (wolfSSL, BearSSL, webpki), ASCII case only (mbedTLS)", () => {
    const chain = (name: Uint8Array, nameChaining: 'exact' | 'ascii-case-insensitive' | 'rfc5280') =>
      codeOf(run({ leaf: leafUnder(name).der, intermediates: [ica.der], roots: [r.der], nameChaining }));
    expect(chain(printableUpper, 'exact')).toBe('UNKNOWN_ISSUER');
    expect(chain(printableUpper, 'ascii-case-insensitive')).toBe('OK');
    expect(chain(spaced, 'ascii-case-insensitive')).toBe('UNKNOWN_ISSUER');
    expect(chain(spaced, 'rfc5280')).toBe('OK');
    expect(codeOf(run({ leaf: leafUnder(spaced).der, roots: [r.der], profile: 'mbedtls-2.28' }))).not.toBe(
      'OK',
    );
    // ESP-IDF's bundle: mbedTLS's rule between sent certificates, exact bytes against the bundle.
    const esp = 'ascii-case-insensitive-exact-anchor' as const;
    expect(
      codeOf(
        run({
          leaf: leafUnder(printableUpper).der,
          intermediates: [ica.der],
          roots: [r.der],
          nameChaining: esp,
        }),
      ),
    ).toBe('OK');
    const direct = leaf(renamed(r, seq(set(seq(oid(CN), printable('NAMES ROOT'))))));
    expect(codeOf(run({ leaf: direct.der, roots: [r.der], nameChaining: esp }))).toBe('UNKNOWN_ISSUER');
    expect(codeOf(run({ leaf: direct.der, roots: [r.der], nameChaining: 'ascii-case-insensitive' }))).toBe(
      'OK',
    );
  });

  it('refuses an unknown rule', () => {
    const res = run({
      leaf: leafUnder(spaced).der,
      roots: [r.der],
      nameChaining: 'fuzzy' as unknown as 'exact',
    });
    expect(codeOf(res)).toBe('INVALID_ARGUMENT');
  });
});

describe('hostNameRule', () => {
  const r = root({ cn: 'Host Root' });
  const host = 'device.example.com';
  const check = (o: Parameters<typeof leaf>[1], hostname: string, hostNameRule?: object) =>
    codeOf(run({ leaf: leaf(r, o).der, roots: [r.der], hostname, hostNameRule }));

  it('falls back to the CN only as the stack does', () => {
    const noSan = { cn: host, san: undefined };
    const ipSanOnly = { cn: host, san: [{ ip: [192, 0, 2, 1] }] };
    expect(check(noSan, host)).toBe('NAME_MISMATCH');
    expect(check(noSan, host, { cnFallback: 'without-san' })).toBe('OK');
    expect(check(noSan, host, { cnFallback: 'without-dns-san' })).toBe('OK');
    expect(check(ipSanOnly, host, { cnFallback: 'without-san' })).toBe('NAME_MISMATCH');
    expect(check(ipSanOnly, host, { cnFallback: 'without-dns-san' })).toBe('OK');
    expect(check(ipSanOnly, host, { cnFallback: 'without-dns-or-ip-san' })).toBe('NAME_MISMATCH');
    expect(
      check({ cn: host, san: [{ email: 'ops@example.com' }] }, host, { cnFallback: 'without-dns-or-ip-san' }),
    ).toBe('OK');
    expect(
      check({ cn: host, san: [{ dns: 'other.example.com' }] }, host, { cnFallback: 'without-dns-san' }),
    ).toBe('NAME_MISMATCH');
    expect(
      check({ cn: '*.example.com', san: undefined }, host, {
        cnFallback: 'without-san',
        wildcard: 'any-first-label',
      }),
    ).toBe('OK');
  });

  it('applies the wildcard rule of each stack', () => {
    const san = (dns: string) => ({ san: [{ dns }] });
    expect(check(san('*.com'), 'example.com')).toBe('NAME_MISMATCH');
    expect(check(san('*.com'), 'example.com', { wildcard: 'any-first-label' })).toBe('OK');
    expect(check(san('*.com'), 'example.com', { wildcard: 'partial-first-label' })).toBe('NAME_MISMATCH');
    expect(check(san('dev*.example.com'), host)).toBe('NAME_MISMATCH');
    expect(check(san('dev*.example.com'), host, { wildcard: 'partial-first-label' })).toBe('OK');
    expect(check(san('device.*.com'), host, { wildcard: 'partial-first-label' })).toBe('NAME_MISMATCH');
    expect(check(san('device.*.com'), host, { wildcard: 'glob-per-label' })).toBe('OK');
  });

  it('compares a trailing dot as text when asked, and accepts "_" labels when asked', () => {
    expect(check({}, 'example.com.')).toBe('OK');
    expect(check({}, 'example.com.', { trailingDot: 'literal' })).toBe('NAME_MISMATCH');
    expect(check({}, 'example.com.', { trailingDot: 'literal', wildcard: 'any-first-label' })).toBe(
      'NAME_MISMATCH',
    );
    const underscore = { san: [{ dns: '_mqtt.example.com' }] };
    expect(check(underscore, '_mqtt.example.com')).toBe('NAME_MISMATCH');
    expect(check(underscore, '_mqtt.example.com', { underscores: true })).toBe('OK');
  });

  it('refuses unknown rule values', () => {
    expect(check({}, host, { wildcard: 'regex' })).toBe('INVALID_ARGUMENT');
    expect(check({}, host, { cnFallback: 'always' })).toBe('INVALID_ARGUMENT');
    expect(check({}, host, { trailingDot: 'strip' })).toBe('INVALID_ARGUMENT');
  });
});

describe('nameConstraintRule', () => {
  it("scope 'issued': a CA's constraints reach only the certificates it signs (wolfSSL)", () => {
    const r = root({ cn: 'NC Root S', excluded: [{ dns: 'example.com' }] });
    const ica = intermediate(r, { cn: 'NC CA S' });
    const ee = leaf(ica, { san: [{ dns: 'device.example.com' }] });
    const go = (nameConstraintRule?: object) =>
      codeOf(run({ leaf: ee.der, intermediates: [ica.der], roots: [r.der], nameConstraintRule }));
    expect(go()).toBe('NAME_CONSTRAINT_VIOLATION');
    expect(go({ scope: 'subordinates' })).toBe('NAME_CONSTRAINT_VIOLATION');
    expect(go({ scope: 'issued' })).toBe('OK');
    // The certificate the constrained CA signs is still checked.
    const direct = intermediate(r, { cn: 'NC CA S2', excluded: [{ dns: 'example.com' }] });
    const ee2 = leaf(direct, { san: [{ dns: 'device.example.com' }] });
    expect(
      codeOf(
        run({
          leaf: ee2.der,
          intermediates: [direct.der],
          roots: [r.der],
          nameConstraintRule: { scope: 'issued' },
        }),
      ),
    ).toBe('NAME_CONSTRAINT_VIOLATION');
    expect(go({ scope: 'below' })).toBe('INVALID_ARGUMENT');
  });

  it("excludedWildcard 'literal': a wildcard SAN meets an excluded subtree as a string (OpenSSL, wolfSSL)", () => {
    const r = root({ cn: 'NC Root W' });
    const ica = intermediate(r, { cn: 'NC CA W', excluded: [{ dns: 'device.example.com' }] });
    const ee = leaf(ica, { san: [{ dns: '*.example.com' }] });
    const go = (nameConstraintRule?: object) =>
      codeOf(run({ leaf: ee.der, intermediates: [ica.der], roots: [r.der], nameConstraintRule }));
    expect(go()).toBe('NAME_CONSTRAINT_VIOLATION');
    expect(go({ excludedWildcard: 'literal' })).toBe('OK');
    // An excluded subtree the string itself lies in still rejects it.
    const wide = intermediate(r, { cn: 'NC CA W2', excluded: [{ dns: 'example.com' }] });
    const ee2 = leaf(wide, { san: [{ dns: '*.example.com' }] });
    expect(
      codeOf(
        run({
          leaf: ee2.der,
          intermediates: [wide.der],
          roots: [r.der],
          nameConstraintRule: { excludedWildcard: 'literal' },
        }),
      ),
    ).toBe('NAME_CONSTRAINT_VIOLATION');
    expect(go({ excludedWildcard: 'glob' })).toBe('INVALID_ARGUMENT');
  });

  it('ignores the constraint forms a stack does not process', () => {
    const r = root({ cn: 'NC Root' });
    const ica = intermediate(r, { cn: 'NC CA', permitted: [{ ip: [10, 0, 0, 0, 255, 0, 0, 0] }] });
    const ee = leaf(ica, { san: [{ dns: 'example.com' }, { ip: [192, 0, 2, 1] }] });
    const go = (nameConstraintRule?: object) =>
      codeOf(run({ leaf: ee.der, intermediates: [ica.der], roots: [r.der], nameConstraintRule }));
    expect(go()).toBe('NAME_CONSTRAINT_VIOLATION');
    expect(go({ ignoreForms: ['uri'] })).toBe('NAME_CONSTRAINT_VIOLATION');
    expect(go({ ignoreForms: ['ip'] })).toBe('OK');
  });

  it('ignores an unprocessed form only when told (otherName)', () => {
    const r = root({ cn: 'NC Root 2' });
    const ica = intermediate(r, { cn: 'NC CA 2', excluded: [{ otherName: '1.3.6.1.5.5.7.8.9' }] });
    const ee = leaf(ica, { san: [{ dns: 'example.com' }, { otherName: '1.3.6.1.5.5.7.8.9' }] });
    const go = (nameConstraintRule?: object) =>
      codeOf(run({ leaf: ee.der, intermediates: [ica.der], roots: [r.der], nameConstraintRule }));
    expect(go()).toBe('NAME_CONSTRAINT_VIOLATION');
    expect(go({ ignoreForms: ['other'] })).toBe('OK');
  });

  it('applies dNSName constraints to the CN of a certificate without SAN (wolfSSL)', () => {
    const r = root({ cn: 'NC Root 3' });
    const ica = intermediate(r, { cn: 'NC CA 3', excluded: [{ dns: 'example.com' }] });
    const ee = leaf(ica, { cn: 'device.example.com', san: undefined });
    const go = (nameConstraintRule?: object) =>
      codeOf(run({ leaf: ee.der, intermediates: [ica.der], roots: [r.der], nameConstraintRule }));
    expect(go()).toBe('OK');
    expect(go({ commonNameAsDns: 'without-san' })).toBe('NAME_CONSTRAINT_VIOLATION');
    expect(go({ commonNameAsDns: 'leaf-host-names' })).toBe('NAME_CONSTRAINT_VIOLATION');
    // OpenSSL checks only the leaf, and only CNs that look like host names.
    const notHost = leaf(ica, { cn: 'Device 7 at example.com', san: undefined });
    const goNotHost = (commonNameAsDns: 'leaf-host-names' | 'without-san') =>
      codeOf(
        run({
          leaf: notHost.der,
          intermediates: [ica.der],
          roots: [r.der],
          nameConstraintRule: { commonNameAsDns },
        }),
      );
    expect(goNotHost('leaf-host-names')).toBe('OK');
    const permitted = intermediate(r, { cn: 'NC CA 3b', permitted: [{ dns: 'example.org' }] });
    const eeP = leaf(permitted, { cn: 'Device 7', san: undefined });
    const goP = (commonNameAsDns: 'leaf-host-names' | 'without-san') =>
      codeOf(
        run({
          leaf: eeP.der,
          intermediates: [permitted.der],
          roots: [r.der],
          nameConstraintRule: { commonNameAsDns },
        }),
      );
    expect(goP('leaf-host-names')).toBe('OK');
    expect(goP('without-san')).toBe('NAME_CONSTRAINT_VIOLATION');
  });

  it('checks IP SANs against permitted dNSName subtrees when asked (wolfSSL)', () => {
    const r = root({ cn: 'NC Root 5' });
    const ica = intermediate(r, { cn: 'NC CA 5', permitted: [{ dns: 'example.com' }] });
    const ee = leaf(ica, { san: [{ dns: 'device.example.com' }, { ip: [192, 0, 2, 1] }] });
    const go = (nameConstraintRule?: object) =>
      codeOf(run({ leaf: ee.der, intermediates: [ica.der], roots: [r.der], nameConstraintRule }));
    expect(go()).toBe('OK');
    expect(go({ ipSanAgainstDns: true })).toBe('NAME_CONSTRAINT_VIOLATION');
  });

  it('refuses nameConstraints in an end entity when asked (wolfSSL)', () => {
    const r = root({ cn: 'NC Root 4' });
    const ee = leaf(r, { permitted: [{ dns: 'example.com' }], ncCritical: false });
    const go = (nameConstraintRule?: object) =>
      codeOf(run({ leaf: ee.der, roots: [r.der], strictProfile: false, nameConstraintRule }));
    expect(go()).toBe('OK');
    expect(go({ rejectInEndEntity: true })).toBe('NAME_CONSTRAINT_VIOLATION');
    expect(go({ ignoreForms: ['dns'] })).toBe('INVALID_ARGUMENT');
  });
});
