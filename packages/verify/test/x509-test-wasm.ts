// Test helper: decodes certificates with the test build and reads the Cert struct.
import { CERT_LAYOUT, ERROR_CODES, type ErrorCode } from '../src/abi.generated.js';
import { loadTestWasm } from './test-wasm.js';

export interface X509TestExports {
  ioReserve(len: number): number;
  x509Decode(slot: number, ptr: number, len: number): number;
  x509CertPtr(slot: number): number;
  x509CertSize(): number;
  x509CertStride(): number;
  x509MaxCerts(): number;
}

/** One decode: the returned code, the struct fields, and byte ranges read from memory. */
/** A field name of the Cert record. */
export type CertField = keyof typeof CERT_LAYOUT;

/** Every numeric field of the Cert record at `ptr` (abi.json layouts.Cert; i64 times as numbers). */
export function readCertStruct(memory: WebAssembly.Memory, ptr: number): Record<CertField, number> {
  const dv = new DataView(memory.buffer);
  const out: Partial<Record<CertField, number>> = {};
  for (const [name, [offset, type]] of Object.entries(CERT_LAYOUT) as [
    CertField,
    [number, string, number],
  ][]) {
    const at = ptr + offset;
    out[name] =
      type === 'i64'
        ? Number(dv.getBigInt64(at, true))
        : type === 'i32'
          ? dv.getInt32(at, true)
          : dv.getUint32(at, true);
  }
  return out as Record<CertField, number>;
}

export interface Decoded {
  code: ErrorCode;
  f: Record<CertField, number>;
  /** Bytes of a (pointer field, its length field) pair, e.g. bytes('subject'). */
  bytes(field: CertField): Uint8Array;
  /** Offset of a pointer field from the start of the certificate. */
  offset(field: CertField): number;
}

let wasm: (X509TestExports & { memory: WebAssembly.Memory }) | undefined;

/** The shared test instance. */
export function x509Wasm(): X509TestExports & { memory: WebAssembly.Memory } {
  wasm ??= loadTestWasm<X509TestExports>();
  return wasm;
}

/** Decodes `der` into slot `slot` (default 0). */
export function decodeCert(der: Uint8Array, slot = 0): Decoded {
  const w = x509Wasm();
  const p = w.ioReserve(der.length);
  new Uint8Array(w.memory.buffer).set(der, p);
  const e = w.x509Decode(slot, p, der.length);
  const f = readCertStruct(w.memory, w.x509CertPtr(slot));
  return {
    code: ERROR_CODES[e] as ErrorCode,
    f,
    bytes(field) {
      const len = f[`${field}Len` as CertField];
      return new Uint8Array(w.memory.buffer.slice(f[field], f[field] + len));
    },
    offset(field) {
      return f[field] - p;
    },
  };
}
