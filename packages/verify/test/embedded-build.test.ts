// The embedded build (asconfig target "embedded", build/verify.embedded.wasm: the chain build of
// hosts/mcu/) runs rolled field and hash code and has device limits (assembly/build-options.ts).
// Run in Node here, its answers are held to the portable verify.wasm's on the inputs that reach
// that code hardest: every Wycheproof signature vector through verifySignature (RSA PKCS#1 v1.5
// and PSS up to 4096 bits, ECDSA on P-256 and P-384 with DER signatures, Ed25519), and digests
// of every length around the block boundaries against node:crypto. The board run of the same
// module is mcu.test.ts.
//
// Differences allowed, and only these: Ed25519 is UNSUPPORTED_ALGORITHM in the chain build (no
// Ed25519 by default on devices), and so is an RSA key above its 4,096-bit limit. Every other
// vector must get the very same code.
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { hex } from '@hubtrust/test-pki';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, REQUEST_LAYOUT, RequestFlag } from '../src/abi.generated.js';
import { encodeChainRequest } from './chain-request.js';
import { loadLimbo } from './limbo.js';
import { limboOptions } from './limbo-harness.js';
import {
  loadWycheproof,
  WYCHEPROOF_DIR,
  type WycheproofSpkiGroup,
  type WycheproofTest,
} from './wycheproof.js';
import { realCertificates } from './x509-cases.js';

interface Exports {
  memory: WebAssembly.Memory;
  ioReserve(len: number): number;
  hashDigest(alg: number, data: number, len: number, out: number): number;
  verifySignature(...args: number[]): number;
  verifyChain(req: number, len: number): number;
}

const load = (file: string) =>
  new WebAssembly.Instance(
    new WebAssembly.Module(readFileSync(new URL(`../build/${file}`, import.meta.url))),
    {},
  ).exports as unknown as Exports;
const embedded = load('verify.embedded.wasm');
const portable = load('verify.wasm');

const UNSUPPORTED = ERROR_CODES.indexOf('UNSUPPORTED_ALGORITHM');
/** Hash ids of the ABI (assembly/crypto/hash.ts HashAlg) and node:crypto's names. */
const HASHES: Record<string, [number, string]> = {
  'SHA-1': [1, 'sha1'],
  'SHA-256': [2, 'sha256'],
  'SHA-384': [3, 'sha384'],
  'SHA-512': [4, 'sha512'],
};
/** Signature kinds of verifySignature (x509/cert.ts SIG_*). */
const KINDS: Record<string, number> = {
  RsassaPkcs1Verify: 1,
  RsassaPssVerify: 2,
  RsassaPssWithParametersVerify: 2,
  EcdsaVerify: 3,
  EddsaVerify: 4,
};

/** Copies the parts into the module's IO area; returns their offsets. */
function place(wasm: Exports, parts: Uint8Array[]): number[] {
  const total = parts.reduce((n, p) => n + p.length, 0);
  let at = wasm.ioReserve(total);
  const mem = new Uint8Array(wasm.memory.buffer);
  return parts.map((p) => {
    mem.set(p, at);
    at += p.length;
    return at - p.length;
  });
}

type Group = WycheproofSpkiGroup;

function verify(wasm: Exports, g: Group, t: WycheproofTest): number {
  const hash = g.sha ? (HASHES[g.sha]?.[0] ?? 99) : 0;
  const mgf1 = g.mgfSha ? (HASHES[g.mgfSha]?.[0] ?? 99) : 0;
  const [spki, data, sig] = [hex(g.publicKeyDer), hex(t.msg), hex(t.sig)];
  const [ps, pd, pg] = place(wasm, [spki, data, sig]) as [number, number, number];
  const kind = KINDS[g.type];
  if (kind === undefined) throw new Error(`unexpected group type ${g.type}`);
  return wasm.verifySignature(
    kind,
    hash,
    mgf1,
    g.sLen ?? 0,
    ps,
    spki.length,
    pd,
    data.length,
    pg,
    sig.length,
  );
}

