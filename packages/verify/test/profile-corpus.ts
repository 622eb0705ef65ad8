// The generated corpus of the device-profile differential: chains that exercise each behaviour
// in which TLS stacks differ (chain order, the validity of each position including the root,
// SHA-1 and MD5, RSA-1024, unsupported algorithms, unknown and policy critical extensions, name
// constraints, how issuer names are compared, server-name matching, trusted leaves and
// intermediates, long chains and path lengths, keyUsage/EKU, v1 certificates, serials, key
// identifiers, signatures, size). Every behaviour runs over four key sets (RSA-2048; a P-384
// root over P-256; an RSA root over ECDSA; RSA with a P-256 leaf) with the fixed keys of corpus-pki.ts; the few random choices come from a seeded
// PRNG, so the corpus (and every RSA certificate in it, byte for byte) is the same on every run.
// Node only; not part of the published API (moves to the test-pki workspace with the builders).

import type { GeneralName } from '@hubtrust/test-pki';
import { bits, ext, ia5, int, nul, oid, seq, tlv } from '@hubtrust/test-pki';
import {
  AT,
  type CertSpec,
  certify,
  corpusKey,
  type DN,
  dn,
  encodeDn,
  type Issued,
  NOT_AFTER,
  NOT_BEFORE,
  printable,
  resetSerials,
  utf8,
} from './corpus-pki.js';
import { prng } from './rsa-abi.js';
import type { StackCase } from './stacks.js';

/** One generated chain: a stack case plus the behaviour it exercises. */
export interface CorpusCase extends StackCase {
  /** `group::variant`; the id adds the key set. */
  behaviour: string;
}

/** Validation time of the corpus (inside the default validity 2025..2035). */
export const CORPUS_TIME = new Date('2030-06-01T00:00:00Z');
/** The server name every leaf is issued for unless a case says otherwise. */
export const CORPUS_HOST = 'device.example.com';

interface Keyset {
  name: string;
  root: string;
  ints: string[];
  leaf: string;
}

