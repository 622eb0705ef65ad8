import { describe, expect, it } from 'vitest';
import { namesWasm } from '../../test/names-wasm.js';

const n = namesWasm();

describe('rfc822Name mailboxes (RFC 5321 §4.1.2)', () => {
  const cases: [string, number][] = [
    ['foo@example.com', 3],
    ['first.last@example.com', 10],
    ['*@example.com', 1],
    ['**@example.com', 2],
    ['user*@example.com', 5],
    ["!#$%&'*+-/=?^_`{|}~@example.com", 19],
    ['"quoted @ part"@example.com', 15],
    ['"a\\"b"@example.com', 6],
    ['invalid@address@example.com', -1], // limbo nc-permits-invalid-email-san
    ['@example.com', -1],
    ['foo@', -1],
    ['foo', -1],
    ['.foo@example.com', -1],
    ['foo.@example.com', -1],
    ['fo..o@example.com', -1],
    ['foo@example..com', -1],
    ['foo@[192.0.2.1]', -1],
    ['fo o@example.com', -1],
    [`${'a'.repeat(65)}@example.com`, -1],
  ];
  it.each(cases)('%j splits at %i', (email, at) => {
    expect(n.mailboxSplit(email)).toBe(at);
  });
});

describe('rfc822Name constraints (RFC 5280 §4.2.1.10)', () => {
  it('accepts the three forms and rejects malformed ones', () => {
    for (const c of ['foo@example.com', 'example.com', '.example.com', '', '*@example.com']) {
      expect(n.emailConstraintValid(c)).toBe(true);
    }
    for (const c of [
      'invalid@invalid@example.com',
      '.',
      '..example.com',
      'foo@',
      '@example.com',
      'exa mple.com',
    ]) {
      expect(n.emailConstraintValid(c)).toBe(false);
    }
  });

  const within: [string, string, boolean][] = [
    ['foo@example.com', 'foo@example.com', true],
    ['foo@EXAMPLE.com', 'foo@example.com', true], // host ignores case
    ['Foo@example.com', 'foo@example.com', false], // local part is exact
    ['bar@example.com', 'foo@example.com', false],
    ['foo@example.com', 'example.com', true], // every mailbox on the host
    ['foo@sub.example.com', 'example.com', false], // ...but not below it
    ['foo@sub.example.com', '.example.com', true],
    ['foo@example.com', '.example.com', false], // leading period: at least one more label
    ['foo@badexample.com', '.example.com', false],
    ['*@example.com', '*@example.com', true], // "*" is literal
    ['user@example.com', '*@example.com', false],
    ['*@subdomain.example.com', '*@example.com', false],
    ['**@example.com', '**@example.com', true],
    ['*@example.com', '**@example.com', false],
    ['user*@example.com', 'user*@example.com', true],
    ['anyone@anywhere.example', '', true],
  ];
  it.each(within)('%j within %j: %s', (email, constraint, expected) => {
    expect(n.emailWithin(email, constraint)).toBe(expected);
  });
});

describe('URI hosts and constraints (RFC 3986 §3.2, RFC 5280 §4.2.1.10)', () => {
  const hosts: [string, string | undefined][] = [
    ['https://example.com/path', 'example.com'],
    ['https://user:pw@Example.COM:8443/x?y#z', 'Example.COM'],
    ['spiffe://trust.example/workload', 'trust.example'],
    ['http://example.com.', 'example.com'],
    ['urn:uuid:1234', undefined], // no authority
    ['mailto:foo@example.com', undefined],
    ['https://192.0.2.1/', undefined], // IP hosts cannot match URI constraints
    ['https://[2001:db8::1]/', undefined],
    ['https://', undefined],
    ['https://example.com:80x/', undefined],
    ['https://ex%61mple.com/', undefined],
    ['1http://example.com', undefined],
  ];
  it.each(hosts)('%j has host %j', (uri, host) => {
    expect(n.uriHost(uri)).toBe(host);
  });

  it('matches hosts against host and domain constraints', () => {
    expect(n.uriConstraintValid('example.com')).toBe(true);
    expect(n.uriConstraintValid('.example.com')).toBe(true);
    expect(n.uriConstraintValid('')).toBe(false);
    expect(n.uriConstraintValid('https://example.com')).toBe(false);
    expect(n.uriHostWithin('example.com', 'example.com')).toBe(true);
    expect(n.uriHostWithin('EXAMPLE.com', 'example.com')).toBe(true);
    expect(n.uriHostWithin('www.example.com', 'example.com')).toBe(false);
    expect(n.uriHostWithin('www.example.com', '.example.com')).toBe(true);
    expect(n.uriHostWithin('example.com', '.example.com')).toBe(false);
    expect(n.uriHostWithin('wwwexample.com', '.example.com')).toBe(false);
  });
});
