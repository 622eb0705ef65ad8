// Test helper: decodes certificates with the test build and reads the Cert struct.
import { ERROR_CODES, type ErrorCode } from '../abi.generated.js';
import { type CertField, readCertStruct } from '../x509-layout.js';
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