/**
 * Every signature file of test-data/wycheproof (the DER-signature ones: the P1363 files are raw
 * r || s, which X.509 does not carry).
 */
const FILES = readdirSync(WYCHEPROOF_DIR)
  .filter((f) => /^(ecdsa|ed25519|rsa)_.*_test\.json\.gz$/.test(f) && !f.includes('p1363'))
  .map((f) => f.replace(/\.gz$/, ''))
  .sort();

/** Bytes of a wasm module's data section (id 11): what its data segments put in flash. */
function dataSectionBytes(wasm: Uint8Array): number {
  let at = 8;
  const leb = () => {
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = wasm[at++] as number;
      v += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return v;
    }
  };
  while (at < wasm.length) {
    const id = wasm[at++];
    const size = leb();
    if (id === 11) return size;
    at += size;
  }
  return 0;
}

describe('the embedded build stays a device build', () => {
  const config = JSON.parse(readFileSync(new URL('../asconfig.json', import.meta.url), 'utf8'));
  const bytes = readFileSync(new URL('../build/verify.embedded.wasm', import.meta.url));

  it('has no SIMD and a one-page maximum, from the asconfig target "embedded"', () => {
    const target = config.targets.embedded;
    expect(target.enable ?? []).not.toContain('simd');
    expect(target.maximumMemory).toBe(1);
    expect(target.use).toEqual(['HUBTRUST_TARGET=1', 'HUBTRUST_ED25519=0']);
  });

  it('carries under 8 KiB of data segments (no precomputed tables beyond the small G tables)', () => {
    // 6.5 KiB today (67 segments): hash and curve constants, the wNAF G tables (2.5 KiB), OIDs. A
    // table built for speed (comb tables for the ECDSA base point, ~10 KiB) does not belong here.
    expect(dataSectionBytes(bytes)).toBeGreaterThan(4096);
    expect(dataSectionBytes(bytes)).toBeLessThan(8192);
  });
});

describe('the embedded build answers as the portable verify.wasm', () => {
  it('refuses the issuance rules (the strict profile): INVALID_ARGUMENT, not a verdict', () => {
    const tc = loadLimbo().find((c) => c.id === 'webpki::san::leftmost-wildcard-san');
    if (!tc) throw new Error('limbo case missing');
    const call = (wasm: Exports, issuanceRules: boolean) => {
      const req = encodeChainRequest({ ...limboOptions(tc), issuanceRules });
      const [at] = place(wasm, [req]) as [number];
      return ERROR_CODES[wasm.verifyChain(at, req.length)];
    };
    expect([call(embedded, false), call(embedded, true)]).toEqual(['OK', 'INVALID_ARGUMENT']);
    expect([call(portable, false), call(portable, true)]).toEqual(['OK', 'OK']);
  });

  it('reads the Wycheproof signature files', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(24);
  });

  it.each(FILES)('Wycheproof %s through verifySignature: the same code for every vector', (file) => {
    const groups = loadWycheproof<Group>(`${file}.gz`).testGroups;
    const differ: string[] = [];
    let accepted = 0;
    let total = 0;
    for (const g of groups)
      for (const t of g.tests) {
        const want = verify(portable, g, t);
        const got = verify(embedded, g, t);
        total++;
        if (got === 0) accepted++;
        const allowed = g.type === 'EddsaVerify' && got === UNSUPPORTED;
        if (got !== want && !allowed)
          differ.push(`tcId ${t.tcId}: ${ERROR_CODES[got]} vs ${ERROR_CODES[want]}`);
      }
    expect(differ.slice(0, 10)).toEqual([]);
    expect(total).toBeGreaterThan(50);
    // Ed25519 is out of the chain build: nothing accepted; every other file has valid vectors.
    if (file.startsWith('ed25519')) expect(accepted).toBe(0);
    else expect(accepted).toBeGreaterThan(0);
  });

  it('an RSA key above the build limit (4,608 bits > 4,096) is UNSUPPORTED_ALGORITHM, not a verdict', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 4608 });
    const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
    const data = new TextEncoder().encode('a message');
    const sig = new Uint8Array(sign('sha256', data, privateKey));
    const run = (wasm: Exports) => {
      const [ps, pd, pg] = place(wasm, [spki, data, sig]) as [number, number, number];
      return wasm.verifySignature(1, 2, 0, 0, ps, spki.length, pd, data.length, pg, sig.length);
    };
    expect(run(portable)).toBe(0);
    expect(run(embedded)).toBe(UNSUPPORTED);
  });

  it('digests of 0..600 bytes and 4 KiB equal node:crypto for SHA-1, SHA-256, SHA-384, SHA-512', () => {
    const input = new Uint8Array(4096).map((_, i) => (i * 131 + 7) & 0xff);
    const lengths = [...Array.from({ length: 601 }, (_, i) => i), 4096];
    let checked = 0;
    for (const [id, name] of Object.values(HASHES))
      for (const len of lengths) {
        const [pd, po] = place(embedded, [input.subarray(0, len), new Uint8Array(64)]) as [number, number];
        const n = embedded.hashDigest(id, pd, len, po);
        const got = Buffer.from(embedded.memory.buffer, po, n).toString('hex');
        expect(got).toBe(createHash(name).update(input.subarray(0, len)).digest('hex'));
        checked++;
      }
    expect(checked).toBe(4 * 602);
  });
});

