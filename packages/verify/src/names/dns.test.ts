import { describe, expect, it } from 'vitest';
import { DnsRole, namesWasm } from '../../test/names-wasm.js';

const n = namesWasm();

describe('DNS name syntax (RFC 5280 §4.2.1.6, RFC 1034/1123 preferred syntax)', () => {
  const presented: [string, boolean][] = [
    ['example.com', true],
    ['a', true],
    ['EXAMPLE.com', true],
    ['xn--poema-9qae5a.com.br', true],
    ['a-b.example', true],
    ['*.example.com', true],
    ['*.xn--poema-9qae5a.com.br', true],
    ['', false],
    ['.example.com', false],
    ['example.com.', false], // absolute names are not presented IDs
    ['example..com', false],
    ['-a.example.com', false],
    ['a-.example.com', false],
    ['foo_bar.example.com', false], // underscore (limbo rfc5280::san::underscore-dns)
    ['1.2.3.4', false], // all-numeric last label (limbo rfc5280::san::ip-in-dns)
    ['example.123', false],
    ['*.com', false], // wildcard needs two labels after it
    ['*', false],
    ['*.', false],
    ['*.*.example.com', false],
    ['f*.example.com', false],
    ['*f.example.com', false],
    ['www.*.example.com', false],
    ['w*w.example.com', false],
    ['bücher.example', false], // U-label: only A-labels are allowed
    ['www.example.com\0', false],
    ['exa mple.com', false],
    [`${'a'.repeat(63)}.com`, true],
    [`${'a'.repeat(64)}.com`, false],
  ];
  it.each(presented)('presented %j valid=%s', (name, valid) => {
    expect(n.dnsNameValid(name, DnsRole.Presented)).toBe(valid);
  });

  it('limits a name to 253 bytes', () => {
    const name253 = `${'a.'.repeat(125)}abc`; // 250 + 3
    expect(name253.length).toBe(253);
    expect(n.dnsNameValid(name253, DnsRole.Presented)).toBe(true);
    expect(n.dnsNameValid(`a${name253}`, DnsRole.Presented)).toBe(false);
  });

  it('lets only reference names be absolute and only constraints be empty', () => {
    expect(n.dnsNameValid('example.com.', DnsRole.Reference)).toBe(true);
    expect(n.dnsNameValid('example.com..', DnsRole.Reference)).toBe(false);
    expect(n.dnsNameValid('*.example.com', DnsRole.Reference)).toBe(false);
    expect(n.dnsNameValid('', DnsRole.Reference)).toBe(false);
    expect(n.dnsNameValid('', DnsRole.Constraint)).toBe(true);
    expect(n.dnsNameValid('example.com', DnsRole.Constraint)).toBe(true);
    expect(n.dnsNameValid('.example.com', DnsRole.Constraint)).toBe(false); // limbo nc::invalid-dnsname-leading-period
    expect(n.dnsNameValid('*.example.com', DnsRole.Constraint)).toBe(false); // limbo nc::invalid-dnsname-wildcard
    expect(n.dnsNameValid('example.com.', DnsRole.Constraint)).toBe(false);
  });
});

describe('server name matching (RFC 6125 §6.4)', () => {
  const cases: [string, string, boolean][] = [
    ['example.com', 'example.com', true],
    ['example.com', 'EXAMPLE.COM', true],
    ['ExAmPlE.CoM', 'example.com', true],
    ['example.com', 'example.com.', true], // absolute reference matches relative presented
    ['example.com', 'www.example.com', false],
    ['www.example.com', 'example.com', false],
    ['ww.example.com', 'www.example.com', false],
    ['example.com', 'example.org', false],
    ['*.example.com', 'foo.example.com', true],
    ['*.example.com', 'FOO.Example.COM', true],
    ['*.example.com', 'foo.example.com.', true],
    ['*.example.com', 'example.com', false], // the wildcard never matches zero labels
    ['*.example.com', 'bar.foo.example.com', false], // ...nor more than one
    ['*.example.com', '.example.com', false],
    ['*.test.de', 'www.test.co.jp', false],
    ['*.xn--poema-9qae5a.com.br', 'www.xn--poema-9qae5a.com.br', true],
    ['*.xn--poema-9qae5a.com.br', 'xn--poema-9qae5a.com.br', false],
  ];
  it.each(cases)('%j matches %j: %s', (presented, reference, expected) => {
    expect(n.dnsMatches(presented, reference)).toBe(expected);
  });
});

describe('dNSName constraint subtrees (RFC 5280 §4.2.1.10)', () => {
  const within: [string, string, boolean][] = [
    ['example.com', 'example.com', true], // zero labels added
    ['www.example.com', 'example.com', true],
    ['a.b.example.com', 'example.com', true],
    ['WWW.EXAMPLE.COM', 'example.com', true],
    ['bigexample.com', 'example.com', false], // whole labels only
    ['example.com', 'www.example.com', false],
    ['example.org', 'example.com', false],
    ['anything.example', '', true], // the empty constraint contains every name
    ['*.example.com', 'example.com', true], // every expansion is inside
    ['*.example.com', 'foo.example.com', false], // limbo cve-2025-61727-nc-permits-variant
    ['*.foo.example.com', 'foo.example.com', true],
  ];
  it.each(within)('%j within %j: %s', (name, constraint, expected) => {
    expect(n.dnsWithin(name, constraint)).toBe(expected);
  });

  const mayEnter: [string, string, boolean][] = [
    ['*.example.com', 'bar.example.com', true], // CVE-2025-61727
    ['*.example.com', 'BAR.example.com', true],
    ['*.example.com', 'example.com', true],
    ['*.example.com', 'a.b.example.com', false], // one label only
    ['*.example.com', 'bar.example.org', false],
    ['*.example.com', 'xexample.com', false],
    ['foo.example.com', 'bar.example.com', false], // not a wildcard: plain subtree test
    ['bar.example.com', 'bar.example.com', true],
  ];
  it.each(mayEnter)('%j may enter excluded %j: %s', (name, constraint, expected) => {
    expect(n.dnsWildcardMayEnter(name, constraint)).toBe(expected);
  });
});
