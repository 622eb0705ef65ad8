// verifyChain cases for the cross-runtime case file (runtime-cases.ts): the real chains of
// test-data/roots (every catalog intermediate against the whole root pool and against the pool
// without its own root; the 2015 Azure IoT Hub leaf at several times and names) and a
// deterministic sample of x509-limbo testcases, half expected to succeed and half to fail.
//
// Each case writes the request with chain-request.ts (the documented layout, as a C host would),
// calls verifyChain, and prints the result code and the whole 128-byte result struct (error,
// certificate, detail, hint, path, work counters). Node's line must carry the code the public
// verifyChain API returns for the same options and respect the verdict the source requires.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ERROR_CODES } from '../src/abi.generated.js';
import { type VerifyChainOptions, type VerifyChainResult, verifyChain } from '../src/verify-chain.js';
import { initSync } from '../src/wasm.js';
import { encodeChainRequest } from './chain-request.js';
import { type LimboTestcase, loadExceptions, loadLimbo } from './limbo.js';
import { limboOptions } from './limbo-harness.js';
import { type ApiCheck, type CheckedCase, escapeRegExp } from './runtime-cases.js';
import { realCertificates } from './x509-cases.js';

/** Bytes of the result struct at verifyResultPtr() (assembly/path/result.ts RESULT_SIZE). */
const RESULT_SIZE = 128;

/** What the source of a case requires of the verdict. */
type Verdict = 'accept' | 'reject';

/**
 * A verifyChain case. Its oracle: the code of the public API on the same options, which must
 * itself fit `verdict` (0 for 'accept', non-zero for 'reject') and pass `check` when given (a
 * message when the API's result is wrong in another way, e.g. the wrong trust anchor).
 */
export function chainCase(
  name: string,
  options: VerifyChainOptions,
  verdict: Verdict,
  check?: (result: VerifyChainResult) => string | undefined,
): CheckedCase {
  const input = encodeChainRequest(options);
  const api = verifyChain(options);
  const code = api.ok ? 0 : ERROR_CODES.indexOf(api.error.code);
  const wrong =
    (verdict === 'accept') !== (code === 0)
      ? `the public API returns ${ERROR_CODES[code]} where the case requires ${verdict}`
      : check?.(api);
  const result = `[0-9a-f]{${2 * RESULT_SIZE}}`;
  return {
    name,
    input,
    steps: [
      { call: 'verifyChain', args: [{ io: 0 }, { value: input.length }], report: true },
      { call: 'verifyResultPtr', args: [], report: false },
    ],
    outputs: [{ base: 1, offset: 0, length: RESULT_SIZE }],
    // A verdict the source forbids makes the pattern unmatchable, and the message says why.
    expect: wrong
      ? new RegExp(`^(?!)${escapeRegExp(wrong)}`)
      : new RegExp(`^${escapeRegExp(name)} ${code} - ${result} p\\d+$`),
  };
}

interface CatalogEntry {
  slug: string;
  role: 'root' | 'intermediate' | 'leaf';
  not_before: string;
  not_after: string;
  chains_to: string[];
}

/** A time inside every given validity period (the middle of their overlap). */
function inside(...entries: CatalogEntry[]): Date {
  const from = Math.max(...entries.map((e) => Date.parse(e.not_before)));
  const to = Math.min(...entries.map((e) => Date.parse(e.not_after)));
  if (!(from < to)) throw new Error(`no common validity: ${entries.map((e) => e.slug).join(', ')}`);
  return new Date(from + Math.floor((to - from) / 2));
}