describe('the embedded build leaves the device-stack options out (build-options.ts)', () => {
  // The Azure IoT Hub chain of 2016, valid at that time: both builds accept it without options.
  const der = new Map(realCertificates().map((c) => [c.name, c.der]));
  const request = encodeChainRequest({
    leaf: der.get('leaf-azure-devices-net-2015') as Uint8Array,
    intermediates: [der.get('microsoft-it-ssl-sha2') as Uint8Array],
    roots: [der.get('baltimore-cybertrust-root') as Uint8Array],
    hostname: 'myhub.azure-devices.net',
    time: new Date('2016-06-01T00:00:00Z'),
  });
  const run = (wasm: Exports, bytes: Uint8Array) => {
    const [p] = place(wasm, [bytes]) as [number];
    return ERROR_CODES[wasm.verifyChain(p, bytes.length)];
  };
  const withField = (field: keyof typeof REQUEST_LAYOUT, value: number) => {
    const bytes = Uint8Array.from(request);
    const dv = new DataView(bytes.buffer);
    const at = REQUEST_LAYOUT[field][0];
    dv.setUint32(at, (dv.getUint32(at, true) | value) >>> 0, true);
    return bytes;
  };

  it('accepts the chain without options in both builds', () => {
    expect(run(portable, request)).toBe('OK');
    expect(run(embedded, request)).toBe('OK');
  });

  // Usage, critical-extension, validity-end and algorithm options and the no-clock bit (issue 12).
  it.each([
    ['leafKeyUsage', 1],
    ['ekuScope', 1],
    ['criticalExtensions', 1 << 30],
    ['criticalExtensions', 0x80000000],
    ['algorithms', 1 << 30],
    ['flags', RequestFlag.IGNORE_ISSUER_KEY_USAGE],
    ['flags', RequestFlag.NO_ANY_EKU],
    ['flags', RequestFlag.VALIDITY_END_EXCLUSIVE],
    ['flags', RequestFlag.PREDICT_NO_CLOCK],
  ] as const)(
    'a request setting %s = %i is INVALID_ARGUMENT there, a verdict in verify.wasm',
    (field, value) => {
      const bytes = withField(field, value);
      expect(run(embedded, bytes)).toBe('INVALID_ARGUMENT');
      expect(run(portable, bytes)).not.toBe('INVALID_ARGUMENT');
    },
  );
});