const range = (family: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${family}-${from + i}`);

/**
 * Each key set gives every position of a chain its own key (up to 13 intermediates), so no two
 * certificates of a chain share a key identifier; index 15 of each family is kept for decoys.
 */
const KEYSETS: Keyset[] = [
  { name: 'rsa', root: 'rsa2048-0', ints: range('rsa2048', 1, 13), leaf: 'rsa2048-14' },
  { name: 'ec', root: 'p384-0', ints: range('p256', 0, 12), leaf: 'p256-13' },
  { name: 'mixed', root: 'rsa2048-0', ints: range('p256', 0, 12), leaf: 'p384-13' },
  { name: 'rsa-ec-leaf', root: 'rsa2048-0', ints: range('rsa2048', 1, 13), leaf: 'p256-13' },
];
/** Keys no key set uses in its chains. */
const DECOY = { rsa: 'rsa2048-15', ec: 'p256-15' } as const;

type Patch = Partial<CertSpec>;

interface Chain {
  root: Issued;
  /** From the root down: ints[0] is issued by the root. */
  ints: Issued[];
  leaf: Issued;
}

interface ChainOptions {
  depth?: number;
  root?: Patch;
  int?: (i: number) => Patch | undefined;
  leaf?: Patch;
}

const DAY = 86_400_000;
const at = (ms: number) => new Date(CORPUS_TIME.getTime() + ms);

/** The corpus leaf: issued for CORPUS_HOST with serverAuth, `patch` on top. */
function leafOf(ks: Keyset, issuer: Issued, patch: Patch = {}): Issued {
  const base: CertSpec = {
    subject: dn('Test Leaf'),
    key: corpusKey(ks.leaf),
    issuer,
    san: [{ dns: CORPUS_HOST }],
    eku: ['serverAuth'],
  };
  return certify({ ...base, ...patch }, false);
}

function build(ks: Keyset, o: ChainOptions = {}): Chain {
  const depth = o.depth ?? 1;
  const root = certify({ subject: dn('Test Root'), key: corpusKey(ks.root), ...o.root }, true);
  let parent = root;
  const ints: Issued[] = [];
  for (let i = 0; i < depth; i++) {
    const key = corpusKey(ks.ints[i % ks.ints.length] as string);
    const c = certify(
      { subject: dn(`Test Intermediate ${i + 1}`), key, issuer: parent, ...o.int?.(i) },
      true,
    );
    ints.push(c);
    parent = c;
  }
  const leaf = leafOf(ks, parent, o.leaf);
  return { root, ints, leaf };
}

/** The intermediates as a server sends them: the leaf's issuer first. */
const sent = (c: Chain) => [...c.ints].reverse().map((x) => x.der);

class Corpus {
  readonly cases: CorpusCase[] = [];
  constructor(readonly random: () => number) {}

  add(
    ks: Keyset,
    behaviour: string,
    c: { leaf: Uint8Array; intermediates: Uint8Array[]; roots: Uint8Array[] },
    o: { time?: Date; host?: string | null; purpose?: StackCase['purpose'] } = {},
  ): void {
    const host = o.host === null ? undefined : (o.host ?? CORPUS_HOST);
    this.cases.push({
      id: `${behaviour}::${ks.name}`,
      behaviour,
      time: o.time ?? CORPUS_TIME,
      ...(host !== undefined ? { host } : {}),
      purpose: o.purpose ?? 'server',
      leaf: c.leaf,
      intermediates: c.intermediates,
      roots: c.roots,
    });
  }

  /** Adds a chain as a server sends it (leaf, intermediates in order, the root trusted). */
  chain(ks: Keyset, behaviour: string, c: Chain, o: Parameters<Corpus['add']>[3] = {}): void {
    this.add(ks, behaviour, { leaf: c.leaf.der, intermediates: sent(c), roots: [c.root.der] }, o);
  }
}

// ---- groups ----

function baseline(k: Corpus, ks: Keyset): void {
  for (let depth = 0; depth <= 3; depth++) k.chain(ks, `baseline::depth-${depth}`, build(ks, { depth }));
  for (const hash of ['sha384', 'sha512'] as const) {
    const all = { hash };
    k.chain(ks, `baseline::${hash}`, build(ks, { root: all, int: () => all, leaf: all }));
  }
}

function order(k: Corpus, ks: Keyset): void {
  const permute = (c: Chain, name: string, idx: number[]) =>
    k.add(ks, `order::${name}`, {
      leaf: c.leaf.der,
      intermediates: idx.map((i) => (c.ints[i] as Issued).der),
      roots: [c.root.der],
    });
  const two = build(ks, { depth: 2 });
  permute(two, 'depth2-reversed', [0, 1]);
  const three = build(ks, { depth: 3 });
  for (const p of [
    [2, 0, 1],
    [1, 2, 0],
    [1, 0, 2],
    [0, 2, 1],
    [0, 1, 2],
  ])
    permute(three, `depth3-${p.join('')}`, p);
  const four = build(ks, { depth: 4 });
  const shuffled = [0, 1, 2, 3];
  for (let i = 3; i > 0; i--) {
    const j = Math.floor(k.random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as number, shuffled[i] as number];
  }
  permute(four, 'depth4-reversed', [0, 1, 2, 3]);
  permute(four, 'depth4-shuffled', shuffled);
  const one = build(ks, { depth: 2 });
  const base = { leaf: one.leaf.der, roots: [one.root.der] };
  const [i1, i2] = [(one.ints[0] as Issued).der, (one.ints[1] as Issued).der];
  k.add(ks, 'order::root-sent-last', { ...base, intermediates: [i2, i1, one.root.der] });
  k.add(ks, 'order::root-sent-first', { ...base, intermediates: [one.root.der, i2, i1] });
  k.add(ks, 'order::duplicate-intermediate', { ...base, intermediates: [i2, i2, i1] });
  const decoy = certify(
    { subject: dn('Test Intermediate 2'), key: corpusKey(DECOY.ec), issuer: one.ints[0] as Issued },
    true,
  );
  k.add(ks, 'order::same-name-decoy-first', { ...base, intermediates: [decoy.der, i2, i1] });
  const stranger = certify(
    { subject: dn('Unrelated CA'), key: corpusKey(DECOY.rsa), issuer: one.root },
    true,
  );
  k.add(ks, 'order::unrelated-in-middle', { ...base, intermediates: [i2, stranger.der, i1] });
  k.add(ks, 'order::missing-intermediate', { ...base, intermediates: [i2] });
}

function expiry(k: Corpus, ks: Keyset): void {
  const states: [string, Patch, Date][] = [
    ['expired', { notAfter: at(-DAY) }, CORPUS_TIME],
    ['not-yet-valid', { notBefore: at(DAY) }, CORPUS_TIME],
    ['at-not-after', { notAfter: CORPUS_TIME }, CORPUS_TIME],
    ['second-after-not-after', { notAfter: at(-1000) }, CORPUS_TIME],
    ['at-not-before', { notBefore: CORPUS_TIME }, CORPUS_TIME],
  ];
  for (const [state, patch] of states) {
    k.chain(ks, `expiry::leaf-${state}`, build(ks, { depth: 2, leaf: patch }));
    k.chain(ks, `expiry::int1-${state}`, build(ks, { depth: 2, int: (i) => (i === 1 ? patch : undefined) }));
    k.chain(ks, `expiry::int2-${state}`, build(ks, { depth: 2, int: (i) => (i === 0 ? patch : undefined) }));
    k.chain(ks, `expiry::root-${state}`, build(ks, { depth: 2, root: patch }));
  }
  // The same root re-issued with a new validity: the store holds both.
  const c = build(ks, { root: { notAfter: at(-DAY) } });
  const renewed = certify({ subject: dn('Test Root'), key: corpusKey(ks.root) }, true);
  k.add(ks, 'expiry::root-expired-and-renewed', {
    leaf: c.leaf.der,
    intermediates: sent(c),
    roots: [c.root.der, renewed.der],
  });
  k.add(ks, 'expiry::root-expired-sent-in-chain', {
    leaf: c.leaf.der,
    intermediates: [...sent(c), c.root.der],
    roots: [c.root.der],
  });
  k.add(ks, 'expiry::root-renewed-expired-sent', {
    leaf: c.leaf.der,
    intermediates: [...sent(c), c.root.der],
    roots: [renewed.der],
  });
}

function weakHashes(k: Corpus, ks: Keyset): void {
  const sha1 = { hash: 'sha1' } as const;
  k.chain(ks, 'sha1::leaf', build(ks, { leaf: sha1 }));
  k.chain(ks, 'sha1::int', build(ks, { int: () => sha1 }));
  k.chain(ks, 'sha1::root-self-signature', build(ks, { root: sha1 }));
  k.chain(ks, 'sha1::all', build(ks, { root: sha1, int: () => sha1, leaf: sha1 }));
  if (ks.name === 'rsa') {
    k.chain(ks, 'md5::leaf', build(ks, { leaf: { hash: 'md5' } }));
    k.chain(ks, 'md5::int', build(ks, { int: () => ({ hash: 'md5' }) }));
    k.chain(ks, 'md5::root-self-signature', build(ks, { root: { hash: 'md5' } }));
  }
}

function rsaSizes(k: Corpus, ks: Keyset): void {
  k.chain(ks, 'rsa-size::root-1024', build(ks, { root: { key: corpusKey('rsa1024-0') } }));
  k.chain(ks, 'rsa-size::int-1024', build(ks, { int: () => ({ key: corpusKey('rsa1024-1') }) }));
  k.chain(ks, 'rsa-size::leaf-1024', build(ks, { leaf: { key: corpusKey('rsa1024-2') } }));
  k.chain(ks, 'rsa-size::leaf-3072', build(ks, { leaf: { key: corpusKey('rsa3072-0') } }));
  k.chain(ks, 'rsa-size::root-4096', build(ks, { root: { key: corpusKey('rsa4096-0') } }));
}

function algorithms(k: Corpus, ks: Keyset): void {
  for (const [name, key] of [
    ['ed25519', 'ed25519-0'],
    ['p521', 'p521-0'],
  ] as const) {
    k.chain(ks, `algorithm::${name}-leaf`, build(ks, { leaf: { key: corpusKey(key) } }));
    k.chain(ks, `algorithm::${name}-int`, build(ks, { int: () => ({ key: corpusKey(key) }) }));
    k.chain(ks, `algorithm::${name}-root`, build(ks, { root: { key: corpusKey(key) } }));
  }
  const rsaRoot = corpusKey(ks.root).family === 'rsa';
  const rsaInt = corpusKey(ks.ints[0] as string).family === 'rsa';
  if (rsaInt) k.chain(ks, 'algorithm::pss-leaf', build(ks, { leaf: { pss: true } }));
  if (rsaRoot) k.chain(ks, 'algorithm::pss-int', build(ks, { int: () => ({ pss: true }) }));
}

const UNKNOWN_EXT = '1.3.6.1.4.1.55555.1.1';
const ANY_POLICY = '2.5.29.32.0';
const DV_POLICY = '2.23.140.1.2.1';

function policies(withQualifier?: 'cps' | 'notice', policy = DV_POLICY): Uint8Array {
  const q =
    withQualifier === 'cps'
      ? [seq(seq(oid('1.3.6.1.5.5.7.2.1'), ia5(0x16, 'https://example.com/cps')))]
      : withQualifier === 'notice'
        ? [seq(seq(oid('1.3.6.1.5.5.7.2.2'), seq(tlv(0x0c, new TextEncoder().encode('test')))))]
        : [];
  return seq(seq(oid(policy), ...q));
}

function criticalExtensions(k: Corpus, ks: Keyset): void {
  const unknown = (critical: boolean) => [ext(UNKNOWN_EXT, critical, nul())];
  for (const critical of [true, false]) {
    const tag = critical ? 'critical' : 'noncritical';
    k.chain(ks, `extension::unknown-${tag}-leaf`, build(ks, { leaf: { extensions: unknown(critical) } }));
    k.chain(
      ks,
      `extension::unknown-${tag}-int`,
      build(ks, { int: () => ({ extensions: unknown(critical) }) }),
    );
    k.chain(ks, `extension::unknown-${tag}-root`, build(ks, { root: { extensions: unknown(critical) } }));
  }
  const variants: [string, Uint8Array][] = [
    ['any-policy', policies(undefined, ANY_POLICY)],
    ['policy', policies()],
    ['policy-cps', policies('cps')],
    ['policy-user-notice', policies('notice')],
  ];
  for (const [name, value] of variants) {
    const e = [ext('2.5.29.32', true, value)];
    k.chain(ks, `extension::critical-${name}-leaf`, build(ks, { leaf: { extensions: e } }));
    k.chain(ks, `extension::critical-${name}-int`, build(ks, { int: () => ({ extensions: e }) }));
  }
  const one = (name: string, p: ChainOptions) => k.chain(ks, `extension::${name}`, build(ks, p));
  one('noncritical-policy-int', { int: () => ({ extensions: [ext('2.5.29.32', false, policies())] }) });
  one('policy-constraints-int', {
    int: () => ({ extensions: [ext('2.5.29.36', true, seq(tlv(0x80, Uint8Array.of(0))))] }),
  });
  one('inhibit-any-policy-int', { int: () => ({ extensions: [ext('2.5.29.54', true, int(0))] }) });
  one('policy-mappings-int', {
    int: () => ({ extensions: [ext('2.5.29.33', true, seq(seq(oid(DV_POLICY), oid('2.23.140.1.2.2'))))] }),
  });
  one('critical-eku-leaf', { leaf: { ekuCritical: true } });
  one('critical-ski-int', { int: () => ({ skiCritical: true }) });
  one('critical-aki-leaf', { leaf: { akiCritical: true } });
  one('critical-san-leaf', { leaf: { sanCritical: true } });
  one('noncritical-bc-int', { int: () => ({ bcCritical: false }) });
  one('noncritical-ku-leaf', { leaf: { kuCritical: false } });
  one('bc-ca-false-critical-leaf', { leaf: { ca: false } });
  one('critical-ns-cert-type-leaf', {
    leaf: { extensions: [ext('2.16.840.1.113730.1.1', true, bits(Uint8Array.of(0x40), 6))] },
  });
}

function nameConstraints(k: Corpus, ks: Keyset): void {
  const cases: [string, Patch][] = [
    ['permitted-match', { permitted: [{ dns: 'example.com' }] }],
    ['permitted-mismatch', { permitted: [{ dns: 'example.org' }] }],
    ['excluded-match', { excluded: [{ dns: 'example.com' }] }],
    ['excluded-nomatch', { excluded: [{ dns: 'example.org' }] }],
  ];
  for (const [name, nc] of cases) {
    for (const critical of [true, false]) {
      const p = { ...nc, ncCritical: critical };
      const tag = critical ? 'critical' : 'noncritical';
      k.chain(ks, `nc::dns-${name}-${tag}-int`, build(ks, { int: () => p }));
      k.chain(ks, `nc::dns-${name}-${tag}-root`, build(ks, { root: p }));
    }
  }
  const leafIp = { san: [{ dns: CORPUS_HOST }, { ip: [10, 1, 2, 3] }] as GeneralName[] };
  const ipNet = (a: number) => ({ ip: [a, 0, 0, 0, 255, 0, 0, 0] });
  k.chain(ks, 'nc::ip-permitted-match', build(ks, { int: () => ({ permitted: [ipNet(10)] }), leaf: leafIp }));
  k.chain(
    ks,
    'nc::ip-permitted-mismatch',
    build(ks, { int: () => ({ permitted: [ipNet(11)] }), leaf: leafIp }),
  );
  const dirName = (o: string): GeneralName => ({ dn: [[AT.O, o]] });
  k.chain(
    ks,
    'nc::dirname-permitted-mismatch',
    build(ks, { int: () => ({ permitted: [dirName('Other Org')] }) }),
  );
  k.chain(
    ks,
    'nc::dirname-excluded-match',
    build(ks, { int: () => ({ excluded: [dirName('Hubtrust Test')] }) }),
  );
  const leafMail = { san: [{ dns: CORPUS_HOST }, { email: 'ops@example.com' }] as GeneralName[] };
  k.chain(
    ks,
    'nc::email-permitted-match',
    build(ks, { int: () => ({ permitted: [{ email: 'example.com' }] }), leaf: leafMail }),
  );
  k.chain(
    ks,
    'nc::email-permitted-mismatch',
    build(ks, { int: () => ({ permitted: [{ email: 'example.org' }] }), leaf: leafMail }),
  );
  const leafUri = { san: [{ dns: CORPUS_HOST }, { uri: 'https://device.example.com/x' }] as GeneralName[] };
  k.chain(
    ks,
    'nc::uri-permitted-mismatch',
    build(ks, { int: () => ({ permitted: [{ uri: 'example.org' }] }), leaf: leafUri }),
  );
  k.chain(
    ks,
    'nc::dns-excluded-cn-only-leaf',
    build(ks, {
      int: () => ({ excluded: [{ dns: 'example.com' }] }),
      leaf: { san: undefined, subject: dn(CORPUS_HOST) },
    }),
  );
  k.chain(
    ks,
    'nc::dns-excluded-wildcard-leaf',
    build(ks, {
      int: () => ({ excluded: [{ dns: 'device.example.com' }] }),
      leaf: { san: [{ dns: '*.example.com' }] },
    }),
  );
}

/** A DN written differently from dn(cn): what a CA that re-encoded its name issues. */
const REWRITES: [string, (cn: string) => DN | undefined][] = [
  ['upper-cn', (cn) => dn(cn.toUpperCase())],
  ['lower-o', (cn) => dn(cn, 'hubtrust test')],
  [
    'printable-cn',
    (cn) => [[[AT.C, printable('US')]], [[AT.O, utf8('Hubtrust Test')]], [[AT.CN, printable(cn)]]],
  ],
  ['utf8-c', (cn) => [[[AT.C, utf8('US')]], [[AT.O, utf8('Hubtrust Test')]], [[AT.CN, utf8(cn)]]]],
  [
    'printable-upper-cn',
    (cn) => [
      [[AT.C, printable('US')]],
      [[AT.O, utf8('Hubtrust Test')]],
      [[AT.CN, printable(cn.toUpperCase())]],
    ],
  ],
  ['double-space', (cn) => dn(cn.replace(' ', '  '))],
  ['trailing-space', (cn) => dn(`${cn} `)],
  ['leading-space', (cn) => dn(` ${cn}`)],
  [
    'teletex-cn',
    (cn) => [
      [[AT.C, printable('US')]],
      [[AT.O, utf8('Hubtrust Test')]],
      [[AT.CN, { type: 'teletex', value: cn }]],
    ],
  ],
  ['rdn-order', (cn) => [[[AT.CN, utf8(cn)]], [[AT.O, utf8('Hubtrust Test')]], [[AT.C, printable('US')]]]],
  ['other-name', (cn) => dn(`${cn} X`)],
];

function nameChaining(k: Corpus, ks: Keyset): void {
  for (const [variant, rewrite] of REWRITES) {
    for (const aki of [true, false]) {
      const tag = aki ? 'aki' : 'no-aki';
      const leafIssuer = encodeDn(rewrite('Test Intermediate 1') as DN);
      k.chain(
        ks,
        `names::${variant}-leaf-issuer-${tag}`,
        build(ks, { leaf: { issuerField: leafIssuer, aki } }),
      );
      const intIssuer = encodeDn(rewrite('Test Root') as DN);
      k.chain(
        ks,
        `names::${variant}-int-issuer-${tag}`,
        build(ks, { int: () => ({ issuerField: intIssuer, aki }) }),
      );
    }
  }
}

function hostnames(k: Corpus, ks: Keyset): void {
  const h = (name: string, leaf: Patch, host: string | null = CORPUS_HOST) =>
    k.chain(ks, `host::${name}`, build(ks, { leaf }), { host });
  const san = (...names: string[]) => ({ san: names.map((dns) => ({ dns })) });
  h('exact', {});
  h('host-upper', {}, 'DEVICE.Example.COM');
  h('san-upper', san('DEVICE.EXAMPLE.COM'));
  h('wildcard', san('*.example.com'));
  h('wildcard-two-labels', san('*.example.com'), 'a.device.example.com');
  h('wildcard-bare-domain', san('*.example.com'), 'example.com');
  h('wildcard-partial-label', san('dev*.example.com'));
  h('wildcard-middle-label', san('device.*.com'));
  h('wildcard-tld', san('*.com'), 'example.com');
  h('cn-only', { san: undefined, subject: dn(CORPUS_HOST) });
  h('cn-only-mismatch', { san: undefined, subject: dn('other.example.com') });
  h('cn-only-wildcard', { san: undefined, subject: dn('*.example.com') });
  h('cn-only-upper', { san: undefined, subject: dn(CORPUS_HOST.toUpperCase()) });
  h('cn-matches-san-does-not', { ...san('other.example.com'), subject: dn(CORPUS_HOST) });
  h('cn-matches-san-ip-only', { san: [{ ip: [192, 0, 2, 1] }], subject: dn(CORPUS_HOST) });
  h('cn-matches-san-email-only', { san: [{ email: 'ops@example.com' }], subject: dn(CORPUS_HOST) });
  h('two-cns-second-matches', {
    san: undefined,
    subject: [[[AT.C, printable('US')]], [[AT.CN, utf8('other.example.com')]], [[AT.CN, utf8(CORPUS_HOST)]]],
  });
  h('host-trailing-dot', {}, `${CORPUS_HOST}.`);
  h('san-trailing-dot', san(`${CORPUS_HOST}.`));
  h('idn-a-label', san('xn--bcher-kva.example.com'), 'xn--bcher-kva.example.com');
  h('san-mismatch', san('other.example.com'));
  h('second-san-matches', san('other.example.com', CORPUS_HOST));
  h('no-host-given', san('other.example.com'), null);
}

function trustAnchors(k: Corpus, ks: Keyset): void {
  const self = (name: string, p: Patch) => {
    const leaf = certify(
      {
        subject: dn(CORPUS_HOST),
        key: corpusKey(ks.leaf),
        san: [{ dns: CORPUS_HOST }],
        eku: ['serverAuth'],
        aki: false,
        ski: true,
        ...p,
      },
      false,
    );
    k.add(ks, `anchor::${name}`, { leaf: leaf.der, intermediates: [], roots: [leaf.der] });
  };
  self('self-signed-leaf', {});
  self('self-signed-leaf-ca', { ca: true, keyUsage: ['digitalSignature', 'keyCertSign'] });
  self('self-signed-leaf-expired', { notAfter: at(-DAY) });
  const c = build(ks);
  const int = c.ints[0] as Issued;
  k.add(ks, 'anchor::issued-leaf-pinned-chain-sent', {
    leaf: c.leaf.der,
    intermediates: [int.der],
    roots: [c.leaf.der],
  });
  k.add(ks, 'anchor::issued-leaf-pinned-alone', { leaf: c.leaf.der, intermediates: [], roots: [c.leaf.der] });
  k.add(ks, 'anchor::intermediate-trusted', { leaf: c.leaf.der, intermediates: [], roots: [int.der] });
  k.add(ks, 'anchor::intermediate-trusted-and-sent', {
    leaf: c.leaf.der,
    intermediates: [int.der],
    roots: [int.der],
  });
  k.add(ks, 'anchor::intermediate-trusted-root-sent', {
    leaf: c.leaf.der,
    intermediates: [int.der, c.root.der],
    roots: [int.der],
  });
  const d2 = build(ks, { depth: 2 });
  k.add(ks, 'anchor::lower-intermediate-trusted', {
    leaf: d2.leaf.der,
    intermediates: sent(d2),
    roots: [(d2.ints[1] as Issued).der],
  });
  const other = certify({ subject: dn('Other Root'), key: corpusKey(DECOY.ec) }, true);
  k.add(ks, 'anchor::untrusted-root-sent', {
    leaf: c.leaf.der,
    intermediates: [int.der, c.root.der],
    roots: [other.der],
  });
  const decoy = certify({ subject: dn('Test Root'), key: corpusKey(DECOY.rsa) }, true);
  k.add(ks, 'anchor::same-name-wrong-key-first', {
    leaf: c.leaf.der,
    intermediates: [int.der],
    roots: [decoy.der, c.root.der],
  });
  k.chain(ks, 'anchor::root-without-bc', build(ks, { root: { ca: null } }));
  k.chain(ks, 'anchor::root-ca-false', build(ks, { root: { ca: false } }));
  k.chain(ks, 'anchor::root-without-keycertsign', build(ks, { root: { keyUsage: ['digitalSignature'] } }));
  k.chain(ks, 'anchor::root-pathlen-0', build(ks, { root: { pathLen: 0 } }));
}

function depths(k: Corpus, ks: Keyset): void {
  for (let depth = 4; depth <= 12; depth++)
    k.chain(ks, `depth::intermediates-${depth}`, build(ks, { depth }));
  k.chain(ks, 'depth::root-pathlen-0-two-ints', build(ks, { depth: 2, root: { pathLen: 0 } }));
  k.chain(
    ks,
    'depth::int-pathlen-0-below',
    build(ks, { depth: 2, int: (i) => (i === 0 ? { pathLen: 0 } : undefined) }),
  );
  k.chain(
    ks,
    'depth::int-pathlen-1-two-below',
    build(ks, { depth: 3, int: (i) => (i === 0 ? { pathLen: 1 } : undefined) }),
  );
  // A self-issued intermediate (same name, new key) does not count against pathLen (RFC 5280
  // 4.2.1.9): root (pathLen 1) -> i1 -> i1' (self-issued) -> leaf has one counted intermediate.
  const root = certify({ subject: dn('Test Root'), key: corpusKey(ks.root), pathLen: 1 }, true);
  const i1 = certify(
    { subject: dn('Test Intermediate 1'), key: corpusKey(ks.ints[0] as string), issuer: root },
    true,
  );
  const i1b = certify(
    { subject: dn('Test Intermediate 1'), key: corpusKey(ks.ints[1] as string), issuer: i1 },
    true,
  );
  const leaf = leafOf(ks, i1b);
  k.add(ks, 'depth::self-issued-not-counted', {
    leaf: leaf.der,
    intermediates: [i1b.der, i1.der],
    roots: [root.der],
  });
}

function usages(k: Corpus, ks: Keyset): void {
  const u = (name: string, o: ChainOptions, purpose: StackCase['purpose'] = 'server') =>
    k.chain(ks, `usage::${name}`, build(ks, o), { purpose });
  u('leaf-ku-absent', { leaf: { keyUsage: null } });
  u('leaf-ku-key-encipherment', { leaf: { keyUsage: ['keyEncipherment'] } });
  u('leaf-ku-keycertsign', { leaf: { keyUsage: ['keyCertSign'] } });
  u('leaf-ku-signature-and-encipherment', { leaf: { keyUsage: ['digitalSignature', 'keyEncipherment'] } });
  u('leaf-eku-absent', { leaf: { eku: undefined } });
  u('leaf-eku-client-only', { leaf: { eku: ['clientAuth'] } });
  u('leaf-eku-code-signing', { leaf: { eku: ['codeSigning'] } });
  u('leaf-eku-any', { leaf: { eku: ['any'] } });
  u('leaf-eku-server-and-client', { leaf: { eku: ['serverAuth', 'clientAuth'] } });
  u('int-eku-server', { int: () => ({ eku: ['serverAuth'] }) });
  u('int-eku-client-only', { int: () => ({ eku: ['clientAuth'] }) });
  u('int-eku-any', { int: () => ({ eku: ['any'] }) });
  u('int-eku-code-signing', { int: () => ({ eku: ['codeSigning'] }) });
  u('int-ku-absent', { int: () => ({ keyUsage: null }) });
  u('int-ku-signature-only', { int: () => ({ keyUsage: ['digitalSignature'] }) });
  u('int-ku-crlsign-only', { int: () => ({ keyUsage: ['cRLSign'] }) });
  u('int-without-bc', { int: () => ({ ca: null }) });
  u('int-ca-false', { int: () => ({ ca: false }) });
  u('leaf-is-ca', { leaf: { ca: true } });
  u('leaf-is-ca-keycertsign', { leaf: { ca: true, keyUsage: ['digitalSignature', 'keyCertSign'] } });
  u('client-leaf', { leaf: { eku: ['clientAuth'] } }, 'client');
  u('client-leaf-server-eku', { leaf: { eku: ['serverAuth'] } }, 'client');
}

function v1(k: Corpus, ks: Keyset): void {
  const v = { version: 1 } as const;
  k.chain(ks, 'v1::root', build(ks, { root: v }));
  k.chain(ks, 'v1::int', build(ks, { int: () => v }));
  k.chain(ks, 'v1::leaf', build(ks, { leaf: v }), { host: null });
  k.chain(ks, 'v1::root-and-int', build(ks, { root: v, int: () => v }));
}

function misc(k: Corpus, ks: Keyset): void {
  const m = (name: string, o: ChainOptions) => k.chain(ks, `misc::${name}`, build(ks, o));
  m('serial-zero', { leaf: { serial: int(0) } });
  m('serial-negative', { leaf: { serial: int(-5) } });
  m('serial-20-octets', { leaf: { serial: int((1n << 151n) + 12345n) } });
  m('serial-21-octets', { leaf: { serial: int((1n << 160n) + 12345n) } });
  m('leaf-without-aki', { leaf: { aki: false } });
  m('int-without-ski', { int: () => ({ ski: false }) });
  m('int-without-aki', { int: () => ({ aki: false }) });
  m('leaf-aki-other-key', { leaf: { akiKeyId: Uint8Array.from({ length: 20 }, (_, i) => i + 1) } });
  m('int-aki-other-key', { int: () => ({ akiKeyId: Uint8Array.from({ length: 20 }, (_, i) => 40 - i) }) });
  m('leaf-bad-signature', { leaf: { corruptSignature: true } });
  m('int-bad-signature', { int: () => ({ corruptSignature: true }) });
  m('root-bad-self-signature', { root: { corruptSignature: true } });
  m('int-signed-by-other-key', { int: () => ({ signingKey: corpusKey(DECOY.rsa) }) });
  m('leaf-empty-subject-critical-san', { leaf: { subject: [], sanCritical: true } });
  m('leaf-empty-subject-noncritical-san', { leaf: { subject: [] } });
  m('leaf-duplicate-san', {
    leaf: { extensions: [ext('2.5.29.17', false, seq(tlv(0x82, new TextEncoder().encode(CORPUS_HOST))))] },
  });
  m('leaf-validity-inverted', { leaf: { notBefore: at(DAY), notAfter: at(-DAY) } });
  const y2050 = { notBefore: new Date('2049-06-01T00:00:00Z'), notAfter: new Date('2051-01-01T00:00:00Z') };
  k.chain(ks, 'misc::valid-2049-to-2051-at-2050', build(ks, { root: y2050, int: () => y2050, leaf: y2050 }), {
    time: new Date('2050-06-01T00:00:00Z'),
  });
}

function sizes(k: Corpus, ks: Keyset): void {
  const many = (n: number) => [
    ...Array.from({ length: n }, (_, i) => ({ dns: `host-${i}.example.net` })),
    { dns: CORPUS_HOST },
  ];
  k.chain(ks, 'size::leaf-150-sans', build(ks, { leaf: { san: many(150) } }));
  k.chain(ks, 'size::leaf-800-sans', build(ks, { leaf: { san: many(800) } }));
  const longOu: DN = [
    [[AT.C, printable('US')]],
    [[AT.OU, utf8('x'.repeat(3000))]],
    [[AT.CN, utf8('Test Intermediate 1')]],
  ];
  k.chain(ks, 'size::int-3000-byte-subject', build(ks, { int: () => ({ subject: longOu }) }));
}

const GROUPS = [
  baseline,
  order,
  expiry,
  weakHashes,
  rsaSizes,
  algorithms,
  criticalExtensions,
  nameConstraints,
  nameChaining,
  hostnames,
  trustAnchors,
  depths,
  usages,
  v1,
  misc,
  sizes,
];

/** Default seed of {@link profileCorpus}. */
export const CORPUS_SEED = 20261201;

/**
 * Builds the whole corpus (about 1,300 chains, a few seconds of RSA signing). The same seed gives
 * the same cases in the same order.
 */
export function profileCorpus(seed = CORPUS_SEED): CorpusCase[] {
  resetSerials();
  const k = new Corpus(prng(seed));
  for (const ks of KEYSETS) for (const group of GROUPS) group(k, ks);
  return k.cases;
}

export { NOT_AFTER, NOT_BEFORE };
