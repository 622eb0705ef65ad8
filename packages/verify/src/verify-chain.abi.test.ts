// The raw verifyChain export as a non-JS host sees it (assembly/path/request.ts): malformed
// requests return a code, never trap, and never read outside the request.

import { leaf, root, T } from '@hubtrust/test-pki';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadTestWasm } from '../test/test-wasm.js';
import { ERROR_CODES, REQUEST_SIZE } from './abi.generated.js';

interface Abi {
  memory: WebAssembly.Memory;
  ioReserve(len: number): number;
  verifyChain(req: number, len: number): number;
  verifyResultPtr(): number;
}

const w = loadTestWasm<Abi>();
const code = (n: number) => ERROR_CODES[n];

/** Writes `bytes` as a request and calls verifyChain(req, len ?? bytes.length). */
function call(bytes: Uint8Array, len = bytes.length): string | undefined {
  const p = w.ioReserve(Math.max(bytes.length, 8));
  new Uint8Array(w.memory.buffer).set(bytes, p);
  return code(w.verifyChain(p, len));
}

/** The request header: the 64 bytes of issue 11 and the fields issue 12 appended (all 0 here). */
const HEADER = REQUEST_SIZE;

/** A well-formed request for one leaf and one root (DNS name optional). */
function request(certs: Uint8Array[], roots: number, name?: string): Uint8Array {
  const nameBytes = new TextEncoder().encode(name ?? '');
  const table = HEADER + certs.length * 8;
  const total = table + certs.reduce((s, c) => s + c.length, 0) + nameBytes.length;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 1, true);
  dv.setUint32(4, certs.length - 1 - roots, true);
  dv.setUint32(8, roots, true);
  dv.setUint32(20, 0xffffffff, true);
  dv.setBigInt64(28, BigInt(Math.floor(T.getTime() / 1000)), true);
  let at = table;
  certs.forEach((c, i) => {
    dv.setUint32(HEADER + i * 8, at, true);
    dv.setUint32(HEADER + i * 8 + 4, c.length, true);
    out.set(c, at);
    at += c.length;
  });
  if (name) {
    dv.setUint32(36, 1, true);
    dv.setUint32(40, at, true);
    dv.setUint32(44, nameBytes.length, true);
    out.set(nameBytes, at);
  }
  return out;
}

describe('verifyChain ABI', () => {
  const r = root({ cn: 'ABI Root' });
  const e = leaf(r, { san: [{ dns: 'abi.example' }] });

  it('verifies a well-formed request and writes the path into the result', () => {
    expect(call(request([e.der, r.der], 1, 'abi.example'))).toBe('OK');
    const dv = new DataView(w.memory.buffer);
    const res = w.verifyResultPtr();
    expect(dv.getUint32(res + 32, true)).toBe(2);
    expect([dv.getUint32(res + 36, true), dv.getUint32(res + 40, true)]).toEqual([0, 1]);
  });

  it('refuses malformed headers and tables with a code', () => {
    const good = request([e.der, r.der], 1);
    expect(call(good.slice(0, HEADER - 1))).toBe('INVALID_ARGUMENT');
    const badVersion = Uint8Array.from(good);
    badVersion[0] = 2;
    expect(call(badVersion)).toBe('INVALID_ARGUMENT');
    const noRoots = request([e.der, r.der], 0);
    expect(call(noRoots)).toBe('INVALID_ARGUMENT');
    const tooMany = Uint8Array.from(good);
    new DataView(tooMany.buffer).setUint32(4, 300, true);
    expect(call(tooMany)).toBe('INPUT_TOO_LARGE');
    const pastEnd = Uint8Array.from(good);
    new DataView(pastEnd.buffer).setUint32(HEADER + 12, 1 << 30, true); // root length
    expect(call(pastEnd)).toBe('INVALID_ARGUMENT');
    const intoHeader = Uint8Array.from(good);
    new DataView(intoHeader.buffer).setUint32(HEADER, 8, true); // leaf offset inside the header
    expect(call(intoHeader)).toBe('INVALID_ARGUMENT');
    // Out-of-range leafKeyUsage (offset 88) and ekuScope (92) ids.
    for (const [at, v] of [
      [88, 4],
      [92, 3],
    ] as const) {
      const bad = Uint8Array.from(good);
      new DataView(bad.buffer).setUint32(at, v, true);
      expect(call(bad), `offset ${at}`).toBe('INVALID_ARGUMENT');
    }
    expect(call(good, good.length - 1)).toBe('INVALID_ARGUMENT'); // last byte outside len
  });

  it('returns a known code for garbage in the header and table (no trap)', () => {
    const good = request([e.der, r.der], 1, 'abi.example');
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 80, maxLength: 80 }), fc.nat({ max: 79 }), (garbage, keep) => {
        const req = Uint8Array.from(good);
        req.set(garbage.subarray(keep), keep); // keep a prefix of the valid header, garble the rest
        expect(call(req)).toBeDefined();
      }),
      { numRuns: 500 },
    );
  });
});