/** The real-chain cases (test-data/roots and its catalog). */
export function realChainCases(): CheckedCase[] {
  const file = new URL('../test-data/roots/catalog.json.gz', import.meta.url);
  const catalog = (
    JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { certificates: CatalogEntry[] }
  ).certificates;
  const der = new Map(realCertificates().map((c) => [c.name, c.der]));
  const cert = (slug: string) => {
    const d = der.get(slug);
    if (!d) throw new Error(`no certificate ${slug}`);
    return d;
  };
  const entry = (slug: string) => catalog.find((e) => e.slug === slug) as CatalogEntry;
  const roots = catalog.filter((e) => e.role === 'root').map((e) => e.slug);
  const cases: CheckedCase[] = [];
  for (const ca of catalog.filter((e) => e.role === 'intermediate')) {
    // The intermediate as the end of the chain: a CA certificate, so the lenient profile (which
    // accepts a CA leaf) and purpose any; the time lies inside it and its root.
    const base = { leaf: cert(ca.slug), purpose: 'any' as const, strictProfile: false };
    const time = inside(ca, ...ca.chains_to.map(entry));
    // The path must end at the root the catalog names ("and no other").
    const anchoredAtCatalogRoot = (r: VerifyChainResult) => {
      const anchor = r.ok ? r.chain[r.chain.length - 1] : undefined;
      const slug = anchor?.source === 'roots' ? roots[anchor.index] : undefined;
      return slug && ca.chains_to.includes(slug)
        ? undefined
        : `the path ends at ${slug}, not ${ca.chains_to}`;
    };
    cases.push(
      chainCase(
        `chain-${ca.slug}-all-roots`,
        { ...base, time, roots: roots.map(cert) },
        'accept',
        anchoredAtCatalogRoot,
      ),
      chainCase(
        `chain-${ca.slug}-other-roots`,
        { ...base, time, roots: roots.filter((r) => !ca.chains_to.includes(r)).map(cert) },
        'reject',
      ),
    );
  }
  const azure = {
    leaf: cert('leaf-azure-devices-net-2015'),
    intermediates: [cert('microsoft-it-ssl-sha2')],
    roots: [cert('baltimore-cybertrust-root')],
    hostname: 'myhub.azure-devices.net',
  };
  const at2016 = new Date('2016-06-01T00:00:00Z');
  const fails = (code: string) => (r: VerifyChainResult) =>
    !r.ok && r.error.code === code ? undefined : `expected ${code}, got ${r.ok ? 'OK' : r.error.code}`;
  cases.push(
    chainCase('chain-azure-2015-at-2016', { ...azure, time: at2016 }, 'accept'),
    chainCase(
      'chain-azure-2015-at-2018',
      { ...azure, time: new Date('2018-06-01T00:00:00Z') },
      'reject',
      fails('EXPIRED'),
    ),
    chainCase(
      'chain-azure-2015-wrong-name',
      { ...azure, time: at2016, hostname: 'myhub.azure-devices.example' },
      'reject',
      fails('NAME_MISMATCH'),
    ),
    chainCase(
      'chain-azure-2015-no-intermediate',
      { ...azure, intermediates: [], time: at2016 },
      'reject',
      fails('UNKNOWN_ISSUER'),
    ),
    // The leaf and Microsoft IT SSL SHA2 both list clientAuth next to serverAuth in their EKU.
    chainCase('chain-azure-2015-client-auth', { ...azure, purpose: 'clientAuth', time: at2016 }, 'accept'),
  );
  return cases;
}

/**
 * A deterministic sample of x509-limbo: `perVerdict` SUCCESS and `perVerdict` FAILURE testcases,
 * the first by SHA-256 of their ids (stable when the suite is reordered), leaving out testcases of
 * features hubtrust declares unsupported. The verdict required is limbo's, or the exceptions
 * file's where hubtrust diverges on purpose.
 */
export function limboChainCases(perVerdict: number): CheckedCase[] {
  const exceptions = loadExceptions();
  const unsupported = new Set(Object.keys(exceptions.unsupportedFeatures));
  const rank = (t: LimboTestcase) => createHash('sha256').update(t.id).digest('hex');
  const eligible = loadLimbo()
    .filter((t) => !(t.features ?? []).some((f) => unsupported.has(f)))
    .sort((a, b) => (rank(a) < rank(b) ? -1 : 1));
  const cases: CheckedCase[] = [];
  for (const want of ['SUCCESS', 'FAILURE'] as const) {
    for (const t of eligible.filter((x) => x.expected_result === want).slice(0, perVerdict)) {
      const expected = exceptions.cases[t.id]?.result ?? t.expected_result;
      cases.push(chainCase(`limbo-${t.id}`, limboOptions(t), expected === 'SUCCESS' ? 'accept' : 'reject'));
    }
  }
  return cases;
}

/** Every chain case (initialises the package's module for the public API oracle). */
export function chainCases(limboPerVerdict = 120): CheckedCase[] {
  initSync();
  return [...realChainCases(), ...limboChainCases(limboPerVerdict)];
}

/**
 * Public-API calls for the browser page: verifyChain on the 2015 Azure IoT Hub chain (before and
 * after it expired) and on a limbo chain, and parseCertificate on the leaf. The runtimes test
 * requires Chromium's results to equal Node's, field for field.
 */
export function chainApiChecks(): ApiCheck[] {
  const hex = (b: Uint8Array) => ({ hex: Buffer.from(b).toString('hex') });
  const der = new Map(realCertificates().map((c) => [c.name, c.der]));
  const get = (slug: string) => hex(der.get(slug) as Uint8Array);
  const azure = {
    leaf: get('leaf-azure-devices-net-2015'),
    intermediates: [get('microsoft-it-ssl-sha2')],
    roots: [get('baltimore-cybertrust-root')],
    hostname: 'myhub.azure-devices.net',
  };
  const limbo = limboChainCases(1)[0]?.name.replace(/^limbo-/, '');
  const tc = loadLimbo().find((t) => t.id === limbo) as LimboTestcase;
  const { time, ...rest } = limboOptions(tc);
  return [
    {
      name: 'api-verify-azure-2016',
      call: 'verifyChain',
      args: [{ ...azure, time: { date: '2016-06-01T00:00:00Z' } }],
    },
    {
      name: 'api-verify-azure-2018',
      call: 'verifyChain',
      args: [{ ...azure, time: { date: '2018-06-01T00:00:00Z' } }],
    },
    {
      name: `api-verify-limbo-${tc.id}`,
      call: 'verifyChain',
      args: [{ ...rest, ...(time instanceof Date ? { time: { date: time.toISOString() } } : {}) }],
    },
    { name: 'api-parse-azure-leaf', call: 'parseCertificate', args: [azure.leaf] },
  ];
}
