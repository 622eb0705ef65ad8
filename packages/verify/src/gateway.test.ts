// The call gateway (gateway.ts): every part of the API reaches verify.wasm through it, so a trap
// anywhere becomes a typed INTERNAL error and a fresh instance, and an error number the host does
// not know is INTERNAL everywhere. Stand-in modules (written in WAT, assembled with wabt's
// wat2wasm) make the module trap or answer with unknown numbers on purpose; the real module is
// put back after each test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leaf, root } from '@hubtrust/test-pki';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ABI_HASH, ERROR_CODES } from './abi.generated.js';
import { ERROR_DETAILS, errorCode, errorDetail } from './errors.js';
import { createHash, parseCertificate, sha256, VerifyError, verifyChain, verifySignature } from './index.js';
import { gateway, initSync, wasmBytes } from './wasm.js';

const dir = mkdtempSync(join(tmpdir(), 'hubtrust-gateway-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The exports the API calls, with their parameter counts. */
const EXPORTS: Record<string, number> = {
  hashDigest: 4,
  hashInit: 2,
  hashUpdate: 3,
  hashFinal: 2,
  verifySignature: 10,
  x509Decode: 3,
  x509CertPtr: 1,
  x509IterStart: 4,
  x509IterNext: 1,
  verifyChain: 2,
  verifyResultPtr: 0,
};

/**
 * A stand-in for verify.wasm: real memory, ioReserve and ABI identification, and `body` (WAT
 * instructions producing an i32) as the body of every other export the API calls.
 */
function standIn(name: string, body: string, hash = ABI_HASH): Uint8Array {
  const funcs = Object.entries(EXPORTS).map(
    ([fn, n]) =>
      `(func (export "${fn}") ${n ? `(param${' i32'.repeat(n)})` : ''} (result i32) ${fn === 'verifyResultPtr' ? '(i32.const 2048)' : body})`,
  );
  const wat = `(module
  (memory (export "memory") 4)
  (func (export "abiVersion") (result i32) (i32.const 1))
  (func (export "abiHash") (result i32) (i32.const ${hash | 0}))
  (func (export "ioReserve") (param i32) (result i32) (i32.const 4096))
  ${funcs.join('\n  ')})`;
  const src = join(dir, `${name}.wat`);
  const out = join(dir, `${name}.wasm`);
  writeFileSync(src, wat);
  execFileSync('wat2wasm', [src, '-o', out]);
  return new Uint8Array(readFileSync(out));
}

const trapping = standIn('trapping', 'unreachable');
const unknownCodes = standIn('unknown', '(i32.const 200)');

initSync();
const chain = (() => {
  const r = root({ cn: 'Gateway Root' });
  const l = leaf(r, { cn: 'device.example', san: [{ dns: 'device.example' }] });
  return { leaf: l.der, roots: [r.der], hostname: 'device.example', time: new Date('2030-01-01') };
})();
const spki = chain.roots[0] as Uint8Array; // any bytes: the stand-ins never read them
const signatureInput = {
  algorithm: { name: 'ECDSA', hash: 'SHA-256' } as const,
  publicKey: spki,
  data: new Uint8Array(4),
  signature: new Uint8Array(8),
};

afterEach(() => gateway.load(wasmBytes()));

/** The VerifyError `fn` throws. */
function thrown(fn: () => unknown): VerifyError {
  try {
    fn();
  } catch (e) {
    if (e instanceof VerifyError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('the call gateway', () => {
  it('turns a trap in every API into INTERNAL and re-instantiates the module each time', () => {
    gateway.load(trapping);
    const before = gateway.instantiations;
    const r = verifyChain(chain);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(r.ok ? '' : r.error.message).toMatch(/trapped in verifyChain \(unreachable\).*re-instantiated/);
    for (const [what, fn] of [
      ['parseCertificate', () => parseCertificate(chain.leaf)],
      ['verifySignature', () => verifySignature(signatureInput)],
      ['hashDigest', () => sha256(new Uint8Array(3))],
      ['hashInit', () => createHash('SHA-256')],
    ] as const) {
      const e = thrown(fn);
      expect(e.code, what).toBe('INTERNAL');
      expect(e.message, what).toContain(`trapped in ${what}`);
    }
    expect(gateway.instantiations - before).toBe(5);
  });

  it('keeps working after a trap: the next call runs on a fresh instance', () => {
    gateway.load(trapping);
    expect(thrown(() => sha256(new Uint8Array(1))).code).toBe('INTERNAL');
    gateway.load(wasmBytes());
    const h = createHash('SHA-256').update(new TextEncoder().encode('abc'));
    expect(Buffer.from(h.digest()).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(verifyChain(chain)).toMatchObject({ ok: true });
    expect(parseCertificate(chain.leaf).subject.text).toBe('CN=device.example');
  });

  it('maps an error number the table does not know to INTERNAL, in every API', () => {
    expect(errorCode(ERROR_CODES.length)).toBe('INTERNAL');
    expect(errorCode(3)).toBe('BAD_SIGNATURE');
    gateway.load(unknownCodes);
    expect(verifyChain(chain)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(thrown(() => verifySignature(signatureInput)).code).toBe('INTERNAL');
    expect(thrown(() => sha256(new Uint8Array(1))).code).toBe('INTERNAL');
  });

  it('refuses a module built for another ABI', () => {
    const other = standIn('other-abi', 'unreachable', (ABI_HASH ^ 1) >>> 0);
    expect(() => gateway.load(other)).toThrow(/ABI hash/);
  });

  it('gives every API one detail representation', () => {
    expect(ERROR_DETAILS.map((d) => d.code)).toContain(236);
    expect(errorDetail(201).name).toBe('EXPIRED');
    expect(errorDetail(45).name).toBe('SERIAL_ZERO');
    expect(errorDetail(999)).toEqual({ code: 999, name: 'DETAIL_999', text: 'detail 999' });
    expect(errorDetail(236)).toEqual({ code: 236, name: 'NAME_NOT_IN_SAN', text: expect.any(String) });
    const chainError = verifyChain({ ...chain, hostname: 'other.example' });
    expect(chainError.ok ? undefined : chainError.error.reason).toEqual(errorDetail(236));
    const broken = chain.leaf.slice(0, chain.leaf.length - 1);
    const e = thrown(() => parseCertificate(broken));
    expect(e.code).toBe('MALFORMED');
    expect(e.reason).toEqual(errorDetail(2)); // CERT_SEQUENCE
    expect(e.detail).toBe(`${e.reason?.name}: ${e.reason?.text}`);
  });
});
